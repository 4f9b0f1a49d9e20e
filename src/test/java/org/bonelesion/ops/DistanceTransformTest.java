package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

	private static final Spacing ANISO = new Spacing(0.011, 0.017, 0.029);

	/** Brute force: squared distance (mm^2) to the nearest target voxel, over the whole image (or slice). */
	static double[] bruteSquared(ByteVolume m, boolean foreground, boolean threeD) {
		Spacing s = m.spacing();
		int w = m.width(), h = m.height(), d = m.depth();
		double[] out = new double[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			boolean in = m.get(x, y, z) != 0;
			double best = Double.POSITIVE_INFINITY;
			if (in != foreground) best = 0;
			else {
				for (int zz = threeD ? 0 : z; zz < (threeD ? d : z + 1); zz++) for (int yy = 0; yy < h; yy++) for (int xx = 0; xx < w; xx++) {
					if ((m.get(xx, yy, zz) != 0) == foreground) continue;
					double dx = (xx - x) * s.x(), dy = (yy - y) * s.y(), dz = (zz - z) * s.z();
					best = Math.min(best, dx * dx + dy * dy + dz * dz);
				}
			}
			out[(z * h + y) * w + x] = best;
		}
		return out;
	}

	static void assertMatches(double[] ref, FloatVolume got, boolean squared) {
		int w = got.width(), h = got.height();
		for (int z = 0; z < got.depth(); z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double e = ref[(z * h + y) * w + x];
			if (!squared) e = Math.sqrt(e);
			float g = got.get(x, y, z);
			// float storage between passes: relative error a few float ulps (1e-6 covers it)
			if (e == Double.POSITIVE_INFINITY ? g != Float.POSITIVE_INFINITY : Math.abs(g - e) > 1e-6 * e + 1e-12) {
				fail("at " + x + "," + y + "," + z + " expected " + e + " got " + g);
			}
		}
	}

	@Test
	void matchesBruteForceOnRandomAnisotropicMasks() {
		int[][] sizes = { { 13, 7, 5 }, { 1, 9, 11 }, { 17, 1, 6 }, { 10, 11, 1 }, { 23, 19, 13 }, { 3, 2, 29 } };
		long seed = 1;
		for (int[] sz : sizes) {
			for (double density : new double[] { 0.02, 0.5, 0.97 }) {
				ByteVolume m = TestVolumes.randomMask(sz[0], sz[1], sz[2], ANISO, density, seed++);
				for (boolean fg : new boolean[] { true, false }) {
					double[] ref = bruteSquared(m, fg, true);
					assertMatches(ref, DistanceTransform.squaredDistances(m, fg, Parallel.of(1)), true);
					assertMatches(ref, DistanceTransform.distances(m, fg, Parallel.of(2)), false);
					double[] ref2 = bruteSquared(m, fg, false);
					assertMatches(ref2, DistanceTransform.squaredDistances2d(m, fg, Parallel.of(1)), true);
					assertMatches(ref2, DistanceTransform.distances2d(m, fg, Parallel.of(3)), false);
				}
			}
		}
	}

	@Test
	void matchesBruteForceOnBallsWithLargeDistances() {
		ByteVolume m = TestVolumes.randomBalls(27, 21, 18, new Spacing(0.02, 0.02, 0.05), 4, 9);
		for (boolean fg : new boolean[] { true, false }) {
			assertMatches(bruteSquared(m, fg, true), DistanceTransform.squaredDistances(m, fg, Parallel.of(2)), true);
		}
	}

	@Test
	void emptyAndFullMasks() {
		ByteVolume empty = new ByteVolume(6, 5, 4, ANISO);
		ByteVolume full = empty.blankCopy();
		for (int z = 0; z < 4; z++) java.util.Arrays.fill(full.slice(z), (byte) 1);
		// nothing to measure to: +Infinity; voxels already at a target: 0
		for (float v : DistanceTransform.distances(empty, false, Parallel.of(1)).slice(2)) assertEquals(Float.POSITIVE_INFINITY, v);
		for (float v : DistanceTransform.distances(empty, true, Parallel.of(1)).slice(2)) assertEquals(0f, v);
		for (float v : DistanceTransform.distances(full, true, Parallel.of(1)).slice(2)) assertEquals(Float.POSITIVE_INFINITY, v);
		for (float v : DistanceTransform.distances(full, false, Parallel.of(1)).slice(2)) assertEquals(0f, v);
	}

	@Test
	void singleBackgroundVoxelGivesEuclideanDistances() {
		Spacing s = new Spacing(0.5, 1, 2);
		ByteVolume m = new ByteVolume(9, 8, 7, s);
		for (int z = 0; z < 7; z++) java.util.Arrays.fill(m.slice(z), (byte) 1);
		m.set(4, 3, 2, 0);
		FloatVolume d = DistanceTransform.distances(m, true, Parallel.of(2));
		assertEquals(Math.sqrt(2.0 * 2 + 4 * 4 + 8 * 8) /* offsets 4,4,4 voxels */, d.get(8, 7, 6), 1e-5);
		assertEquals(2.0, d.get(4, 3, 3), 0);
		assertEquals(0.5, d.get(5, 3, 2), 0);
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		ByteVolume m = TestVolumes.randomBalls(41, 37, 33, ANISO, 6, 3);
		for (boolean fg : new boolean[] { true, false }) {
			FloatVolume a = DistanceTransform.distances(m, fg, Parallel.of(1));
			FloatVolume b = DistanceTransform.distances(m, fg, Parallel.of(4));
			for (int z = 0; z < m.depth(); z++) assertArrayEquals(a.slice(z), b.slice(z));
		}
	}
}
