package org.bonelesion.histo;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.Connectivity;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.Labeling;

/**
 * The geometry of one padded tile of a section: its size, the core rectangle whose pixels and
 * contour cells it reports, and which of its four sides are cuts through the image (rather than
 * the image's own border). Distances and labels are in pixels of the tile.
 *
 * @param width     padded tile width
 * @param height    padded tile height
 * @param coreX0    first core column
 * @param coreY0    first core row
 * @param coreX1    one past the last core column
 * @param coreY1    one past the last core row
 * @param cutLeft   the tile's left side lies inside the image
 * @param cutTop    its top side lies inside the image
 * @param cutRight  its right side lies inside the image
 * @param cutBottom its bottom side lies inside the image
 */
public record TileFrame(int width, int height, int coreX0, int coreY0, int coreX1, int coreY1, boolean cutLeft, boolean cutTop, boolean cutRight,
	boolean cutBottom) {

	private static final Spacing UNIT = Spacing.isotropicMicrons(1000); // 1 pixel = 1 "mm": distances in pixels

	/**
	 * The frame of the sub-rectangle [x0, x1) x [y0, y1) of this tile (clipped to it), with this
	 * tile's core clipped to it: a side of the rectangle is a cut unless it lies on a side of
	 * this tile that is not one. Pixel (x, y) of the sub-frame is pixel (x + x0, y + y0) here.
	 */
	TileFrame sub(int x0, int y0, int x1, int y1) {
		x0 = Math.max(0, x0);
		y0 = Math.max(0, y0);
		x1 = Math.min(width, x1);
		y1 = Math.min(height, y1);
		return new TileFrame(x1 - x0, y1 - y0, Math.max(0, coreX0 - x0), Math.max(0, coreY0 - y0), Math.min(x1, coreX1) - x0, Math.min(y1, coreY1) - y0,
			x0 > 0 || cutLeft, y0 > 0 || cutTop, x1 < width || cutRight, y1 < height || cutBottom);
	}

	/** The frame around this tile's core widened by {@code margin} pixels on every side (clipped to the tile), see {@link #sub}. */
	TileFrame aroundCore(int margin) {
		return sub(coreX0 - margin, coreY0 - margin, coreX1 + margin, coreY1 + margin);
	}

	/** The pixels of a sub-rectangle of a per-pixel array of this tile. */
	static byte[] crop(byte[] a, int width, int x0, int y0, int w, int h) {
		byte[] out = new byte[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(a, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}

	/** A whole image as one tile (no cuts). */
	public static TileFrame whole(int width, int height) {
		return new TileFrame(width, height, 0, 0, width, height, false, false, false, false);
	}

	/** True if pixel (x, y) lies on a side of the tile that is a cut through the image. */
	public boolean onCut(int x, int y) {
		// non-short-circuit operators: no branch whose bias depends on the tile (a compiled caller is not deoptimised by a tile unlike the first ones)
		return (cutLeft & x == 0) | (cutTop & y == 0) | (cutRight & x == width - 1) | (cutBottom & y == height - 1);
	}

	/** True if a pixel of the box [minX, maxX] x [minY, maxY] lies on a cut: {@link #onCut} of some pixel of a region with this bounding box. */
	boolean boxOnCut(int minX, int minY, int maxX, int maxY) {
		return (cutLeft && minX == 0) || (cutTop && minY == 0) || (cutRight && maxX == width - 1) || (cutBottom && maxY == height - 1);
	}

	/** True if pixel (x, y) is in the core. */
	public boolean inCore(int x, int y) {
		return x >= coreX0 && x < coreX1 && y >= coreY0 && y < coreY1;
	}

	/** True if contour cell (x, y) (corners (x, y) to (x+1, y+1)) is one this tile reports. */
	public boolean reportsCell(int x, int y) {
		return x >= coreX0 && x < Math.min(coreX1, width - 1) && y >= coreY0 && y < Math.min(coreY1, height - 1);
	}

	/** For every zero pixel of {@code mask}, the Euclidean distance in pixels to the nearest nonzero one (0 on the mask; +Infinity if none). */
	float[] distanceTo(byte[] mask) {
		return DistanceTransform.distances2d(new ByteVolume(width, height, UNIT, new byte[][] { mask }), false, Parallel.of(1)).slice(0);
	}

	/** 8-connected components of the nonzero pixels, labelled 1..count in raster order of their first pixel. */
	Labeling.Result label(byte[] mask) {
		return Labeling.label(new ByteVolume(width, height, UNIT, new byte[][] { mask }), Connectivity.EIGHT, Parallel.of(1));
	}

	/** The arena key of the label array of {@link #label(byte[], TileArena)}. */
	static final String LABELS = "frame.labels";

	/**
	 * {@link #label(byte[])} into the arena's label array under {@link #LABELS}: valid until the
	 * arena's next labelling with that key (use {@link #label(byte[], TileArena, String)} for
	 * two labellings alive at once).
	 */
	Labeling.Result label(byte[] mask, TileArena arena) {
		return label(mask, arena, LABELS);
	}

	/** {@link #label(byte[])} into the arena's int array under {@code key} (stale contents are overwritten). */
	Labeling.Result label(byte[] mask, TileArena arena, String key) {
		int[] labels = arena.ints(key, width * height);
		return Labeling.label(new ByteVolume(width, height, UNIT, new byte[][] { mask }), Connectivity.EIGHT, Parallel.of(1), new int[][] { labels });
	}

	/**
	 * {@link #label(byte[])} into the first width * height elements of {@code labels} (any
	 * contents, may be longer; the mask too may be longer), e.g. an arena's array of at least
	 * that length shared by tiles of several shapes.
	 *
	 * @return the number of components
	 */
	int label(byte[] mask, int[] labels) {
		return Labeling.label(mask, width, height, Connectivity.EIGHT, labels);
	}

	/** The label array of a labelling. */
	static int[] labels(Labeling.Result r) {
		IntVolume v = r.labels();
		return v.slice(0);
	}

	/** Component statistics: for each label 1..count, {minX, minY, maxX, maxY, pixels, touchesCut(0/1), intersectsCore(0/1)}. */
	int[][] boxes(int[] labels, int count) {
		return boxes(labels, count, null);
	}

	/** {@link #boxes(int[], int)} of a labelling of {@code mask} (nonzero exactly where labelled; null: not known), skipping its zero runs 8 bytes at a time. */
	int[][] boxes(int[] labels, int count, byte[] mask) {
		int[][] b = new int[count + 1][];
		for (int k = 1; k <= count; k++) b[k] = new int[] { width, height, -1, -1, 0, 0, 0 };
		for (int y = 0; y < height; y++) {
			int off = y * width;
			boolean rowCut = (cutTop && y == 0) || (cutBottom && y == height - 1), rowCore = y >= coreY0 && y < coreY1;
			for (int x = 0; x < width; x++) {
				if (mask != null) {
					x = ByteRuns.nextNonzero(mask, off + x, off + width) - off;
					if (x >= width) break;
				}
				int k = labels[off + x];
				if (k == 0) continue;
				// the run [x, end] of this label along the row, counted at once
				int end = x;
				while (end + 1 < width && labels[off + end + 1] == k) end++;
				int[] s = b[k];
				if (x < s[0]) s[0] = x;
				if (y < s[1]) s[1] = y;
				if (end > s[2]) s[2] = end;
				if (y > s[3]) s[3] = y;
				s[4] += end - x + 1;
				if (rowCut || (cutLeft && x == 0) || (cutRight && end == width - 1)) s[5] = 1;
				if (rowCore && x < coreX1 && end >= coreX0) s[6] = 1;
				x = end;
			}
		}
		return b;
	}
}
