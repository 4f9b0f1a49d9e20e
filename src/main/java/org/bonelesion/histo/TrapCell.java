package org.bonelesion.histo;

import java.util.List;

/**
 * One counted cell: an osteoclast (tissue mode) or a TRAP+ multinucleated cell (culture).
 * Coordinates are pixel indices of the whole image.
 *
 * @param anchorX    x of the cell's first pixel in raster order (identifies it across tiles)
 * @param anchorY    y of that pixel
 * @param areaPixels pixels of the cell profile (holes filled)
 * @param nuclei     centres of its nuclei
 * @param contactPixels bone perimeter it covers, in pixel lengths (0 in culture)
 * @param centroidX  mean x of its pixels
 * @param centroidY  mean y of its pixels
 */
public record TrapCell(int anchorX, int anchorY, long areaPixels, List<int[]> nuclei, double contactPixels, double centroidX, double centroidY) {}
