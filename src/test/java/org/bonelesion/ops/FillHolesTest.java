package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class FillHolesTest {

	/** Reference by fixed-point iteration: border background, grown face by face until nothing changes. */
	static ByteVolume reference(ByteVolume m, boolean threeD) {
		int w = m.width(), h = m.height(), d = m.depth();
		boolean[][][] reached = new boolean[d][h][w];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1 || (threeD && (z == 0 || z == d - 1));
			reached[z][y][x] = border && m.get(x, y, z) == 0;
		}
		int[][] steps = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				if (reached[z][y][x] || m.get(x, y, z) != 0) continue;
				for (int[] s : steps) {
					if (!threeD && s[2] != 0) continue;
					int xx = x + s[0], yy = y + s[1], zz = z + s[2];
					if (m.contains(xx, yy, zz) && reached[zz][yy][xx]) {
						reached[z][y][x] = true;
						changed = true;
						break;
					}
				}
			}
		}
		ByteVolume out = m.blankCopy();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.set(x, y, z, reached[z][y][x] ? 0 : 1);
		return out;
	}

	static void assertSame(ByteVolume a, ByteVolume b) {
		for (int z = 0; z < a.depth(); z++) assertArrayEquals(a.slice(z), b.slice(z), "slice " + z);
	}

	@Test
	void matchesReferenceOnRandomMasks() {
		Spacing s = new Spacing(0.01, 0.01, 0.03);
		int[][] sizes = { { 15, 12, 9 }, { 1, 10, 8 }, { 11, 9, 1 }, { 20, 17, 2 }, { 7, 1, 7 } };
		long seed = 50;
		for (int[] sz : sizes) {
			for (double density : new double[] { 0, 0.45, 0.6, 0.75, 1 }) {
				ByteVolume m = TestVolumes.randomMask(sz[0], sz[1], sz[2], s, density, seed++);
				assertSame(reference(m, sz[2] > 1), FillHoles.fill3d(m, Parallel.of(1)));
				assertSame(reference(m, false), FillHoles.fill2d(m, Parallel.of(2)));
			}
		}
	}

	@Test
	void hollowBallIsFilledSolid() {
		ByteVolume m = new ByteVolume(21, 21, 21, Spacing.isotropicMicrons(5));
		ByteVolume solid = m.blankCopy();
		for (int z = 0; z < 21; z++) for (int y = 0; y < 21; y++) for (int x = 0; x < 21; x++) {
			double r2 = (x - 10) * (x - 10) + (y - 10) * (y - 10) + (z - 10) * (z - 10);
			if (r2 <= 64) solid.set(x, y, z, 1);
			if (r2 <= 64 && r2 > 25) m.set(x, y, z, 1);
		}
		assertSame(solid, FillHoles.fill3d(m, Parallel.of(2)));
		// in 2D the middle slice is a ring, also filled; a slice through the cap stays as it is
		ByteVolume f2 = FillHoles.fill2d(m, Parallel.of(2));
		assertArrayEquals(solid.slice(10), f2.slice(10));
		assertEquals(1, f2.get(10, 10, 10));
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		ByteVolume m = TestVolumes.randomMask(33, 29, 27, Spacing.isotropicMicrons(10), 0.6, 8);
		assertSame(FillHoles.fill3d(m, Parallel.of(1)), FillHoles.fill3d(m, Parallel.of(3)));
		assertSame(FillHoles.fill2d(m, Parallel.of(1)), FillHoles.fill2d(m, Parallel.of(3)));
	}
}
