package org.bonelesion.ops;

import java.util.Arrays;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Spacing;

/**
 * Direct 3D local thickness (Hildebrand and Rüegsegger, J Microsc 1997) of a binary mask on
 * anisotropic voxels, in millimetres: the local thickness at a mask voxel is the diameter of
 * the largest sphere that contains the voxel and lies inside the structure.
 *
 * <p>Discrete definition (the one BoneJ and ImageJ's Local Thickness use). Let {@code d(p)}
 * be the exact Euclidean distance from the centre of mask voxel p to the centre of the
 * nearest non-mask voxel of the image ({@link DistanceTransform}; there is nothing outside
 * the image). The sphere of p covers the voxel centres x with
 * {@code |x - p|^2 < d(p)^2 - margin}, where {@code margin} is half the smallest
 * squared voxel size (so that a non-mask voxel at exactly {@code d(p)} is never covered,
 * whatever the float rounding). The thickness at x is the largest {@code 2 d(p)} over the
 * spheres covering x. A plate n voxels thick thus measures n voxels (n even) or n + 1 voxels
 * (n odd): a discrete sphere is centred on a voxel centre.
 *
 * <p>Algorithm. Only spheres not contained in a neighbour's sphere can set a maximum. Whether
 * the sphere of p (a set of lattice points) lies inside that of a 26-neighbour q is decided
 * exactly on the lattice, as Dougherty's Local Thickness does, by a table of the farthest
 * lattice point of each sphere size seen from each kind of neighbour offset
 * ({@link LatticeSpheres}); for radii beyond the table, by the triangle inequality
 * {@code sqrt(d(q)^2 - margin) - sqrt(d(p)^2 - margin) >= |p - q|}. Containment is
 * transitive with strictly growing radii, so painting the spheres of the remaining "ridge"
 * voxels gives exactly the maximum over all spheres. Painting is parallel over blocks of output
 * slices ({@link DiscPainter}): each thread writes only its own slices; there the ridge spheres
 * reaching the slice are cut into discs, taken in decreasing value, discs contained in a disc
 * already painted are skipped, and each voxel is written once, by the first (largest) disc
 * covering it. Every step is exact, so results equal the maximum over all spheres and do not
 * depend on the number of threads. The cost is about the number of (ridge sphere, slice)
 * pairs plus the rows of the discs painted, instead of the summed volume of the ridge spheres.
 *
 * <p>Memory: one float volume (the distances, then reused for the thickness), the ridge
 * list (8 bytes per ridge voxel) and, per thread, about 20 bytes per voxel of one slice plus
 * the discs reaching one slice (24 bytes each).
 */
public final class LocalThickness {

	/** The margin on squared radii, as a fraction of the smallest squared voxel size. */
	public static final double MARGIN_FRACTION = 0.5;

	private LocalThickness() {
	}

	/** The thickness map: 2 d (mm) at mask voxels, 0 elsewhere. See {@link #map(ByteVolume, Parallel, Progress)}. */
	public static FloatVolume map(ByteVolume mask, Parallel parallel) {
		return map(mask, parallel, Progress.NONE);
	}

	/**
	 * The local-thickness map of a mask, in mm, 0 outside the mask. A mask that fills the whole
	 * image has no background to measure against: its voxels get NaN.
	 */
	public static FloatVolume map(ByteVolume mask, Parallel parallel, Progress progress) {
		Spacing sp = mask.requireSpacing();
		int w = mask.width(), h = mask.height(), d = mask.depth();
		progress.report("local thickness: distance transform", 0);
		FloatVolume out = DistanceTransform.squaredDistances(mask, true, parallel);
		progress.checkCancelled();
		float[][] d2 = out.slices();
		double hmin = Math.min(sp.x(), Math.min(sp.y(), d > 1 ? sp.z() : sp.x()));
		double margin = MARGIN_FRACTION * hmin * hmin;
		for (int z = 0; z < d; z++) {
			for (float v : d2[z]) {
				if (v == Float.POSITIVE_INFINITY) {
					for (int zz = 0; zz < d; zz++) {
						byte[] m = mask.slice(zz);
						float[] o = d2[zz];
						for (int i = 0; i < o.length; i++) o[i] = m[i] != 0 ? Float.NaN : 0f;
					}
					return out;
				}
			}
		}
		progress.report("local thickness: distance ridge", 0.3);
		long[][] ridge = ridge(mask, d2, sp, margin, parallel, progress);
		double maxR2 = 0;
		float[] sliceMax = new float[d];
		for (int z = 0; z < d; z++) {
			if (ridge[z].length > 0) {
				sliceMax[z] = Float.intBitsToFloat((int) (ridge[z][ridge[z].length - 1] >>> 32));
				maxR2 = Math.max(maxR2, sliceMax[z]);
			}
		}
		parallel.forRange(0, d, z -> Arrays.fill(d2[z], 0f));
		progress.report("local thickness: painting spheres", 0.5);
		int reachZ = d > 1 ? (int) Math.floor(Math.sqrt(maxR2) / sp.z()) : 0;
		DiscPainter painter = new DiscPainter(w, h, sp, margin, reachZ, ridge, sliceMax);
		parallel.forBlocks(0, d, (z0, z1) -> {
			DiscPainter.Scratch scratch = painter.scratch();
			for (int z = z0; z < z1; z++) {
				progress.checkCancelled();
				painter.paint(z, d2[z], scratch);
			}
		});
		progress.report("local thickness", 1);
		return out;
	}

	/**
	 * The ridge voxels of each slice, each packed as {@code (floatBits(d^2) << 32) | index},
	 * sorted ascending (so by squared distance, then index).
	 */
	static long[][] ridge(ByteVolume mask, float[][] d2, Spacing sp, double margin, Parallel parallel, Progress progress) {
		int w = mask.width(), h = mask.height(), d = mask.depth();
		int[] ox = new int[26], oy = new int[26], oz = new int[26], type = new int[26];
		double[] len = new double[26];
		int n = 0;
		for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
			if (dx == 0 && dy == 0 && dz == 0) continue;
			if (d == 1 && dz != 0) continue;
			ox[n] = dx;
			oy[n] = dy;
			oz[n] = dz;
			type[n] = Math.abs(dx) + 2 * Math.abs(dy) + 4 * Math.abs(dz);
			len[n] = Math.sqrt(dx * dx * sp.x() * sp.x() + dy * dy * sp.y() * sp.y() + dz * dz * sp.z() * sp.z());
			n++;
		}
		int count = n;
		float maxD2 = 0;
		for (float[] s : d2) for (float v : s) maxD2 = Math.max(maxD2, v);
		LatticeSpheres table = new LatticeSpheres(sp, d > 1, Math.min(maxD2, TABLE_RADIUS_VOXELS * TABLE_RADIUS_VOXELS * minSq(sp, d > 1)));
		long[][] out = new long[d][];
		parallel.forRange(0, d, z -> {
			progress.checkCancelled();
			byte[] m = mask.slice(z);
			float[] s = d2[z];
			long[] list = new long[64];
			int size = 0;
			double[] needed = new double[8];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					if (m[i] == 0) continue;
					double t = s[i] - margin;
					boolean exact = table.needed(t, needed);
					double ep = Math.sqrt(t);
					boolean contained = false;
					for (int k = 0; k < count && !contained; k++) {
						int xx = x + ox[k], yy = y + oy[k], zz = z + oz[k];
						if (xx < 0 || yy < 0 || zz < 0 || xx >= w || yy >= h || zz >= d) continue;
						float q = d2[zz][yy * w + xx];
						if (q <= s[i]) continue;
						contained = exact ? needed[type[k]] < q - margin : Math.sqrt(q - margin) - ep >= len[k];
					}
					if (contained) continue;
					if (size == list.length) list = Arrays.copyOf(list, size * 2);
					list[size++] = ((long) Float.floatToIntBits(s[i]) << 32) | i;
				}
			}
			long[] l = Arrays.copyOf(list, size);
			Arrays.sort(l);
			out[z] = l;
		});
		return out;
	}

	/** Radius (in smallest voxel sizes) up to which sphere containment is decided on the lattice. */
	static final int TABLE_RADIUS_VOXELS = 48;

	private static double minSq(Spacing sp, boolean threeD) {
		double hmin = Math.min(sp.x(), Math.min(sp.y(), threeD ? sp.z() : sp.x()));
		return hmin * hmin;
	}

	/**
	 * Which spheres contain which, on the voxel lattice. The sphere of squared radius t covers
	 * the lattice offsets y with {@code |y|^2 < t}; shifted by a neighbour offset o, it lies in a
	 * sphere of squared radius r2 exactly when {@code r2 > max |y - o|^2} over those y. By the
	 * ball's symmetry the maximum depends only on which axes o moves along (7 types) and equals
	 * {@code |y|^2 + 2 sum_a |y_a| |o_a| h_a^2 + |o|^2} maximised over the octant. The table
	 * holds, for every distinct {@code |y|^2} in increasing order, the running maximum per type.
	 * Beyond its radius the continuous triangle inequality is used instead.
	 */
	static final class LatticeSpheres {
		private final double[] sq;
		private final double[][] max;
		private final double limit;

		LatticeSpheres(Spacing sp, boolean threeD, double limit) {
			double hx2 = sp.x() * sp.x(), hy2 = sp.y() * sp.y(), hz2 = sp.z() * sp.z();
			int nx = (int) Math.ceil(Math.sqrt(limit / hx2)) + 1, ny = (int) Math.ceil(Math.sqrt(limit / hy2)) + 1;
			int nz = threeD ? (int) Math.ceil(Math.sqrt(limit / hz2)) + 1 : 0;
			int cap = (nx + 1) * (ny + 1) * (nz + 1);
			double[] vals = new double[cap];
			int[][] pts = new int[cap][];
			int n = 0;
			for (int c = 0; c <= nz; c++) for (int b = 0; b <= ny; b++) for (int a = 0; a <= nx; a++) {
				double v = a * a * hx2 + b * b * hy2 + c * c * hz2;
				if (v > limit) continue;
				vals[n] = v;
				pts[n] = new int[] { a, b, c };
				n++;
			}
			Integer[] idx = new Integer[n];
			for (int i = 0; i < n; i++) idx[i] = i;
			double[] fv = vals;
			Arrays.sort(idx, (p, q) -> Double.compare(fv[p], fv[q]));
			double[] sqs = new double[n];
			double[][] mx = new double[8][n];
			int distinct = 0;
			double[] run = new double[8];
			Arrays.fill(run, Double.NEGATIVE_INFINITY);
			for (int k = 0; k < n; k++) {
				int i = idx[k];
				int[] p = pts[i];
				for (int t = 1; t < 8; t++) {
					int oa = t & 1, ob = t >> 1 & 1, oc = t >> 2 & 1;
					double v = vals[i] + 2 * (p[0] * oa * hx2 + p[1] * ob * hy2 + p[2] * oc * hz2) + oa * hx2 + ob * hy2 + oc * hz2;
					run[t] = Math.max(run[t], v);
				}
				if (distinct > 0 && sqs[distinct - 1] == vals[i]) distinct--;
				sqs[distinct] = vals[i];
				for (int t = 1; t < 8; t++) mx[t][distinct] = run[t];
				distinct++;
			}
			this.limit = limit;
			this.sq = Arrays.copyOf(sqs, distinct);
			this.max = new double[8][];
			for (int t = 1; t < 8; t++) this.max[t] = Arrays.copyOf(mx[t], distinct);
		}

		/**
		 * Fills {@code out[type]} with the largest squared distance from a neighbour offset of
		 * that type to the lattice points of the sphere of squared radius t; false if t is beyond
		 * the table.
		 */
		boolean needed(double t, double[] out) {
			if (sq.length == 0 || t > limit) return false;
			int lo = 0, hi = sq.length; // first index with sq >= t
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (sq[mid] < t) lo = mid + 1;
				else hi = mid;
			}
			if (lo == 0) return false;
			for (int k = 1; k < 8; k++) out[k] = max[k][lo - 1];
			return true;
		}
	}

	/**
	 * The mean of a thickness map over the mask voxels of slices [z0, z1), in mm; NaN if the
	 * mask has no voxel there. Summed slice by slice in order, so independent of threads.
	 */
	public static double mean(FloatVolume map, ByteVolume mask, int z0, int z1, Parallel parallel) {
		double[] sums = new double[z1 - z0];
		long[] counts = new long[z1 - z0];
		parallel.forRange(z0, z1, z -> {
			byte[] m = mask.slice(z);
			float[] t = map.slice(z);
			double s = 0;
			long c = 0;
			for (int i = 0; i < m.length; i++) {
				if (m[i] != 0) {
					s += t[i];
					c++;
				}
			}
			sums[z - z0] = s;
			counts[z - z0] = c;
		});
		double s = 0;
		long c = 0;
		for (int i = 0; i < sums.length; i++) {
			s += sums[i];
			c += counts[i];
		}
		return c == 0 ? Double.NaN : s / c;
	}

	/** The mean local thickness of a mask over all its voxels, in mm (NaN for an empty mask). */
	public static double meanThickness(ByteVolume mask, Parallel parallel) {
		return mean(map(mask, parallel), mask, 0, mask.depth(), parallel);
	}
}
