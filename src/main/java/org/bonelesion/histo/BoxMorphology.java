package org.bonelesion.histo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Binary dilation and erosion of byte masks (0/1) by a (2r+1) x (2r+1) square, separably,
 * on bit-packed rows so that the cost hardly depends on r. Only pixels inside the image
 * take part (the same as clamping to the edge), so the result equals thresholding a box sum
 * with clamped edges: dilation = sum &gt; 0, erosion = sum == (2r+1)^2. The scratch arrays of
 * the signatures are no longer used (the bits take 1/8 of the mask's size, allocated per call).
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

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L;

	/**
	 * Dilation of m (or of its complement, giving the complement of the erosion) written back to m,
	 * on bits: 64 pixels to a long, with r zero rows above and below the image (pixels outside take
	 * no part). Along a row, OR over [x, x + r] and then over [x - r, x], each window built by
	 * doubling (OR with a copy shifted by 1, 2, 4, ... pixels, then one overlapping shift); down the
	 * columns, OR of two overlapping windows of 2^p rows, also by doubling. The cost per pixel is
	 * a few word operations for any r, plus packing and unpacking 8 pixels at a time.
	 */
	private static void dilateOnce(byte[] m, int w, int h, int r, byte[] tmp, boolean complement) {
		long flip = complement ? ONES : 0;
		int words = (w + 63) >>> 6, rows = h + 2 * r;
		int half = r + 1, hp = 1 << (31 - Integer.numberOfLeadingZeros(half)), hd = half - hp;
		long[] bits = new long[rows * words];
		for (int y = 0; y < h; y++) {
			int off = y * w, row = (r + y) * words;
			// pack: pixel x at bit x of the row (8 bytes of 0/1 gathered into 8 bits by a multiply)
			int x = 0;
			for (; x + 64 <= w; x += 64) {
				long word = 0;
				for (int k = 0; k < 8; k++) {
					long v = ((long) LONGS.get(m, off + x + 8 * k) ^ flip) & ONES;
					word |= ((v * 0x0102040810204080L) >>> 56) << (8 * k);
				}
				bits[row + (x >>> 6)] = word;
			}
			for (; x < w; x++) bits[row + (x >>> 6)] |= (((m[off + x] ^ flip) & 1L)) << x;
			// along the row: OR over [x, x + r], then over [x - r, x]
			for (int k = 1; k < hp; k <<= 1) orShiftedDown(bits, row, words, k);
			if (hd > 0) orShiftedDown(bits, row, words, hd);
			for (int k = 1; k < hp; k <<= 1) orShiftedUp(bits, row, words, k);
			if (hd > 0) orShiftedUp(bits, row, words, hd);
		}
		// down the columns: row yy = OR of rows [yy, yy + span) (ascending, in place: each reads rows not yet changed)
		int span = 2 * r + 1, pow = 1 << (31 - Integer.numberOfLeadingZeros(span)), d = span - pow;
		for (int k = 1; k < pow; k <<= 1) {
			for (int yy = 0; yy + k < rows; yy++) {
				int a = yy * words, b = (yy + k) * words;
				for (int j = 0; j < words; j++) bits[a + j] |= bits[b + j];
			}
		}
		// unpack: pixel (x, y) = bit x of padded row y OR of padded row y + d (8 bits spread to 8 bytes at a time)
		for (int y = 0; y < h; y++) {
			int off = y * w, a = y * words, b = (y + d) * words;
			int x = 0;
			for (; x + 8 <= w; x += 8) {
				long byteBits = ((bits[a + (x >>> 6)] | bits[b + (x >>> 6)]) >>> (x & 63)) & 0xff;
				long spread = ((((byteBits * ONES) & 0x8040201008040201L) + 0x7f7f7f7f7f7f7f7fL) >>> 7) & ONES;
				LONGS.set(m, off + x, spread ^ flip);
			}
			for (; x < w; x++) {
				long word = bits[a + (x >>> 6)] | bits[b + (x >>> 6)];
				m[off + x] = (byte) (((word >>> x) & 1) ^ (flip & 1));
			}
		}
	}

	/** Bit x of the row of {@code words} longs at {@code row} |= bit x + k (bits past the row's end are 0); ascending, in place. */
	private static void orShiftedDown(long[] bits, int row, int words, int k) {
		int q = k >>> 6, s = k & 63;
		for (int j = 0; j + q < words; j++) {
			int src = j + q;
			long lo = bits[row + src], hi = src + 1 < words ? bits[row + src + 1] : 0;
			bits[row + j] |= s == 0 ? lo : (lo >>> s) | (hi << (64 - s));
		}
	}

	/** Bit x of the row |= bit x - k (bits before the row's start are 0); descending, in place. */
	private static void orShiftedUp(long[] bits, int row, int words, int k) {
		int q = k >>> 6, s = k & 63;
		for (int j = words - 1; j - q >= 0; j--) {
			int src = j - q;
			long hi = bits[row + src], lo = src - 1 >= 0 ? bits[row + src - 1] : 0;
			bits[row + j] |= s == 0 ? hi : (hi << s) | (lo >>> (64 - s));
		}
	}
}
