package org.bonelesion.histo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Binary dilation and erosion of byte masks (0/1) by a (2r+1) x (2r+1) square, separably,
 * on bit-packed rows so that the cost hardly depends on r. Only pixels inside the image
 * take part (the same as clamping to the edge), so the result equals thresholding a box sum
 * with clamped edges: dilation = sum &gt; 0, erosion = sum == (2r+1)^2.
 *
 * <p>The work is done in a buffer of {@link #bitsLength} longs: the overloads taking one (or a
 * {@link TileArena}) allocate nothing, so that a tile-by-tile analysis reuses one buffer; its
 * contents on entry do not matter. The overloads with a byte scratch array (no longer used)
 * allocate the buffer per call. Opening and closing stay on bits between their two steps.
 */
public final class BoxMorphology {

	private BoxMorphology() {}

	/** The arena key of the bit buffer of the arena overloads (one buffer, grown as needed, shared by all their calls on a thread). */
	static final String ARENA_KEY = "boxMorphology.bits";

	/** Length (longs) of the bit buffer an operation of radius r on a width x height mask needs: one bit a pixel, r zero rows above and below. */
	public static int bitsLength(int width, int height, int r) {
		return Math.multiplyExact(height + 2 * Math.max(0, r), (width + 63) >>> 6);
	}

	/** Dilation in place ({@code tmp} is not used; a bit buffer is allocated). */
	public static void dilate(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r > 0) dilate(m, width, height, r, new long[bitsLength(width, height, r)]);
	}

	/** Erosion in place ({@code tmp} is not used; a bit buffer is allocated). */
	public static void erode(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r > 0) erode(m, width, height, r, new long[bitsLength(width, height, r)]);
	}

	/** Closing (dilation then erosion; {@code tmp} is not used; a bit buffer is allocated). */
	public static void close(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r > 0) close(m, width, height, r, new long[bitsLength(width, height, r)]);
	}

	/** Opening (erosion then dilation; {@code tmp} is not used; a bit buffer is allocated). */
	public static void open(byte[] m, int width, int height, int r, byte[] tmp) {
		if (r > 0) open(m, width, height, r, new long[bitsLength(width, height, r)]);
	}

	/** Dilation in place, working in {@code bits} (at least {@link #bitsLength} long, any contents). */
	public static void dilate(byte[] m, int width, int height, int r, long[] bits) {
		if (r > 0) apply(m, width, height, r, bits, false, false);
	}

	/** Erosion in place, working in {@code bits} (at least {@link #bitsLength} long, any contents). */
	public static void erode(byte[] m, int width, int height, int r, long[] bits) {
		if (r > 0) apply(m, width, height, r, bits, true, false);
	}

	/** Closing in place, working in {@code bits} (at least {@link #bitsLength} long, any contents). */
	public static void close(byte[] m, int width, int height, int r, long[] bits) {
		if (r > 0) apply(m, width, height, r, bits, false, true);
	}

	/** Opening in place, working in {@code bits} (at least {@link #bitsLength} long, any contents). */
	public static void open(byte[] m, int width, int height, int r, long[] bits) {
		if (r > 0) apply(m, width, height, r, bits, true, true);
	}

	/** Dilation in place, the bit buffer taken from the arena (under {@link #ARENA_KEY}). */
	static void dilate(byte[] m, int width, int height, int r, TileArena arena) {
		if (r > 0) dilate(m, width, height, r, arena.longsAtLeast(ARENA_KEY, bitsLength(width, height, r)));
	}

	/** Erosion in place, the bit buffer taken from the arena. */
	static void erode(byte[] m, int width, int height, int r, TileArena arena) {
		if (r > 0) erode(m, width, height, r, arena.longsAtLeast(ARENA_KEY, bitsLength(width, height, r)));
	}

	/** Closing in place, the bit buffer taken from the arena. */
	static void close(byte[] m, int width, int height, int r, TileArena arena) {
		if (r > 0) close(m, width, height, r, arena.longsAtLeast(ARENA_KEY, bitsLength(width, height, r)));
	}

	/** Opening in place, the bit buffer taken from the arena. */
	static void open(byte[] m, int width, int height, int r, TileArena arena) {
		if (r > 0) open(m, width, height, r, arena.longsAtLeast(ARENA_KEY, bitsLength(width, height, r)));
	}

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L;

	/**
	 * Dilation of m (of its complement if {@code complementIn}, giving the complement of the
	 * erosion), and if {@code twice} a second dilation of the complement of the first's result
	 * (erosion then dilation = opening; dilation then erosion = closing), written back to m.
	 * On bits: 64 pixels to a long, rows r + y of the buffer, with r zero rows above and below
	 * (pixels outside take no part). Along a row, OR over [x, x + r] and then over [x - r, x],
	 * each window built by doubling (OR with a copy shifted by 1, 2, 4, ... pixels, then one
	 * overlapping shift); down the columns, OR of two overlapping windows of 2^p rows, also by
	 * doubling. The cost per pixel is a few word operations for any r, plus packing and
	 * unpacking 8 pixels at a time.
	 */
	private static void apply(byte[] m, int w, int h, int r, long[] bits, boolean complementIn, boolean twice) {
		int words = (w + 63) >>> 6, rows = h + 2 * r;
		if (bits.length < rows * words) throw new IllegalArgumentException("bit buffer of " + bits.length + " longs, " + rows * words + " needed");
		// the output row y is the OR of buffer rows y and y + d after the column pass
		int span = 2 * r + 1, d = span - (1 << (31 - Integer.numberOfLeadingZeros(span)));
		pack(m, w, h, r, words, bits, complementIn);
		columns(bits, words, rows, span);
		boolean complementOut = complementIn;
		if (twice) {
			complement(bits, w, h, r, words, d);
			columns(bits, words, rows, span);
			complementOut = !complementIn;
		}
		unpack(m, w, h, words, bits, d, complementOut);
	}

	/** Packs m (complemented if asked) into rows r .. r + h - 1, each then ORed along the row; zeroes the r rows above and below. */
	private static void pack(byte[] m, int w, int h, int r, int words, long[] bits, boolean complement) {
		long flip = complement ? ONES : 0;
		Arrays.fill(bits, 0, r * words, 0L);
		Arrays.fill(bits, (r + h) * words, (2 * r + h) * words, 0L);
		for (int y = 0; y < h; y++) {
			int off = y * w, row = (r + y) * words;
			// pixel x at bit x of the row (8 bytes of 0/1 gathered into 8 bits by a multiply)
			int x = 0;
			for (; x + 64 <= w; x += 64) {
				long word = 0;
				for (int k = 0; k < 8; k++) {
					long v = ((long) LONGS.get(m, off + x + 8 * k) ^ flip) & ONES;
					word |= ((v * 0x0102040810204080L) >>> 56) << (8 * k);
				}
				bits[row + (x >>> 6)] = word;
			}
			if (x < w) {
				long word = 0;
				for (int k = 0; x + k < w; k++) word |= ((m[off + x + k] ^ flip) & 1L) << k;
				bits[row + (x >>> 6)] = word;
			}
			alongRow(bits, row, words, r);
		}
	}

	/** Row y + r = NOT (row y OR row y + d), bits past the width cleared, each then ORed along the row; the r rows above and below zeroed. */
	private static void complement(long[] bits, int w, int h, int r, int words, int d) {
		long lastMask = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1;
		// descending: row y + r is written after rows y and y + d (d <= r) are read, and no later row reads it
		for (int y = h - 1; y >= 0; y--) {
			int a = y * words, b = (y + d) * words, row = (y + r) * words;
			for (int j = 0; j < words; j++) bits[row + j] = ~(bits[a + j] | bits[b + j]);
			bits[row + words - 1] &= lastMask;
			alongRow(bits, row, words, r);
		}
		Arrays.fill(bits, 0, r * words, 0L);
		Arrays.fill(bits, (r + h) * words, (2 * r + h) * words, 0L);
	}

	/** The row at {@code row}: bit x = OR of bits [x - r, x + r] (bits past the row's end must be 0 on entry). */
	private static void alongRow(long[] bits, int row, int words, int r) {
		int half = r + 1, hp = 1 << (31 - Integer.numberOfLeadingZeros(half)), hd = half - hp;
		for (int k = 1; k < hp; k <<= 1) orShiftedDown(bits, row, words, k);
		if (hd > 0) orShiftedDown(bits, row, words, hd);
		for (int k = 1; k < hp; k <<= 1) orShiftedUp(bits, row, words, k);
		if (hd > 0) orShiftedUp(bits, row, words, hd);
	}

	/** Down the columns: row yy = OR of rows [yy, yy + 2^p) for the largest 2^p &lt;= span (ascending, in place: each reads rows not yet changed). */
	private static void columns(long[] bits, int words, int rows, int span) {
		int pow = 1 << (31 - Integer.numberOfLeadingZeros(span));
		for (int k = 1; k < pow; k <<= 1) {
			for (int yy = 0; yy + k < rows; yy++) {
				int a = yy * words, b = (yy + k) * words;
				for (int j = 0; j < words; j++) bits[a + j] |= bits[b + j];
			}
		}
	}

	/** Pixel (x, y) = bit x of buffer row y OR of row y + d (complemented if asked), 8 bits spread to 8 bytes at a time. */
	private static void unpack(byte[] m, int w, int h, int words, long[] bits, int d, boolean complement) {
		long flip = complement ? ONES : 0;
		for (int y = 0; y < h; y++) {
			int off = y * w, a = y * words, b = (y + d) * words;
			int x = 0;
			for (; x + 64 <= w; x += 64) {
				long word = bits[a + (x >>> 6)] | bits[b + (x >>> 6)];
				for (int k = 0; k < 8; k++) {
					long byteBits = (word >>> (8 * k)) & 0xff;
					long spread = ((((byteBits * ONES) & 0x8040201008040201L) + 0x7f7f7f7f7f7f7f7fL) >>> 7) & ONES;
					LONGS.set(m, off + x + 8 * k, spread ^ flip);
				}
			}
			if (x < w) {
				long word = bits[a + (x >>> 6)] | bits[b + (x >>> 6)];
				for (int k = 0; x + k < w; k++) m[off + x + k] = (byte) (((word >>> k) & 1) ^ (flip & 1));
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
