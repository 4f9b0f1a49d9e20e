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
 * {@code |x - p|^2 < d(p)^2 - margin}, where {@code margin} is a quarter of the smallest
 * squared voxel size (so that a non-mask voxel at exactly {@code d(p)} is never covered,
 * whatever the float rounding). The thickness at x is the largest {@code 2 d(p)} over the
 * spheres covering x. A plate n voxels thick thus measures n voxels (n even) or n + 1 voxels
 * (n odd): a discrete sphere is centred on a voxel centre.
 *
 * <p>Algorithm. Only spheres not contained in a neighbour's sphere can set a maximum; a
 * sphere of p lies inside that of a 26-neighbour q when
 * {@code sqrt(d(q)^2 - margin) - sqrt(d(p)^2 - margin) >= |p - q|} (triangle inequality, on
 * the shrunk radii actually painted), and containment is transitive with strictly growing
 * radii, so painting the spheres of the remaining "ridge" voxels gives exactly the maximum
 * over all spheres. Painting is parallel over output slices: each thread writes only its own
 * slices, taking the maximum over every ridge sphere reaching them, so results do not depend
 * on the number of threads. The cost is the summed volume of the ridge spheres, not of all
 * spheres.
 *
 * <p>Memory: one float volume (the distances, then reused for the thickness) and the ridge
 * list (12 bytes per ridge voxel).
 */
public final class LocalThickness {

	/** The margin on squared radii, as a fraction of the smallest squared voxel size. */
	public static final double MARGIN_FRACTION = 0.25;

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
		double hx = sp.x(), hy = sp.y(), hz = sp.z();
		parallel.forRange(0, d, z -> {
			progress.checkCancelled();
			float[] o = d2[z];
			for (int zc = Math.max(0, z - reachZ); zc <= Math.min(d - 1, z + reachZ); zc++) {
				double dzmm = (zc - z) * hz;
				double dz2 = dzmm * dzmm;
				if (sliceMax[zc] - margin <= dz2) continue;
				long[] list = ridge[zc];
				for (int k = list.length - 1; k >= 0; k--) {
					double r2 = Float.intBitsToFloat((int) (list[k] >>> 32));
					double rem = r2 - margin - dz2;
					if (rem <= 0) break; // sorted by radius: the rest are smaller
					int idx = (int) list[k];
					int cx = idx % w, cy = idx / w;
					float value = (float) (2 * Math.sqrt(r2));
					int ry = (int) Math.floor(Math.sqrt(rem) / hy);
					for (int y = Math.max(0, cy - ry); y <= Math.min(h - 1, cy + ry); y++) {
						double dy = (y - cy) * hy;
						double rem2 = rem - dy * dy;
						if (rem2 <= 0) continue;
						int rx = (int) Math.floor(Math.sqrt(rem2) / hx);
						while (rx >= 0 && (rx * hx) * (rx * hx) >= rem2) rx--;
						if (rx < 0) continue;
						int row = y * w;
						int x1 = Math.min(w - 1, cx + rx);
						for (int x = Math.max(0, cx - rx); x <= x1; x++) {
							if (o[row + x] < value) o[row + x] = value;
						}
					}
				}
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
		int[] ox = new int[26], oy = new int[26], oz = new int[26];
		double[] len = new double[26];
		int n = 0;
		for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
			if (dx == 0 && dy == 0 && dz == 0) continue;
			if (d == 1 && dz != 0) continue;
			ox[n] = dx;
			oy[n] = dy;
			oz[n] = dz;
			len[n] = Math.sqrt(dx * dx * sp.x() * sp.x() + dy * dy * sp.y() * sp.y() + dz * dz * sp.z() * sp.z());
			n++;
		}
		int count = n;
		long[][] out = new long[d][];
		parallel.forRange(0, d, z -> {
			progress.checkCancelled();
			byte[] m = mask.slice(z);
			float[] s = d2[z];
			long[] list = new long[64];
			int size = 0;
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					if (m[i] == 0) continue;
					double ep = Math.sqrt(s[i] - margin);
					boolean contained = false;
					for (int k = 0; k < count && !contained; k++) {
						int xx = x + ox[k], yy = y + oy[k], zz = z + oz[k];
						if (xx < 0 || yy < 0 || zz < 0 || xx >= w || yy >= h || zz >= d) continue;
						float q = d2[zz][yy * w + xx];
						if (q <= s[i]) continue;
						contained = Math.sqrt(q - margin) - ep >= len[k];
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
