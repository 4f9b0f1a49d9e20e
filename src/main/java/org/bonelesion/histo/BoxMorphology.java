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
		// horizontal: tmp = dilation of (m xor flip) along rows, by doubling windows: W_k[i] = OR of
		// the padded row over [i, i + 2^k), and the window of 2r+1 is the OR of two overlapping W_p
		// (byte-wise ORs at fixed offsets, loops that vectorise, instead of a running count)
		int span = 2 * r + 1, p = 31 - Integer.numberOfLeadingZeros(span), pow = 1 << p;
		int len = w + 2 * r + pow;
		byte[] a = new byte[len], b = new byte[len];
		for (int y = 0; y < h; y++) {
			int off = y * w;
			java.util.Arrays.fill(a, 0, r, (byte) 0);
			for (int x = 0; x < w; x++) a[r + x] = (byte) (m[off + x] ^ flip);
			java.util.Arrays.fill(a, r + w, len, (byte) 0);
			byte[] cur = a, next = b;
			for (int k = 0, step = 1; k < p; k++, step <<= 1) {
				int end = len - step;
				for (int i = 0; i < end; i++) next[i] = (byte) (cur[i] | cur[i + step]);
				System.arraycopy(cur, end, next, end, step);
				byte[] t = cur;
				cur = next;
				next = t;
			}
			int d = span - pow;
			for (int x = 0; x < w; x++) tmp[off + x] = (byte) (cur[x] | cur[x + d]);
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
