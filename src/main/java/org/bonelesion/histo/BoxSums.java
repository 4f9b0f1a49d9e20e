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
		for (int y = 0; y < height; y++) horizontal(in, y * width, width, r, out, y * width);
		vertical(out, width, height, r);
	}

	/**
	 * Sums of the row {@code in[inOff .. inOff+width)} over windows of 2r+1 (indices clamped to
	 * the row), into {@code out[outOff ..]}; r must be positive.
	 */
	static void horizontal(int[] in, int inOff, int width, int r, int[] out, int outOff) {
		int last = width - 1;
		int off = inOff;
		int s = 0;
		for (int i = -r; i <= r; i++) s += in[off + (i < 0 ? 0 : i > last ? last : i)];
		int x = 0;
		// left edge, interior (no clamping), right edge
		for (; x < width && x - r < 0; x++) {
			out[outOff + x] = s;
			int add = x + r + 1;
			s += in[off + (add > last ? last : add)] - in[off];
		}
		for (; x + r + 1 <= last; x++) {
			out[outOff + x] = s;
			s += in[off + x + r + 1] - in[off + x - r];
		}
		for (; x < width; x++) {
			out[outOff + x] = s;
			int rem = x - r;
			s += in[off + last] - in[off + (rem < 0 ? 0 : rem)];
		}
	}

	/** In place: sums of each column of {@code out} over windows of 2r+1 rows (clamped); r must be positive. */
	static void vertical(int[] out, int width, int height, int r) {
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
