package org.bonelesion.histo;

import java.util.List;

import org.bonelesion.core.RgbImage;

/**
 * What a TRAP analysis found, in pixel units (multiply by the pixel size or its square).
 *
 * @param tissuePixels   tissue (not empty glass), bone included
 * @param bonePixels     bone matrix
 * @param tumourPixels   tumour (tissue mode)
 * @param trapPixels     TRAP-positive pixels of the counted cells' profiles
 * @param bonePerimeter  bone perimeter, pixel lengths (marching squares)
 * @param ocPerimeter    bone perimeter covered by osteoclasts, pixel lengths
 * @param cells          the counted cells, in raster order of their anchors
 * @param rejected       TRAP+ profiles (larger than debris) that were not counted
 * @param overlay        the overlay image
 * @param overlayScale   how many image pixels one overlay pixel spans along each axis
 * @param margin         tile overlap in pixels
 * @param tiles          number of tiles
 * @param cycle          woven bone, osteoblasts, eroded surface, tumour-bone interface (tissue mode; null in culture)
 */
public record TrapResult(long tissuePixels, long bonePixels, long tumourPixels, long trapPixels, double bonePerimeter, double ocPerimeter,
	List<TrapCell> cells, int rejected, RgbImage overlay, int overlayScale, int margin, int tiles,
	ViciousCycleMeasures cycle) {}
