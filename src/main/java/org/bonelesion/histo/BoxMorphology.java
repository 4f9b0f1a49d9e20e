package org.bonelesion.histo;

/**
 * Binary dilation and erosion of byte masks (0/1) by a (2r+1) x (2r+1) square, separably,
 * with running counts so that the cost does not depend on r. Only pixels inside the image
 * take part (the same as clamping to the edge), so the result equals thresholding a box sum
 * with clamped edges: dilation = sum &gt; 0, erosion = sum == (2r+1)^2. Bytes rather than ints
 * keep memory traffic low.
 */
public final class BoxMorphology {

	private BoxMorphology() {}

	/** Dilation in place ({@code tmp} is scratch of the same length). */
	public static void dilate(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r <= 0) return;
		dilateOnce(m, width, height, r, tmp, false);
	}

	/** Erosion in place. */
	public static void erode(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r <= 0) return;
		dilateOnce(m, width, height, r, tmp, true);
	}

	/** Closing (dilation then erosion). */
	public static void close(byte[] m, int width, int height, int r, byte[] tmp) {
		dilate(m, width, height, r, tmp);
		erode(m, width, height, r, tmp);
	}

	/** Opening (erosion then dilation). */
	public static void open(byte[] m, int width, int height, int r, byte[] tmp) {
		erode(m, width, height, r, tmp);
		dilate(m, width, height, r, tmp);
	}

	/** Dilation of m (or of its complement, giving the complement of the erosion) written back to m. */
	private static void dilateOnce(byte[] m, int w, int h, int r, byte[] tmp, boolean complement) {
		int flip = complement ? 1 : 0;
		int sign = complement ? -1 : 1; // (a ^ flip) - (b ^ flip) = sign * (a - b) for 0/1 values
		// horizontal: tmp = dilation of (m xor flip) along rows
		for (int y = 0; y < h; y++) {
			int off = y * w;
			int cnt = 0;
			for (int x = 0; x < Math.min(r, w); x++) cnt += m[off + x] ^ flip;
			int x = 0;
			// left edge (nothing leaves the window), interior, right edge (nothing enters)
			for (int end = Math.min(w, r + 1); x < end; x++) {
				if (x + r < w) cnt += m[off + x + r] ^ flip;
				tmp[off + x] = cnt > 0 ? (byte) 1 : 0;
			}
			for (; x + r < w; x++) {
				cnt += sign * (m[off + x + r] - m[off + x - r - 1]);
				tmp[off + x] = (byte) ((-cnt) >>> 31);
			}
			for (; x < w; x++) {
				cnt -= m[off + x - r - 1] ^ flip;
				tmp[off + x] = cnt > 0 ? (byte) 1 : 0;
			}
		}
		// vertical: m = dilation of tmp along columns, xor flip (a row enters and one leaves in one loop)
		int[] cnt = new int[w];
		for (int y = 0; y < Math.min(r, h); y++) {
			int off = y * w;
			for (int x = 0; x < w; x++) cnt[x] += tmp[off + x];
		}
		for (int y = 0; y < h; y++) {
			int off = y * w;
			boolean enters = y + r < h, leaves = y - r - 1 >= 0;
			if (enters && leaves) {
				int in = (y + r) * w, out = (y - r - 1) * w;
				for (int x = 0; x < w; x++) {
					int c = cnt[x] + tmp[in + x] - tmp[out + x];
					cnt[x] = c;
					m[off + x] = (byte) (((-c) >>> 31) ^ flip);
				}
				continue;
			}
			if (enters) {
				int in = (y + r) * w;
				for (int x = 0; x < w; x++) cnt[x] += tmp[in + x];
			}
			if (leaves) {
				int outRow = (y - r - 1) * w;
				for (int x = 0; x < w; x++) cnt[x] -= tmp[outRow + x];
			}
			for (int x = 0; x < w; x++) m[off + x] = (byte) (((-cnt[x]) >>> 31) ^ flip);
		}
	}
}
