package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link BoundedDistance} against brute force on seeded random masks: exact squared distances up to the bound, "far" beyond it. */
class BoundedDistanceTest {

	@Test
	void equalsBruteForceUpToTheBound() {
		Random rnd = new Random(7);
		int[][] sizes = { { 1, 1 }, { 5, 3 }, { 37, 29 }, { 64, 16 }, { 50, 71 } };
		double[] densities = { 0, 0.002, 0.02, 0.2 };
		int[] bounds = { 0, 1, 3, 6, 15, 16, 25 };
		for (int[] size : sizes) {
			int w = size[0], h = size[1];
			for (double density : densities) {
				byte[] mask = new byte[w * h];
				for (int i = 0; i < mask.length; i++) mask[i] = rnd.nextDouble() < density ? (byte) 1 : 0;
				if (density > 0 && w * h > 100) mask[rnd.nextInt(mask.length)] = 1;
				for (int bound : bounds) {
					BoundedDistance d = new BoundedDistance(mask, w, h, bound);
					for (int y = 0; y < h; y++) {
						for (int x = 0; x < w; x++) {
							int best = Integer.MAX_VALUE;
							for (int j = 0; j < mask.length; j++) {
								if (mask[j] == 0) continue;
								int dx = j % w - x, dy = j / w - y;
								best = Math.min(best, dx * dx + dy * dy);
							}
							int expected = best <= bound * bound ? best : Integer.MAX_VALUE;
							String at = w + "x" + h + " density " + density + " bound " + bound + " at " + x + "," + y;
							assertEquals(expected, d.squared(x, y), at);
							assertEquals(expected == Integer.MAX_VALUE ? Float.POSITIVE_INFINITY : (float) Math.sqrt(expected), d.distance(x, y), at);
						}
					}
				}
			}
		}
	}
}
