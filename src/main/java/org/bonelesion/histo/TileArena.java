package org.bonelesion.histo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Working arrays of one tile's analysis, reused by the next tile on the same thread.
 *
 * <p>A whole section is analysed in some tens of tiles, each needing tens of tile-sized arrays
 * (masks, stain sums, crops, labels). Allocated afresh, every one is zeroed by the JVM and,
 * being larger than a heap region's half, is a "humongous" object that sets off the
 * collector's concurrent cycles: in the tissue benchmark that zeroing and collecting cost
 * about a quarter of the CPU time. An arena hands out the same arrays again instead.
 *
 * <p>Arrays are named by a key (the class and purpose, e.g. {@code "woven.bone"}); a key's
 * array has exactly the length asked for (it is replaced when the length changes, at the
 * image's edges) and holds stale values unless asked for zeroed: each user writes every
 * element it reads, or asks for a zeroed one. Two arrays in use at the same time need two
 * keys. An arena belongs to one thread at a time; it is dropped, with its arrays, when the
 * analysis ends.
 */
final class TileArena {

	private final Map<String, Object> arrays = new HashMap<>();

	/** A byte array of length n under this key, stale contents. */
	byte[] bytes(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof byte[] b && b.length == n) return b;
		byte[] b = new byte[n];
		arrays.put(key, b);
		return b;
	}

	/** A byte array of length n under this key, all zero. */
	byte[] zeroBytes(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof byte[] b && b.length == n) {
			Arrays.fill(b, (byte) 0);
			return b;
		}
		byte[] b = new byte[n];
		arrays.put(key, b);
		return b;
	}

	/** An int array of length n under this key, stale contents. */
	int[] ints(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof int[] b && b.length == n) return b;
		int[] b = new int[n];
		arrays.put(key, b);
		return b;
	}

	/** An int array of length n under this key, all zero. */
	int[] zeroInts(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof int[] b && b.length == n) {
			Arrays.fill(b, 0);
			return b;
		}
		int[] b = new int[n];
		arrays.put(key, b);
		return b;
	}

	/** A float array of length n under this key, stale contents. */
	float[] floats(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof float[] b && b.length == n) return b;
		float[] b = new float[n];
		arrays.put(key, b);
		return b;
	}

	/*
	 * Arrays of at least a length: for users that index them explicitly (never by their length),
	 * so that one array serves tiles of every shape (tiles at the image's edges are smaller)
	 * instead of being replaced each time the shape changes. Such a key's array only grows.
	 */

	/** A byte array of length at least n under this key, stale contents. */
	byte[] bytesAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof byte[] b && b.length >= n) return b;
		byte[] b = new byte[n];
		arrays.put(key, b);
		return b;
	}

	/** A byte array of length at least n under this key, its first n elements zero (the rest stale). */
	byte[] zeroBytesAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof byte[] b && b.length >= n) {
			Arrays.fill(b, 0, n, (byte) 0);
			return b;
		}
		byte[] b = new byte[n];
		arrays.put(key, b);
		return b;
	}

	/** An int array of length at least n under this key, stale contents. */
	int[] intsAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof int[] b && b.length >= n) return b;
		int[] b = new int[n];
		arrays.put(key, b);
		return b;
	}

	/** The sub-rectangle (x0, y0, w, h) of a per-pixel array {@code width} wide, copied into the first w * h elements of this arena's array (of at least that length) under the key. */
	byte[] cropAtLeast(String key, byte[] a, int width, int x0, int y0, int w, int h) {
		byte[] out = bytesAtLeast(key, w * h);
		for (int y = 0; y < h; y++) System.arraycopy(a, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}

	/** A short array of length at least n under this key, stale contents. */
	short[] shortsAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof short[] b && b.length >= n) return b;
		short[] b = new short[n];
		arrays.put(key, b);
		return b;
	}

	/** A boolean array of length at least n under this key, its first n elements false (the rest stale). */
	boolean[] zeroBooleansAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof boolean[] b && b.length >= n) {
			Arrays.fill(b, 0, n, false);
			return b;
		}
		boolean[] b = new boolean[n];
		arrays.put(key, b);
		return b;
	}

	/** A long array of length n under this key, all zero. */
	long[] zeroLongs(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof long[] b && b.length == n) {
			Arrays.fill(b, 0L);
			return b;
		}
		long[] b = new long[n];
		arrays.put(key, b);
		return b;
	}

	/** A long array of at least length n under this key, stale contents (grown, never shrunk: one buffer serves callers of different sizes). */
	long[] longsAtLeast(String key, int n) {
		Object a = arrays.get(key);
		if (a instanceof long[] b && b.length >= n) return b;
		long[] b = new long[n];
		arrays.put(key, b);
		return b;
	}

	/** The sub-rectangle (x0, y0, w, h) of a per-pixel array {@code width} wide, copied into this arena's array under the key. */
	byte[] crop(String key, byte[] a, int width, int x0, int y0, int w, int h) {
		byte[] out = bytes(key, w * h);
		for (int y = 0; y < h; y++) System.arraycopy(a, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}

	/** {@link #crop(String, byte[], int, int, int, int, int)} of an int array. */
	int[] crop(String key, int[] a, int width, int x0, int y0, int w, int h) {
		int[] out = ints(key, w * h);
		for (int y = 0; y < h; y++) System.arraycopy(a, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}
}
