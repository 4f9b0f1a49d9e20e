package org.bonelesion.histo;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Working arrays of one tile's analysis, reused by the next tile on the same thread.
 *
 * <p>A whole section is analysed in some tens of tiles, each needing tens of tile-sized arrays
 * (masks, stain sums, crops, labels). Allocated afresh, every one is zeroed by the JVM and,
 * being larger than a heap region's half, is a "humongous" object that sets off the
 * collector's concurrent cycles: in the tissue benchmark that zeroing and collecting cost
 * about a quarter of the CPU time. An arena hands out the same arrays again instead.
 *
 * <p>Arrays are named by a key (the class and purpose, e.g. {@code "woven.bone"}). A key's
 * array has exactly the length asked for ({@code bytes}, {@code ints}: for arrays wrapped as
 * images or walked by their length; replaced when the length changes) or at least that length
 * ({@code ...AtLeast}: for arrays indexed explicitly; grown to the largest tile, never shrunk),
 * and holds stale values unless asked for zeroed: each user writes every element it reads, or
 * asks for a zeroed one. Two arrays in use at the same time need two keys. An arena belongs to
 * one thread at a time; it is dropped, with its arrays, when the analysis ends.
 */
final class TileArena {

	private final Map<String, Object> arrays = new HashMap<>();

	/**
	 * The array under the key if it is of this type and its length is n ({@code exact}) or at
	 * least n; else a new one of length n, kept under the key.
	 */
	private <T> T array(String key, int n, boolean exact, Class<T> type, IntFunction<T> make) {
		Object a = arrays.get(key);
		if (type.isInstance(a)) {
			int length = Array.getLength(a);
			if (exact ? length == n : length >= n) return type.cast(a);
		}
		T b = make.apply(n);
		arrays.put(key, b);
		return b;
	}

	/** A byte array of length n under this key, stale contents. */
	byte[] bytes(String key, int n) {
		return array(key, n, true, byte[].class, byte[]::new);
	}

	/** An int array of length n under this key, stale contents. */
	int[] ints(String key, int n) {
		return array(key, n, true, int[].class, int[]::new);
	}

	/** A long array of length n under this key, all zero. */
	long[] zeroLongs(String key, int n) {
		long[] b = array(key, n, true, long[].class, long[]::new);
		Arrays.fill(b, 0L);
		return b;
	}

	/*
	 * Arrays of at least a length: for users that index them explicitly (never by their length),
	 * so that one array serves tiles of every shape (tiles at the image's edges are smaller)
	 * instead of being replaced each time the shape changes. Such a key's array only grows.
	 */

	/** A byte array of length at least n under this key, stale contents. */
	byte[] bytesAtLeast(String key, int n) {
		return array(key, n, false, byte[].class, byte[]::new);
	}

	/** A byte array of length at least n under this key, its first n elements zero (the rest stale). */
	byte[] zeroBytesAtLeast(String key, int n) {
		byte[] b = bytesAtLeast(key, n);
		Arrays.fill(b, 0, n, (byte) 0);
		return b;
	}

	/** An int array of length at least n under this key, stale contents. */
	int[] intsAtLeast(String key, int n) {
		return array(key, n, false, int[].class, int[]::new);
	}

	/** A short array of length at least n under this key, stale contents. */
	short[] shortsAtLeast(String key, int n) {
		return array(key, n, false, short[].class, short[]::new);
	}

	/** A long array of length at least n under this key, stale contents. */
	long[] longsAtLeast(String key, int n) {
		return array(key, n, false, long[].class, long[]::new);
	}

	/** A boolean array of length at least n under this key, its first n elements false (the rest stale). */
	boolean[] zeroBooleansAtLeast(String key, int n) {
		boolean[] b = array(key, n, false, boolean[].class, boolean[]::new);
		Arrays.fill(b, 0, n, false);
		return b;
	}

	/** The sub-rectangle (x0, y0, w, h) of a per-pixel array {@code width} wide, copied into the first w * h elements of this arena's array (of at least that length) under the key. */
	byte[] cropAtLeast(String key, byte[] a, int width, int x0, int y0, int w, int h) {
		byte[] out = bytesAtLeast(key, w * h);
		for (int y = 0; y < h; y++) System.arraycopy(a, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}
}
