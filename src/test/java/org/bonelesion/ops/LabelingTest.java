package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

class LabelingTest {

	private static final Spacing SPACING = new Spacing(0.01, 0.02, 0.03);

	static ByteVolume randomMask(int w, int h, int d, double density, long seed) {
		Random r = new Random(seed);
		ByteVolume m = new ByteVolume(w, h, d, SPACING);
		for (int z = 0; z < d; z++) {
			byte[] s = m.slice(z);
			for (int i = 0; i < s.length; i++) s[i] = (byte) (r.nextDouble() < density ? 1 + r.nextInt(200) : 0);
		}
		return m;
	}

	/** Reference: breadth-first flood fill started from each unlabelled voxel in raster order. */
	static int[][] floodFill(ByteVolume m, Connectivity c, int[] countOut) {
		int w = m.width(), h = m.height(), d = m.depth();
		Connectivity eff = c.is3d() && d == 1 ? c.inPlane() : c;
		int[][] lab = new int[d][w * h];
		int next = 0;
		ArrayDeque<int[]> queue = new ArrayDeque<>();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (m.get(x, y, z) == 0 || lab[z][y * w + x] != 0) continue;
			next++;
			lab[z][y * w + x] = next;
			queue.add(new int[] { x, y, z });
			while (!queue.isEmpty()) {
				int[] p = queue.poll();
				for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
					if (!eff.isNeighbour(dx, dy, dz)) continue;
					int xx = p[0] + dx, yy = p[1] + dy, zz = p[2] + dz;
					if (!m.contains(xx, yy, zz) || m.get(xx, yy, zz) == 0 || lab[zz][yy * w + xx] != 0) continue;
					lab[zz][yy * w + xx] = next;
					queue.add(new int[] { xx, yy, zz });
				}
			}
		}
		countOut[0] = next;
		return lab;
	}

	static void assertMatchesReference(ByteVolume m, Connectivity c, int threads) {
		int[] count = new int[1];
		int[][] ref = floodFill(m, c, count);
		Labeling.Result r = Labeling.label(m, c, Parallel.of(threads));
		assertEquals(count[0], r.count(), c + " count, " + threads + " threads, " + m.dims());
		for (int z = 0; z < m.depth(); z++) assertArrayEquals(ref[z], r.labels().slice(z), c + " slice " + z + ", " + threads + " threads, " + m.dims());
		assertEquals(SPACING, r.labels().spacing());
	}

	/**
	 * Labelling into supplied arrays equals the allocating labelling, on arrays full of garbage
	 * and on a second, different mask of the same size (no stale label may survive), in 2D and
	 * 3D, with 1 and 3 threads (several slabs).
	 */
	@Test
	void suppliedArraysEqualAllocatedOnes() {
		Random rnd = new Random(11);
		int[][] dims = { { 67, 45, 1 }, { 23, 17, 9 } };
		for (int[] d : dims) {
			for (int threads : new int[] { 1, 3 }) {
				for (Connectivity c : new Connectivity[] { Connectivity.EIGHT, Connectivity.FOUR, Connectivity.TWENTY_SIX }) {
					int[][] supplied = new int[d[2]][d[0] * d[1]];
					for (int[] s : supplied) for (int i = 0; i < s.length; i++) s[i] = rnd.nextInt(1000) - 10;
					for (int round = 0; round < 2; round++) {
						ByteVolume m = randomMask(d[0], d[1], d[2], round == 0 ? 0.6 : 0.3, 100 + round);
						Labeling.Result fresh = Labeling.label(m, c, Parallel.of(threads));
						Labeling.Result reused = Labeling.label(m, c, Parallel.of(threads), supplied);
						String at = c + " " + m.dims() + " " + threads + " threads, round " + round;
						assertEquals(fresh.count(), reused.count(), at);
						for (int z = 0; z < d[2]; z++) {
							assertTrue(reused.labels().slice(z) == supplied[z], "the supplied array holds the labels");
							assertArrayEquals(fresh.labels().slice(z), reused.labels().slice(z), at + " slice " + z);
						}
					}
				}
			}
		}
	}

	/**
	 * The 2D labelling into the first width * height elements of a longer array equals the
	 * allocating labelling, for masks of changing size labelled one after another into the same
	 * garbage-filled array (stale labels must not survive, elements past the image are left alone).
	 */
	@Test
	void twoDimensionalLabellingIntoLongerArray() {
		Random rnd = new Random(12);
		int[] labels = new int[80 * 60 + 7];
		for (int i = 0; i < labels.length; i++) labels[i] = rnd.nextInt(1000) - 10;
		int tail = labels[labels.length - 1];
		int[][] sizes = { { 80, 60 }, { 37, 41 }, { 80, 60 }, { 1, 50 }, { 64, 1 } };
		for (int k = 0; k < sizes.length; k++) {
			int w = sizes[k][0], h = sizes[k][1];
			for (Connectivity c : new Connectivity[] { Connectivity.EIGHT, Connectivity.FOUR, Connectivity.EIGHTEEN }) {
				ByteVolume m = randomMask(w, h, 1, k % 2 == 0 ? 0.55 : 0.3, 200 + k);
				Labeling.Result fresh = Labeling.label(m, c, Parallel.of(2));
				byte[] longerMask = java.util.Arrays.copyOf(m.slice(0), w * h + 5);
				java.util.Arrays.fill(longerMask, w * h, longerMask.length, (byte) 1);
				int count = Labeling.label(longerMask, w, h, c, labels);
				String at = c + " " + w + "x" + h;
				assertEquals(fresh.count(), count, at);
				assertArrayEquals(fresh.labels().slice(0), java.util.Arrays.copyOf(labels, w * h), at);
				assertEquals(tail, labels[labels.length - 1], "elements past the image untouched");
			}
		}
	}

	@Test
	void matchesFloodFillOnRandomMasks3d() {
		long seed = 1;
		for (double density : new double[] { 0.05, 0.2, 0.35, 0.5, 0.7, 0.95 }) {
			for (int[] size : new int[][] { { 37, 23, 19 }, { 1, 5, 7 }, { 9, 1, 13 }, { 5, 6, 1 }, { 17, 3, 31 } }) {
				ByteVolume m = randomMask(size[0], size[1], size[2], density, seed++);
				for (Connectivity c : Connectivity.values()) {
					for (int threads : new int[] { 1, 2, 3, 7 }) assertMatchesReference(m, c, threads);
				}
			}
		}
	}

	@Test
	void matchesFloodFillOnLargeSingleImage2d() {
		// a depth-1 image is split into row blocks: borders between rows must be merged
		for (double density : new double[] { 0.3, 0.55, 0.6 }) {
			ByteVolume m = randomMask(211, 157, 1, density, 99 + (long) (density * 100));
			for (Connectivity c : Connectivity.values()) {
				for (int threads : new int[] { 1, 2, 5 }) assertMatchesReference(m, c, threads);
			}
		}
	}

	@Test
	void emptyAndFull() {
		ByteVolume empty = new ByteVolume(13, 11, 7, SPACING);
		for (Connectivity c : Connectivity.values()) {
			Labeling.Result r = Labeling.label(empty, c, Parallel.of(3));
			assertEquals(0, r.count());
			for (int z = 0; z < 7; z++) for (int v : r.labels().slice(z)) assertEquals(0, v);
		}
		ByteVolume full = randomMask(13, 11, 7, 1.01, 5);
		for (Connectivity c : Connectivity.values()) {
			Labeling.Result r = Labeling.label(full, c, Parallel.of(3));
			int expected = c.is3d() ? 1 : 7; // 2D: one component per slice
			assertEquals(expected, r.count(), c.toString());
			for (int z = 0; z < 7; z++) for (int v : r.labels().slice(z)) assertEquals(c.is3d() ? 1 : z + 1, v);
		}
	}

	@Test
	void manyMoreThan65535Components() {
		// isolated pixels on even coordinates: 300 * 300 = 90,000 components under 4- and 8-connectivity
		ByteVolume m = new ByteVolume(600, 600, 1, SPACING);
		for (int y = 0; y < 600; y += 2) for (int x = 0; x < 600; x += 2) m.set(x, y, 0, 1);
		for (Connectivity c : new Connectivity[] { Connectivity.FOUR, Connectivity.EIGHT, Connectivity.TWENTY_SIX }) {
			Labeling.Result r = Labeling.label(m, c, Parallel.of(2));
			assertEquals(90_000, r.count());
			assertEquals(1, r.labels().get(0, 0, 0));
			assertEquals(2, r.labels().get(2, 0, 0));
			assertEquals(301, r.labels().get(0, 2, 0));
			assertEquals(90_000, r.labels().get(598, 598, 0));
		}
	}

	@Test
	void statsMatchBruteForce() {
		ByteVolume m = randomMask(41, 29, 23, 0.3, 77);
		Labeling.Result r = Labeling.label(m, Connectivity.SIX, Parallel.of(2));
		LabelStats s1 = LabelStats.of(r, Parallel.of(1));
		LabelStats s3 = LabelStats.of(r, Parallel.of(3));
		IntVolume lab = r.labels();
		int n = r.count();
		long[] cnt = new long[n + 1];
		double[] sx = new double[n + 1], sy = new double[n + 1], sz = new double[n + 1];
		int[] minX = new int[n + 1], maxX = new int[n + 1], minZ = new int[n + 1], maxZ = new int[n + 1];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minZ, Integer.MAX_VALUE);
		java.util.Arrays.fill(maxX, -1);
		java.util.Arrays.fill(maxZ, -1);
		for (int z = 0; z < lab.depth(); z++) for (int y = 0; y < lab.height(); y++) for (int x = 0; x < lab.width(); x++) {
			int l = lab.get(x, y, z);
			if (l == 0) continue;
			cnt[l]++;
			sx[l] += x;
			sy[l] += y;
			sz[l] += z;
			minX[l] = Math.min(minX[l], x);
			maxX[l] = Math.max(maxX[l], x);
			minZ[l] = Math.min(minZ[l], z);
			maxZ[l] = Math.max(maxZ[l], z);
		}
		assertTrue(n > 100);
		for (LabelStats s : new LabelStats[] { s1, s3 }) {
			assertEquals(n, s.count());
			for (int l = 1; l <= n; l++) {
				assertEquals(cnt[l], s.voxels(l));
				assertEquals(minX[l], s.minX(l));
				assertEquals(maxX[l], s.maxX(l));
				assertEquals(minZ[l], s.minZ(l));
				assertEquals(maxZ[l], s.maxZ(l));
				assertEquals(sx[l] / cnt[l], s.centroidX(l), 1e-12);
				assertEquals(sy[l] / cnt[l], s.centroidY(l), 1e-12);
				assertEquals(sz[l] / cnt[l], s.centroidZ(l), 1e-12);
				assertEquals((sz[l] / cnt[l] + 0.5) * 0.03, s.centroidZMm(l), 1e-12);
				assertEquals(cnt[l] * 0.01 * 0.02 * 0.03, s.volumeMm3(l), 1e-15);
			}
		}
	}

	@Test
	void boxPhantomStats() {
		// a 4 x 3 x 2 block at (5, 6, 7): centroid (6.5, 7, 7.5) voxels, volume 24 voxels
		ByteVolume m = new ByteVolume(20, 20, 20, SPACING);
		for (int z = 7; z < 9; z++) for (int y = 6; y < 9; y++) for (int x = 5; x < 9; x++) m.set(x, y, z, 1);
		LabelStats s = LabelStats.of(Labeling.label(m, Connectivity.SIX, Parallel.of(2)), Parallel.of(2));
		assertEquals(1, s.count());
		assertEquals(24, s.voxels(1));
		assertEquals(6.5, s.centroidX(1), 0);
		assertEquals(7.0, s.centroidY(1), 0);
		assertEquals(7.5, s.centroidZ(1), 0);
		assertEquals(7.0 * 0.01, s.centroidXMm(1), 1e-15);
		assertEquals(8.0 * 0.03, s.centroidZMm(1), 1e-15);
		assertEquals(5, s.minX(1));
		assertEquals(8, s.maxX(1));
		assertEquals(24 * 6e-6, s.volumeMm3(1), 1e-18);
	}

	@Test
	void keepBySizeAndLargest() {
		ByteVolume m = randomMask(40, 30, 20, 0.25, 3);
		Labeling.Result r = Labeling.label(m, Connectivity.SIX, Parallel.of(2));
		LabelStats s = LabelStats.of(r, Parallel.of(1));
		long min = 4;
		Labeling.Result kept = Labeling.keepMinVoxels(r, min, Parallel.of(2));
		int expected = 0;
		for (int l = 1; l <= r.count(); l++) if (s.voxels(l) >= min) expected++;
		assertEquals(expected, kept.count());
		// every kept voxel belonged to a big enough component, numbering stays ordered
		int[] map = new int[r.count() + 1];
		int next = 0;
		for (int l = 1; l <= r.count(); l++) map[l] = s.voxels(l) >= min ? ++next : 0;
		for (int z = 0; z < 20; z++) {
			int[] a = r.labels().slice(z), b = kept.labels().slice(z);
			for (int i = 0; i < a.length; i++) assertEquals(map[a[i]], b[i]);
		}
		// in mm^3: a voxel is 6e-6 mm^3, so 4 voxels = 2.4e-5 mm^3 (threshold just under)
		assertEquals(expected, Labeling.keepMinVolume(r, 3.9 * 6e-6, Parallel.of(1)).count());
		Labeling.Result largest = Labeling.keepLargest(r, Parallel.of(2));
		assertEquals(1, largest.count());
		LabelStats ls = LabelStats.of(largest, Parallel.of(1));
		assertEquals(s.voxels(s.largest()), ls.voxels(1));
		ByteVolume mask = Labeling.mask(largest, Parallel.of(2));
		long sum = 0;
		for (int z = 0; z < 20; z++) for (byte b : mask.slice(z)) sum += b;
		assertEquals(ls.voxels(1), sum);
	}
}
