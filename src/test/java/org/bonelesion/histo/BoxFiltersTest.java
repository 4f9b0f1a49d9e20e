package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Box sums and box morphology against brute force on seeded random images (exact: integers). */
class BoxFiltersTest {

	static int clamp(int i, int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	static int[] bruteSum(int[] in, int w, int h, int r) {
		int[] out = new int[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int s = 0;
			for (int dy = -r; dy <= r; dy++) for (int dx = -r; dx <= r; dx++) s += in[clamp(y + dy, h) * w + clamp(x + dx, w)];
			out[y * w + x] = s;
		}
		return out;
	}

	@Test
	void boxSumsEqualBruteForce() {
		Random rnd = new Random(7);
		for (int[] dims : new int[][] { { 1, 1 }, { 3, 2 }, { 17, 9 }, { 40, 31 }, { 5, 60 } }) {
			int w = dims[0], h = dims[1];
			int[] in = new int[w * h];
			for (int i = 0; i < in.length; i++) in[i] = rnd.nextInt(2001) - 1000;
			for (int r : new int[] { 0, 1, 2, 4, 7, 25 }) {
				int[] out = new int[w * h];
				BoxSums.sum(in, w, h, r, out);
				assertArrayEquals(bruteSum(in, w, h, r), out, w + "x" + h + " r " + r);
			}
		}
	}

	@Test
	void morphologyEqualsThresholdedBoxSums() {
		Random rnd = new Random(11);
		for (int[] dims : new int[][] { { 1, 1 }, { 3, 2 }, { 23, 19 }, { 64, 41 }, { 7, 50 }, { 130, 9 }, { 200, 70 }, { 128, 3 } }) {
			int w = dims[0], h = dims[1];
			for (double p : new double[] { 0.1, 0.5, 0.9 }) {
				byte[] m = new byte[w * h];
				int[] mi = new int[w * h];
				for (int i = 0; i < m.length; i++) {
					m[i] = rnd.nextDouble() < p ? (byte) 1 : 0;
					mi[i] = m[i];
				}
				for (int r : new int[] { 1, 2, 3, 6, 15, 30, 70 }) {
					int full = (2 * r + 1) * (2 * r + 1);
					int[] s = bruteSum(mi, w, h, r);
					byte[] dil = new byte[w * h], ero = new byte[w * h];
					for (int i = 0; i < s.length; i++) {
						dil[i] = s[i] > 0 ? (byte) 1 : 0;
						ero[i] = s[i] == full ? (byte) 1 : 0;
					}
					byte[] a = m.clone(), b = m.clone(), tmp = new byte[w * h];
					BoxMorphology.dilate(a, w, h, r, tmp);
					BoxMorphology.erode(b, w, h, r, tmp);
					assertArrayEquals(dil, a, "dilation " + w + "x" + h + " r " + r);
					assertArrayEquals(ero, b, "erosion " + w + "x" + h + " r " + r);
				}
			}
		}
	}

	/**
	 * The bit-buffer and arena overloads (opening and closing on bits between their steps) against
	 * erosion and dilation in turn, which the test above checks by brute force: the buffers hold
	 * random stale bits and one arena serves every size and radius in turn.
	 */
	@Test
	void bufferAndArenaOverloadsEqualTheSteps() {
		Random rnd = new Random(13);
		TileArena arena = new TileArena();
		for (int[] dims : new int[][] { { 1, 1 }, { 23, 19 }, { 64, 41 }, { 130, 9 }, { 200, 70 }, { 7, 50 } }) {
			int w = dims[0], h = dims[1];
			for (double p : new double[] { 0.2, 0.5, 0.8 }) {
				byte[] m = new byte[w * h];
				for (int i = 0; i < m.length; i++) m[i] = rnd.nextDouble() < p ? (byte) 1 : 0;
				for (int r : new int[] { 1, 2, 3, 6, 15, 40 }) {
					byte[] tmp = new byte[w * h];
					byte[] open = m.clone(), close = m.clone(), dil = m.clone(), ero = m.clone();
					BoxMorphology.erode(open, w, h, r, tmp);
					BoxMorphology.dilate(open, w, h, r, tmp);
					BoxMorphology.dilate(close, w, h, r, tmp);
					BoxMorphology.erode(close, w, h, r, tmp);
					BoxMorphology.dilate(dil, w, h, r, tmp);
					BoxMorphology.erode(ero, w, h, r, tmp);
					String at = w + "x" + h + " r " + r;
					long[] stale = new long[BoxMorphology.bitsLength(w, h, r) + 3];
					for (int i = 0; i < stale.length; i++) stale[i] = rnd.nextLong();
					byte[] a = m.clone();
					BoxMorphology.open(a, w, h, r, stale);
					assertArrayEquals(open, a, "open, buffer " + at);
					a = m.clone();
					BoxMorphology.close(a, w, h, r, stale);
					assertArrayEquals(close, a, "close, buffer " + at);
					a = m.clone();
					BoxMorphology.open(a, w, h, r, tmp);
					assertArrayEquals(open, a, "open, allocating " + at);
					a = m.clone();
					BoxMorphology.close(a, w, h, r, tmp);
					assertArrayEquals(close, a, "close, allocating " + at);
					a = m.clone();
					BoxMorphology.open(a, w, h, r, arena);
					assertArrayEquals(open, a, "open, arena " + at);
					a = m.clone();
					BoxMorphology.close(a, w, h, r, arena);
					assertArrayEquals(close, a, "close, arena " + at);
					a = m.clone();
					BoxMorphology.dilate(a, w, h, r, arena);
					assertArrayEquals(dil, a, "dilate, arena " + at);
					a = m.clone();
					BoxMorphology.erode(a, w, h, r, arena);
					assertArrayEquals(ero, a, "erode, arena " + at);
				}
			}
		}
	}
}
