package org.bonelesion.histo;

/**
 * Perimeter estimator: the length of the iso-line of a sampled field at a level, traced by
 * marching squares with linear interpolation along the cell edges (Lorensen &amp; Cline's
 * scheme in 2D). Because the crossing points move continuously with the field values, an
 * edge at any angle gives a straight segment rather than the pixel staircase whose length
 * (the number of boundary pixel edges) overestimates a disc's perimeter by 4/pi, 27 %.
 *
 * <p>For a binary mask the field is the mask smoothed by a 3 x 3 box and the level 1/2
 * ({@link #ofMask}); on discs of radius 10 to 60 pixels and on squares at any rotation this
 * is within about 2 % of the true perimeter (tested). The analyses apply it directly to the
 * smoothed stain amount at the segmentation threshold.
 *
 * <p>Cells: cell (x, y) has corners (x, y), (x+1, y), (x+1, y+1), (x, y+1). The ambiguous
 * saddle cells are resolved by the mean of the four corners. Everything is in pixel units;
 * multiply by the pixel size.
 */
public final class ContourLength {

	private ContourLength() {}

	/**
	 * Length in pixels of the iso-line in cell (x, y) of an int field {@code f} of the given
	 * width, "inside" meaning {@code value > level}.
	 */
	public static double cell(int[] f, int width, int x, int y, double level) {
		int i = y * width + x;
		return cell(f[i], f[i + 1], f[i + width + 1], f[i + width], level);
	}

	/** Length in pixels of the iso-line inside one cell with corners a (top-left), b (top-right), c (bottom-right), d (bottom-left). */
	public static double cell(double a, double b, double c, double d, double level) {
		int code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
		if (code == 0 || code == 15) return 0;
		// crossing positions along the four edges (top, right, bottom, left)
		switch (code) {
			case 1: case 14: return seg(0, t(a, b, level), t(a, d, level), 0);
			case 2: case 13: return seg(t(a, b, level), 0, 1, t(b, c, level));
			case 4: case 11: return seg(1, t(b, c, level), t(d, c, level), 1);
			case 8: case 7: return seg(0, t(a, d, level), t(d, c, level), 1);
			case 3: case 12: return seg(0, t(a, d, level), 1, t(b, c, level));
			case 6: case 9: return seg(t(a, b, level), 0, t(d, c, level), 1);
			case 5: case 10: {
				double centre = (a + b + c + d) / 4;
				boolean centreIn = centre > level;
				boolean aIn = code == 5;
				// corners a and c on one side, b and d on the other
				if (centreIn == aIn) {
					// the inside (a, c) is joined through the centre: cut off b and d
					return seg(t(a, b, level), 0, 1, t(b, c, level)) + seg(0, t(a, d, level), t(d, c, level), 1);
				}
				return seg(0, t(a, d, level), t(a, b, level), 0) + seg(1, t(b, c, level), t(d, c, level), 1);
			}
			default: return 0;
		}
	}

	/** Crossing parameter along an edge from value p to value q. */
	private static double t(double p, double q, double level) {
		double d = q - p;
		return d == 0 ? 0.5 : (level - p) / d;
	}

	private static double seg(double x0, double y0, double x1, double y1) {
		return Math.hypot(x1 - x0, y1 - y0);
	}

	/** Perimeter in pixels of an int field's iso-line over all cells. */
	public static double length(int[] f, int width, int height, double level) {
		double sum = 0;
		for (int y = 0; y + 1 < height; y++) for (int x = 0; x + 1 < width; x++) sum += cell(f, width, x, y, level);
		return sum;
	}

	/**
	 * Perimeter in pixels of the foreground (nonzero) of a binary mask: the mask, padded by
	 * one background pixel on every side, smoothed by a 3 x 3 box, iso-line at 4.5 ninths.
	 */
	public static double ofMask(byte[] mask, int width, int height) {
		int pw = width + 4, ph = height + 4;
		int[] padded = new int[pw * ph];
		for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) if (mask[y * width + x] != 0) padded[(y + 2) * pw + x + 2] = 1;
		int[] sums = new int[padded.length];
		BoxSums.sum(padded, pw, ph, 1, sums);
		return length(sums, pw, ph, 4.5);
	}
}
