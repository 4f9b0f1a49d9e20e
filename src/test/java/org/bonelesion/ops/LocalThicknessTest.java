package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class LocalThicknessTest {

	/**
	 * The definition evaluated directly: every mask voxel's sphere (not only the ridge's),
	 * distances by brute force over all voxels.
	 */
	static float[][] bruteForce(ByteVolume m) {
		Spacing sp = m.spacing();
		int w = m.width(), h = m.height(), d = m.depth();
		double hmin = Math.min(sp.x(), Math.min(sp.y(), sp.z()));
		double margin = LocalThickness.MARGIN_FRACTION * hmin * hmin;
		double[][] d2 = new double[d][w * h];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (m.get(x, y, z) == 0) continue;
			double best = Double.POSITIVE_INFINITY;
			for (int c = 0; c < d; c++) for (int b = 0; b < h; b++) for (int a = 0; a < w; a++) {
				if (m.get(a, b, c) != 0) continue;
				double dd = sq((a - x) * sp.x()) + sq((b - y) * sp.y()) + sq((c - z) * sp.z());
				best = Math.min(best, dd);
			}
			d2[z][y * w + x] = (float) best; // the fast code stores float squared distances too
		}
		float[][] out = new float[d][w * h];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double r2 = d2[z][y * w + x];
			if (r2 == 0) continue;
			float v = (float) (2 * Math.sqrt(r2));
			for (int c = 0; c < d; c++) for (int b = 0; b < h; b++) for (int a = 0; a < w; a++) {
				double dd = sq((a - x) * sp.x()) + sq((b - y) * sp.y()) + sq((c - z) * sp.z());
				if (dd < r2 - margin && out[c][b * w + a] < v) out[c][b * w + a] = v;
			}
		}
		return out;
	}

	private static double sq(double v) {
		return v * v;
	}

	@Test
	void equalsTheDefinitionOnRandomMasks() {
		Spacing[] spacings = { Spacing.microns(10, 10, 10), Spacing.microns(10, 10, 25), Spacing.microns(7, 9, 13) };
		long seed = 1;
		for (Spacing sp : spacings) {
			for (int k = 0; k < 3; k++) {
				ByteVolume m = k == 0 ? TestVolumes.randomMask(14, 12, 10, sp, 0.7, seed++) : TestVolumes.randomBalls(16, 14, 12, sp, 5, seed++);
				float[][] expected = bruteForce(m);
				FloatVolume got = LocalThickness.map(m, Parallel.of(1));
				for (int z = 0; z < m.depth(); z++) {
					// same spheres (the ridge only skips contained ones); 1e-6 mm: the fast transform's squared
					// distances are summed in another order and may differ in the last float bit
					assertArrayEquals(expected[z], got.slice(z), 1e-6f, "slice " + z + " at " + sp);
				}
			}
		}
	}

	@Test
	void oneAndManyThreadsIdentical() {
		ByteVolume m = TestVolumes.randomBalls(48, 40, 36, Spacing.microns(10, 10, 20), 12, 7);
		FloatVolume a = LocalThickness.map(m, Parallel.of(1));
		FloatVolume b = LocalThickness.map(m, Parallel.of(4));
		for (int z = 0; z < m.depth(); z++) assertArrayEquals(a.slice(z), b.slice(z), 0f);
	}

	/** A plate n voxels thick along one axis, spanning the image in the others. */
	static ByteVolume plate(int axis, int n, Spacing sp) {
		int size = 3 * n + 6;
		ByteVolume m = new ByteVolume(axis == 0 ? size : 20, axis == 1 ? size : 20, axis == 2 ? size : 20, sp);
		int from = n + 3;
		for (int z = 0; z < m.depth(); z++) for (int y = 0; y < m.height(); y++) for (int x = 0; x < m.width(); x++) {
			int c = axis == 0 ? x : axis == 1 ? y : z;
			if (c >= from && c < from + n) m.set(x, y, z, 1);
		}
		return m;
	}

	@Test
	void platesOfKnownThickness() {
		Spacing[] spacings = { Spacing.microns(10, 10, 10), Spacing.microns(5, 5, 20), Spacing.microns(20, 12, 8) };
		for (Spacing sp : spacings) {
			for (int axis = 0; axis < 3; axis++) {
				for (int n = 1; n <= 8; n++) {
					double h = sp.get(axis);
					// closed form of the discrete definition: the centre voxel of an odd plate is (n+1)/2
					// voxels from the background on both sides, so 2d = (n+1) h; an even plate's two
					// middle voxels are n/2 from one side, so 2d = n h. Every voxel lies in that sphere.
					double expected = (n % 2 == 1 ? n + 1 : n) * h;
					double got = LocalThickness.meanThickness(plate(axis, n, sp), Parallel.of(2));
					assertEquals(expected, got, 1e-6 * expected, "plate " + n + " voxels along axis " + axis + " at " + sp);
				}
			}
		}
	}

	@Test
	void rodsOfKnownDiameter() {
		Spacing[] spacings = { Spacing.microns(10, 10, 10), Spacing.microns(10, 10, 30), Spacing.microns(8, 8, 5) };
		for (Spacing sp : spacings) {
			for (double diameterMm : new double[] { 0.1, 0.16, 0.24 }) {
				double r = diameterMm / 2;
				int n = 2 * (int) Math.ceil(r / sp.x()) + 9; // odd: the axis runs through voxel centres
				int depth = 12;
				ByteVolume m = new ByteVolume(n, n, depth, sp);
				double c = (n - 1) / 2.0;
				for (int z = 0; z < depth; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
					if (sq((x - c) * sp.x()) + sq((y - c) * sp.y()) <= r * r * (1 + 1e-9)) m.set(x, y, z, 1); // slack: voxels exactly on the surface are in
				}
				double got = LocalThickness.meanThickness(m, Parallel.of(2));
				// The sphere on the axis covers the whole rod and reaches the nearest background voxel
				// centre, which lies beyond the radius by at most one in-plane voxel (the next lattice
				// point along x): 2r < Tb.Th <= 2r + 2 h.
				assertTrue(got > diameterMm && got <= diameterMm + 2 * sp.x() + 1e-9, "rod " + diameterMm + " mm at " + sp + ": " + got);
			}
		}
	}

	@Test
	void filledImageHasNoThickness() {
		ByteVolume m = new ByteVolume(4, 4, 4, Spacing.microns(10, 10, 10));
		for (byte[] s : m.slices()) java.util.Arrays.fill(s, (byte) 1);
		assertTrue(Double.isNaN(LocalThickness.meanThickness(m, Parallel.of(1))));
		assertTrue(Double.isNaN(LocalThickness.meanThickness(m.blankCopy(), Parallel.of(1))));
	}
}
