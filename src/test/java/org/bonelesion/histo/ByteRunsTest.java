package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link ByteRuns} against byte-by-byte loops on seeded random masks (exact: both are boolean). */
class ByteRunsTest {

	@Test
	void allEqualMatchesByteLoop() {
		Random rnd = new Random(11);
		for (int trial = 0; trial < 4000; trial++) {
			byte[] m = new byte[40];
			byte v = (byte) rnd.nextInt(2);
			java.util.Arrays.fill(m, v);
			// zero to two odd bytes, sometimes none: every position relative to the 8-byte words
			int odd = rnd.nextInt(3);
			for (int k = 0; k < odd; k++) m[rnd.nextInt(40)] = (byte) rnd.nextInt(3);
			int from = rnd.nextInt(40), to = from + rnd.nextInt(41 - from);
			boolean expected = true;
			for (int i = from; i < to; i++) expected &= m[i] == v;
			assertEquals(expected, ByteRuns.allEqual(m, from, to, v), "trial " + trial);
		}
	}

	@Test
	void onesCountsTheOnesOfAnyRange() {
		Random rnd = new Random(17);
		for (int trial = 0; trial < 3000; trial++) {
			byte[] m = new byte[50];
			for (int i = 0; i < m.length; i++) m[i] = (byte) (rnd.nextInt(4) == 0 ? 1 : 0);
			int from = rnd.nextInt(50), to = from + rnd.nextInt(51 - from);
			long expected = 0;
			for (int i = from; i < to; i++) expected += m[i];
			assertEquals(expected, ByteRuns.ones(m, from, to), "trial " + trial);
		}
	}

	@Test
	void uniformMatchesNeighbourhoodLoop() {
		Random rnd = new Random(5);
		int w = 150, h = 5;
		for (int trial = 0; trial < 3000; trial++) {
			byte[] m = new byte[w * h];
			java.util.Arrays.fill(m, (byte) rnd.nextInt(2));
			if (rnd.nextBoolean()) m[rnd.nextInt(m.length)] ^= 1;
			int y = rnd.nextInt(h), x0 = rnd.nextInt(w - 64 + 1), x1 = x0 + 64;
			int or = 0, and = 1;
			for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
				for (int x = Math.max(0, x0 - 1); x < Math.min(w, x1 + 1); x++) {
					or |= m[yy * w + x];
					and &= m[yy * w + x];
				}
			assertEquals(or == and, ByteRuns.uniform(m, w, h, y, x0, x1), "trial " + trial);
		}
	}

	@Test
	void nextOddAndNonzeroMatchByteLoops() {
		Random rnd = new Random(3);
		for (int trial = 0; trial < 4000; trial++) {
			byte[] m = new byte[50];
			// sparse values 1 and 2 (the visited mark), so that long zero runs occur
			for (int k = rnd.nextInt(4); k > 0; k--) m[rnd.nextInt(50)] = (byte) (1 + rnd.nextInt(2));
			int from = rnd.nextInt(51), to = from + rnd.nextInt(51 - from);
			int odd = from, nonzero = from;
			while (odd < to && (m[odd] & 1) == 0) odd++;
			while (nonzero < to && m[nonzero] == 0) nonzero++;
			assertEquals(odd, ByteRuns.nextOdd(m, from, to), "trial " + trial);
			assertEquals(nonzero, ByteRuns.nextNonzero(m, from, to), "trial " + trial);
		}
	}

	@Test
	void sameEightBytesMatchesByteLoop() {
		Random rnd = new Random(8);
		for (int trial = 0; trial < 4000; trial++) {
			byte[] m = new byte[30];
			java.util.Arrays.fill(m, (byte) rnd.nextInt(2));
			if (rnd.nextBoolean()) m[rnd.nextInt(30)] ^= 1;
			int a = rnd.nextInt(23), b = rnd.nextInt(23), c = rnd.nextInt(23);
			boolean expected = true;
			for (int i = 0; i < 8; i++) expected &= m[a + i] == m[b + i] && m[a + i] == m[c + i];
			assertEquals(expected, ByteRuns.sameEightBytes(m, a, b, c), "trial " + trial);
		}
	}
}
