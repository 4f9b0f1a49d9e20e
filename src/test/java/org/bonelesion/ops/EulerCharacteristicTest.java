package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class EulerCharacteristicTest {

	static final Spacing S = Spacing.microns(10, 10, 10);

	/** chi by listing the cells of the cubical complex: vertices - edges + faces - cubes. */
	static long bruteForce(ByteVolume m) {
		Set<Long> v = new HashSet<>(), e = new HashSet<>(), f = new HashSet<>();
		long cubes = 0;
		for (int z = 0; z < m.depth(); z++) for (int y = 0; y < m.height(); y++) for (int x = 0; x < m.width(); x++) {
			if (m.get(x, y, z) == 0) continue;
			cubes++;
			// cells on a doubled lattice: a cell's doubled coordinates have odd entries along its extent
			for (int a = 0; a <= 2; a++) for (int b = 0; b <= 2; b++) for (int c = 0; c <= 2; c++) {
				long X = 2L * x + a, Y = 2L * y + b, Z = 2L * z + c;
				int odd = (a == 1 ? 1 : 0) + (b == 1 ? 1 : 0) + (c == 1 ? 1 : 0);
				long key = (X * 10007 + Y) * 10007 + Z;
				if (odd == 0) v.add(key);
				else if (odd == 1) e.add(key);
				else if (odd == 2) f.add(key);
			}
		}
		return v.size() - e.size() + f.size() - cubes;
	}

	@Test
	void equalsCellCountingOnRandomMasks() {
		for (long seed = 1; seed <= 12; seed++) {
			ByteVolume m = TestVolumes.randomMask(11, 9, 7, S, 0.2 + 0.05 * seed, seed);
			assertEquals(bruteForce(m), EulerCharacteristic.chi(m, Parallel.of(1)), "seed " + seed);
			assertEquals(bruteForce(m), EulerCharacteristic.chi(m, Parallel.of(3)), "seed " + seed + ", 3 threads");
		}
	}

	@Test
	void knownObjects() {
		ByteVolume one = new ByteVolume(3, 3, 3, S);
		one.set(1, 1, 1, 1);
		assertEquals(1, EulerCharacteristic.chi(one, Parallel.of(1)));
		ByteVolume diagonal = new ByteVolume(4, 4, 4, S);
		diagonal.set(1, 1, 1, 1);
		diagonal.set(2, 2, 2, 1); // touching at a corner: one 26-connected object
		assertEquals(1, EulerCharacteristic.chi(diagonal, Parallel.of(1)));
		// hollow cube: one object enclosing one cavity, chi = 1 + 1 = 2
		ByteVolume shell = box(7, 1, 5);
		shell.set(3, 3, 3, 0);
		for (int z = 2; z <= 4; z++) for (int y = 2; y <= 4; y++) for (int x = 2; x <= 4; x++) shell.set(x, y, z, 0);
		assertEquals(2, EulerCharacteristic.chi(shell, Parallel.of(1)));
		// square torus (a frame): one object, one tunnel, chi = 0
		ByteVolume torus = new ByteVolume(9, 9, 5, S);
		for (int y = 1; y <= 7; y++) for (int x = 1; x <= 7; x++) for (int z = 1; z <= 3; z++) {
			if (x <= 2 || x >= 6 || y <= 2 || y >= 6) torus.set(x, y, z, 1);
		}
		assertEquals(0, EulerCharacteristic.chi(torus, Parallel.of(1)));
		// a slab with k punched holes: chi = 1 - k
		for (int k = 1; k <= 4; k++) {
			ByteVolume plate = new ByteVolume(4 * k + 3, 7, 4, S);
			for (int z = 1; z <= 2; z++) for (int y = 1; y <= 5; y++) for (int x = 1; x <= 4 * k + 1; x++) plate.set(x, y, z, 1);
			for (int h = 0; h < k; h++) for (int z = 1; z <= 2; z++) plate.set(3 + 4 * h, 3, z, 0);
			assertEquals(1 - k, EulerCharacteristic.chi(plate, Parallel.of(1)), k + " holes");
		}
	}

	private static ByteVolume box(int n, int from, int to) {
		ByteVolume m = new ByteVolume(n, n, n, S);
		for (int z = from; z <= to; z++) for (int y = from; y <= to; y++) for (int x = from; x <= to; x++) m.set(x, y, z, 1);
		return m;
	}

	/** A cubic lattice of rods along x, y and z, period p voxels, rods t voxels thick, n periods, cut mid-way between nodes. */
	static ByteVolume rodLattice(int n, int p, int t) {
		int size = n * p + 1;
		ByteVolume m = new ByteVolume(size, size, size, S);
		int off = p / 2 - t / 2; // nodes sit in the middle of each period, box faces between nodes
		for (int z = 0; z < size; z++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			boolean ix = Math.floorMod(x - off, p) < t, iy = Math.floorMod(y - off, p) < t, iz = Math.floorMod(z - off, p) < t;
			if ((ix && iy) || (iy && iz) || (ix && iz)) m.set(x, y, z, 1);
		}
		return m;
	}

	@Test
	void boundaryCorrectedLatticeGivesMinusTwoPerCell() {
		// each period of the infinite lattice holds 1 node and 3 rods: chi per cell = 1 - 3 = -2.
		// Boxes of n*p + 1 voxels overlapping in one layer tile the lattice, so delta chi is exact.
		for (int n = 1; n <= 3; n++) {
			ByteVolume m = rodLattice(n, 8, 3);
			assertEquals(-2.0 * n * n * n, EulerCharacteristic.deltaChi(m, Parallel.of(2)), 1e-12, n + " periods");
		}
	}

	@Test
	void deltaChiIsAdditiveOverBoxesSharingALayer() {
		// by inclusion-exclusion the contributions of boxes that share their faces add up to the whole's
		for (long seed = 1; seed <= 6; seed++) {
			ByteVolume m = TestVolumes.randomMask(13, 13, 13, S, 0.45, seed);
			double whole = EulerCharacteristic.deltaChi(m, Parallel.of(1));
			double sum = 0;
			int[][] ranges = { { 0, 7 }, { 6, 13 } };
			for (int[] rx : ranges) for (int[] ry : ranges) for (int[] rz : ranges) sum += EulerCharacteristic.deltaChi(crop(m, rx, ry, rz), Parallel.of(1));
			assertEquals(whole, sum, 1e-9, "seed " + seed);
		}
	}

	@Test
	void objectInsideTheBoxNeedsNoCorrection() {
		ByteVolume m = TestVolumes.randomBalls(20, 20, 20, S, 6, 3);
		for (int z = 0; z < 20; z++) for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) {
			if (x == 0 || y == 0 || z == 0 || x == 19 || y == 19 || z == 19) m.set(x, y, z, 0);
		}
		assertEquals(EulerCharacteristic.chi(m, Parallel.of(1)), EulerCharacteristic.deltaChi(m, Parallel.of(1)), 0);
	}

	static ByteVolume crop(ByteVolume m, int[] rx, int[] ry, int[] rz) {
		ByteVolume c = new ByteVolume(rx[1] - rx[0], ry[1] - ry[0], rz[1] - rz[0], m.spacing());
		for (int z = rz[0]; z < rz[1]; z++) for (int y = ry[0]; y < ry[1]; y++) for (int x = rx[0]; x < rx[1]; x++) {
			c.set(x - rx[0], y - ry[0], z - rz[0], m.get(x, y, z));
		}
		return c;
	}

	@Test
	void sliceRangeMatchesACrop() {
		ByteVolume m = TestVolumes.randomMask(10, 10, 12, S, 0.5, 9);
		ByteVolume c = crop(m, new int[] { 0, 10 }, new int[] { 0, 10 }, new int[] { 3, 9 });
		assertEquals(EulerCharacteristic.chi(c, Parallel.of(1)), EulerCharacteristic.chi(m, 3, 9, Parallel.of(2)));
		assertEquals(EulerCharacteristic.deltaChi(c, Parallel.of(1)), EulerCharacteristic.deltaChi(m, 3, 9, Parallel.of(2)), 0);
		assertEquals(0, Arrays.stream(new long[] { EulerCharacteristic.chi(m, 4, 4, Parallel.of(1)) }).sum());
	}
}
