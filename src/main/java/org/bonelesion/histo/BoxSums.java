package org.bonelesion.histo;

/**
 * Box (square window) sums of integer images, computed with running sums so that the cost
 * does not depend on the radius. Integer arithmetic makes every sum exact: the value at a
 * pixel does not depend on where a tile starts, which is what makes tiled analysis
 * independent of the tiling. Pixels outside the image take the value of the nearest edge
 * pixel (clamp to edge).
 */
public final class BoxSums {

	private BoxSums() {}

	/**
	 * Sums of {@code in} over the (2r+1) x (2r+1) window centred on each pixel, into
	 * {@code out} (which may not be {@code in}). Sums must fit in an int.
	 */
	public static void sum(int[] in, int width, int height, int r, int[] out) {
		if (r <= 0) {
			System.arraycopy(in, 0, out, 0, width * height);
			return;
		}
		int[] line = new int[width + 2 * r];
		// horizontal pass into out
		for (int y = 0; y < height; y++) {
			int off = y * width;
			for (int i = 0; i < line.length; i++) line[i] = in[off + clamp(i - r, width)];
			int s = 0;
			for (int i = 0; i < 2 * r + 1; i++) s += line[i];
			for (int x = 0; x < width; x++) {
				out[off + x] = s;
				if (x + 1 < width) s += line[x + 2 * r + 1] - line[x];
			}
		}
		// vertical pass: column sums kept in an accumulator row, out rewritten row by row
		int[] acc = new int[width];
		int[][] ring = new int[2 * r + 1][];
		for (int k = 0; k < 2 * r + 1; k++) {
			ring[k] = new int[width];
			System.arraycopy(out, clamp(k - r, height) * width, ring[k], 0, width);
			for (int x = 0; x < width; x++) acc[x] += ring[k][x];
		}
		for (int y = 0; y < height; y++) {
			int off = y * width;
			System.arraycopy(acc, 0, out, off, width);
			if (y + 1 == height) break;
			// row y - r leaves the window, row y + r + 1 (clamped, not yet overwritten) enters
			int[] slot = ring[y % (2 * r + 1)];
			int src = clamp(y + r + 1, height) * width;
			for (int x = 0; x < width; x++) {
				int incoming = out[src + x];
				acc[x] += incoming - slot[x];
				slot[x] = incoming;
			}
		}
	}

	static int clamp(int i, int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
