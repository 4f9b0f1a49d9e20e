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
				ByteVolume ref = reference(m, sz[2] > 1);
				assertSame(ref, FillHoles.fill3d(m, Parallel.of(1)));
				assertSame(ref, FillHoles.fill3d(m, Parallel.of(4)));
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
	void tunnelWindingAcrossSlabsStaysOpenAndCavityIsFilled() {
		// a solid block, a 1-voxel tunnel from the x = 0 face that goes up and down through the
		// whole depth (crossing every slab boundary of a multi-threaded fill several times),
		// and a closed cavity: only the cavity is filled
		int w = 24, h = 5, d = 16;
		ByteVolume m = new ByteVolume(w, h, d, Spacing.isotropicMicrons(10));
		for (int z = 0; z < d; z++) java.util.Arrays.fill(m.slice(z), (byte) 1);
		int y = 2;
		int z = 1;
		int x = 0;
		boolean up = true;
		while (x < w - 2) {
			for (int i = 0; i < 3 && x < w - 2; i++) m.set(x++, y, z, 0);
			int target = up ? d - 2 : 1;
			while (z != target) {
				m.set(x, y, z, 0);
				z += up ? 1 : -1;
			}
			m.set(x, y, z, 0);
			up = !up;
		}
		ByteVolume expected = m.copy();
		ByteVolume cavity = m.copy();
		cavity.set(1, 3, 8, 0); // enclosed by foreground on all six sides, off every face
		for (int threads : new int[] { 1, 2, 3, 5 }) {
			assertSame(reference(expected, true), FillHoles.fill3d(expected, Parallel.of(threads)));
			assertSame(expected, FillHoles.fill3d(cavity, Parallel.of(threads)));
		}
		// the tunnel is open: its far end is still background
		assertEquals(0, FillHoles.fill3d(expected, Parallel.of(4)).get(x, y, z));
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		ByteVolume m = TestVolumes.randomMask(33, 29, 27, Spacing.isotropicMicrons(10), 0.6, 8);
		assertSame(FillHoles.fill3d(m, Parallel.of(1)), FillHoles.fill3d(m, Parallel.of(3)));
		assertSame(FillHoles.fill2d(m, Parallel.of(1)), FillHoles.fill2d(m, Parallel.of(3)));
	}
}
