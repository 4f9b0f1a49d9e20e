package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

/**
 * The pruned painting of {@link LocalThickness} (ridge, discs in decreasing value, contained
 * discs skipped, each voxel written once) against the definition painted naively: every mask
 * voxel's sphere, every voxel of its bounding box tested, on the same distance transform. On
 * shapes large enough for the pruning to act: big balls, hollow tubes (a marrow cavity) and
 * tilted cylinders, on anisotropic voxels.
 */
class LocalThicknessPaintingTest {

	/** Every mask voxel's sphere painted with a per-voxel test, distances from the fast EDT. */
	static float[][] naive(ByteVolume m) {
		Spacing sp = m.spacing();
		int w = m.width(), h = m.height(), d = m.depth();
		double hmin = Math.min(sp.x(), Math.min(sp.y(), sp.z()));
		double margin = LocalThickness.MARGIN_FRACTION * hmin * hmin;
		FloatVolume d2 = DistanceTransform.squaredDistances(m, true, Parallel.of(1));
		float[][] out = new float[d][w * h];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double r2 = d2.slice(z)[y * w + x];
			if (r2 == 0) continue;
			float v = (float) (2 * Math.sqrt(r2));
			double r = Math.sqrt(r2);
			int rx = (int) (r / sp.x()) + 1, ry = (int) (r / sp.y()) + 1, rz = (int) (r / sp.z()) + 1;
			for (int c = Math.max(0, z - rz); c <= Math.min(d - 1, z + rz); c++) {
				for (int b = Math.max(0, y - ry); b <= Math.min(h - 1, y + ry); b++) {
					for (int a = Math.max(0, x - rx); a <= Math.min(w - 1, x + rx); a++) {
						double dd = sq((a - x) * sp.x()) + sq((b - y) * sp.y()) + sq((c - z) * sp.z());
						if (dd < r2 - margin && out[c][b * w + a] < v) out[c][b * w + a] = v;
					}
				}
			}
		}
		return out;
	}

	private static double sq(double v) {
		return v * v;
	}

	/** A hollow tube along z (wall between radii r0 and r1, in voxels of x) whose axis drifts in x with z. */
	static ByteVolume tiltedTube(int n, int depth, Spacing sp, double r0, double r1, double drift) {
		ByteVolume m = new ByteVolume(n, n, depth, sp);
		for (int z = 0; z < depth; z++) {
			double cx = (n - 1) / 2.0 + drift * (z - depth / 2.0), cy = (n - 1) / 2.0;
			for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
				double rr = Math.sqrt(sq((x - cx) * sp.x()) + sq((y - cy) * sp.y())) / sp.x();
				if (rr >= r0 && rr < r1) m.set(x, y, z, 1);
			}
		}
		return m;
	}

	/** A marrow cavity: the solid (possibly tilted) cylinder of radius r0 inside a tube. */
	static ByteVolume cavity(int n, int depth, Spacing sp, double r0, double drift) {
		return tiltedTube(n, depth, sp, 0, r0, drift);
	}

	static ByteVolume bigBalls(int w, int h, int d, Spacing sp, int count, long seed) {
		Random rnd = new Random(seed);
		ByteVolume m = new ByteVolume(w, h, d, sp);
		for (int k = 0; k < count; k++) {
			double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h, cz = rnd.nextDouble() * d;
			double r = (4 + rnd.nextDouble() * 8) * sp.x();
			for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				if (sq((x - cx) * sp.x()) + sq((y - cy) * sp.y()) + sq((z - cz) * sp.z()) < r * r) m.set(x, y, z, 1);
			}
		}
		return m;
	}

	private static void assertSame(float[][] expected, FloatVolume got, String what) {
		for (int z = 0; z < got.depth(); z++) assertArrayEquals(expected[z], got.slice(z), 0f, what + " slice " + z);
	}

	@Test
	void equalsNaivePaintingOnLargeShapes() {
		Spacing[] spacings = { Spacing.microns(10, 10, 10), Spacing.microns(10, 10, 17), Spacing.microns(9, 11, 7) };
		long seed = 11;
		for (Spacing sp : spacings) {
			ByteVolume[] shapes = { bigBalls(40, 36, 30, sp, 6, seed++), tiltedTube(44, 28, sp, 6, 10, 0.3), cavity(40, 30, sp, 13, 0.25),
				cavity(38, 24, sp, 12, 0) };
			for (int k = 0; k < shapes.length; k++) {
				float[][] expected = naive(shapes[k]);
				// exact: the same distances, the same spheres; the pruning may only skip what changes nothing
				assertSame(expected, LocalThickness.map(shapes[k], Parallel.of(1)), "shape " + k + " at " + sp);
				assertSame(expected, LocalThickness.map(shapes[k], Parallel.of(3)), "shape " + k + " at " + sp + ", 3 threads");
			}
		}
	}

	@Test
	void equalsNaivePaintingOnRandomMasks() {
		Spacing sp = Spacing.microns(8, 10, 12);
		for (long seed = 1; seed <= 4; seed++) {
			ByteVolume m = TestVolumes.randomMask(30, 26, 22, sp, 0.85 + 0.03 * seed, seed);
			float[][] expected = naive(m);
			assertSame(expected, LocalThickness.map(m, Parallel.of(1)), "seed " + seed);
			assertSame(expected, LocalThickness.map(m, Parallel.of(2)), "seed " + seed + ", 2 threads");
		}
	}
}
