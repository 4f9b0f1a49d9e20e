package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Nucleus splitting on drawn discs. */
class NucleusCounterTest {

	static byte[] discs(int w, int h, double r, double[]... centres) {
		byte[] m = new byte[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (double[] c : centres) if (Math.hypot(x + 0.5 - c[0], y + 0.5 - c[1]) <= r) m[y * w + x] = 1;
		return m;
	}

	@Test
	void splitsTouchingAndOverlappingDiscsButNotOneDiscOrOneOval() {
		NucleusCounter n = new NucleusCounter(1.5);
		assertEquals(1, n.find(discs(40, 40, 6, new double[] { 20, 20 }), 40, 40).size());
		assertEquals(2, n.find(discs(60, 40, 6, new double[] { 20, 20 }, new double[] { 32, 20 }), 60, 40).size(), "touching");
		assertEquals(2, n.find(discs(60, 40, 6, new double[] { 20, 20 }, new double[] { 30.5, 20 }), 60, 40).size(), "overlapping, 1.75 r apart");
		assertEquals(3, n.find(discs(80, 40, 6, new double[] { 20, 20 }, new double[] { 32, 20 }, new double[] { 44, 20 }), 80, 40).size(), "three in a row");
		byte[] oval = new byte[60 * 40];
		for (int y = 0; y < 40; y++) for (int x = 0; x < 60; x++) if (Math.pow((x + 0.5 - 30) / 9.0, 2) + Math.pow((y + 0.5 - 20) / 6.0, 2) <= 1) oval[y * 60 + x] = 1;
		assertEquals(1, n.find(oval, 60, 40).size(), "a 3:2 oval is one nucleus");
	}
}
