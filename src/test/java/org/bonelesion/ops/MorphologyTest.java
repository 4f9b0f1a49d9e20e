package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class MorphologyTest {

	/** Brute force with an explicit ball of offsets; out-of-image neighbours are ignored. */
	static ByteVolume brute(ByteVolume m, double r, boolean dilate, boolean threeD) {
		Spacing s = m.spacing();
		int w = m.width(), h = m.height(), d = m.depth();
		double limit = r * r * (1 + Morphology.SLACK);
		int rx = (int) Math.ceil(r / s.x()), ry = (int) Math.ceil(r / s.y()), rz = threeD ? (int) Math.ceil(r / s.z()) : 0;
		ByteVolume out = m.blankCopy();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			boolean any = false, all = true;
			for (int k = -rz; k <= rz; k++) for (int j = -ry; j <= ry; j++) for (int i = -rx; i <= rx; i++) {
				double dx = i * s.x(), dy = j * s.y(), dz = k * s.z();
				if (dx * dx + dy * dy + dz * dz > limit || !m.contains(x + i, y + j, z + k)) continue;
				boolean v = m.get(x + i, y + j, z + k) != 0;
				any |= v;
				all &= v;
			}
			out.set(x, y, z, (dilate ? any : all) ? 1 : 0);
		}
		return out;
	}

	static void assertSame(ByteVolume a, ByteVolume b, String what) {
		for (int z = 0; z < a.depth(); z++) assertArrayEquals(a.slice(z), b.slice(z), what + " slice " + z);
	}

	@Test
	void matchesBruteForceBallOnAnisotropicVoxels() {
		Spacing s = new Spacing(0.01, 0.015, 0.02);
		int[][] sizes = { { 19, 14, 11 }, { 1, 12, 9 }, { 16, 13, 1 } };
		double[] radii = { 0, 0.01, 0.02, 0.03, 0.037, 0.06 }; // 0.02, 0.03, 0.06 put offsets exactly on the sphere
		long seed = 100;
		for (int[] sz : sizes) {
			for (double density : new double[] { 0.1, 0.6 }) {
				ByteVolume m = TestVolumes.randomMask(sz[0], sz[1], sz[2], s, density, seed++);
				for (double r : radii) {
					ByteVolume dil = brute(m, r, true, true), ero = brute(m, r, false, true);
					assertSame(dil, Morphology.dilate(m, r, Parallel.of(1)), "dilate r=" + r);
					assertSame(ero, Morphology.erode(m, r, Parallel.of(2)), "erode r=" + r);
					assertSame(brute(dil, r, false, true), Morphology.close(m, r, Parallel.of(1)), "close r=" + r);
					assertSame(brute(ero, r, true, true), Morphology.open(m, r, Parallel.of(3)), "open r=" + r);
					ByteVolume dil2 = brute(m, r, true, false);
					assertSame(dil2, Morphology.dilate2d(m, r, Parallel.of(2)), "dilate2d r=" + r);
					assertSame(brute(m, r, false, false), Morphology.erode2d(m, r, Parallel.of(1)), "erode2d r=" + r);
					assertSame(brute(dil2, r, false, false), Morphology.close2d(m, r, Parallel.of(2)), "close2d r=" + r);
				}
			}
		}
	}

	@Test
	void dilatedPointIsTheLatticeBall() {
		// integer points with x^2+y^2+z^2 <= 4: 1 + 6 + 12 + 8 + 6 = 33
		ByteVolume m = new ByteVolume(9, 9, 9, Spacing.isotropicMicrons(10));
		m.set(4, 4, 4, 1);
		ByteVolume d = Morphology.dilate(m, 0.02, Parallel.of(2));
		int n = 0;
		for (int z = 0; z < 9; z++) for (byte b : d.slice(z)) n += b;
		assertEquals(33, n);
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		ByteVolume m = TestVolumes.randomBalls(40, 35, 30, new Spacing(0.01, 0.01, 0.02), 8, 5);
		assertSame(Morphology.close(m, 0.035, Parallel.of(1)), Morphology.close(m, 0.035, Parallel.of(4)), "close");
		assertSame(Morphology.open(m, 0.035, Parallel.of(1)), Morphology.open(m, 0.035, Parallel.of(4)), "open");
	}
}
