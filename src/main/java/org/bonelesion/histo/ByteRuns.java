package org.bonelesion.histo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on runs of a byte mask, eight bytes at a time (a long read through a byte-array view),
 * for the loops that skip 64-pixel runs with nothing to do.
 */
final class ByteRuns {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L;

	private ByteRuns() {}

	/** True if {@code m[from .. to)} all equal {@code v}. */
	static boolean allEqual(byte[] m, int from, int to, byte v) {
		long pattern = (v & 0xffL) * ONES;
		int i = from;
		for (; i + 8 <= to; i += 8) if ((long) LONGS.get(m, i) != pattern) return false;
		for (; i < to; i++) if (m[i] != v) return false;
		return true;
	}

	/**
	 * True if pixels [x0, x1) of row y of a width x height mask, and their 8-neighbours inside
	 * it, all have the same value.
	 */
	static boolean uniform(byte[] m, int width, int height, int y, int x0, int x1) {
		int from = Math.max(0, x0 - 1), to = Math.min(width, x1 + 1);
		int yFrom = Math.max(0, y - 1), yTo = Math.min(height - 1, y + 1);
		byte v = m[yFrom * width + from];
		for (int yy = yFrom; yy <= yTo; yy++) {
			int off = yy * width;
			if (!allEqual(m, off + from, off + to, v)) return false;
		}
		return true;
	}

	/** The first index in [from, to) whose byte is odd (for 0/1 masks: nonzero; 2 marks visited), or {@code to} if none. */
	static int nextOdd(byte[] m, int from, int to) {
		int i = from;
		while (i + 8 <= to && ((long) LONGS.get(m, i) & ONES) == 0) i += 8;
		while (i < to && (m[i] & 1) == 0) i++;
		return i;
	}

	/** The first index in [from, to) whose byte is nonzero, or {@code to} if none. */
	static int nextNonzero(byte[] m, int from, int to) {
		int i = from;
		while (i + 8 <= to && (long) LONGS.get(m, i) == 0) i += 8;
		while (i < to && m[i] == 0) i++;
		return i;
	}

	/** The number of 1 bytes in {@code m[from .. to)} of a 0/1 mask (eight at a time: the bits set in a long). */
	static long ones(byte[] m, int from, int to) {
		long c = 0;
		int i = from;
		for (; i + 8 <= to; i += 8) c += Long.bitCount((long) LONGS.get(m, i));
		for (; i < to; i++) c += m[i];
		return c;
	}

	/** True if the 8 bytes from each of {@code a}, {@code b} and {@code c} are equal, position by position. */
	static boolean sameEightBytes(byte[] m, int a, int b, int c) {
		long va = (long) LONGS.get(m, a);
		return va == (long) LONGS.get(m, b) && va == (long) LONGS.get(m, c);
	}
}
