package org.bonelesion.ops;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Volume;

/**
 * Rigid (6 degrees of freedom) registration of a moving grey volume (follow-up) onto a fixed
 * one (baseline), multi-resolution.
 *
 * <p>Method. Both images are reduced to a pyramid by block averaging; the finest level is the
 * first with at most {@link Settings#maxVoxels()} voxels (the full image when it is that small). Initialisation on the coarsest level: the centres
 * of mass of the bright voxels (above mean + 1 SD) give the translation; the rotation is the
 * identity or one of the four principal-axis alignments (sign choices with determinant +1),
 * whichever correlates best. Then, level by level, a Hooke-Jeeves pattern search maximises the
 * normalised cross-correlation (NCC) of the fixed image and the trilinearly interpolated moving
 * image over a regular sample of at most {@link Settings#maxSamples()} fixed voxels, with steps
 * from 2 voxels (translations; rotations: the same arc at the image's half size) down to
 * 1/20 voxel. The moving image may be mirrored in x first (contralateral baseline).
 *
 * <p>The centre of rotation is the fixed image's centre of mass. Sums run in fixed chunks added
 * in order, so results do not depend on the number of threads.
 */
public final class RigidRegistration {

	private static final int CHUNKS = 64;

	private RigidRegistration() {
	}

	/**
	 * @param mirror mirror the moving image in x before registering (contralateral baseline)
	 * @param maxVoxels finest pyramid level used: the first with at most this many voxels
	 * @param maxSamples fixed voxels sampled per similarity evaluation (a regular stride)
	 */
	public record Settings(boolean mirror, long maxVoxels, int maxSamples) {
		/** No mirror, levels up to 16 M voxels, 400 000 samples. */
		public static Settings defaults() {
			return new Settings(false, 16_000_000L, 400_000);
		}

		/** A copy with mirroring on or off. */
		public Settings withMirror(boolean m) {
			return new Settings(m, maxVoxels, maxSamples);
		}
	}

	/**
	 * @param transform fixed -> moving point map (mm)
	 * @param correlation NCC of the two images over their overlap at the finest level used (1 = perfect)
	 * @param rmsDifference RMS grey-value difference over that overlap (grey units of the inputs)
	 * @param finestVoxelMm voxel size (x, mm) of the finest level used
	 * @param evaluations similarity evaluations spent
	 */
	public record Result(RigidTransform3D transform, double correlation, double rmsDifference, double finestVoxelMm, int evaluations) {
	}

	/** Registers {@code moving} onto {@code fixed}; both must be calibrated. */
	public static Result register(Volume fixed, Volume moving, Settings settings, Parallel parallel, Progress progress) {
		List<Level> fp = pyramid(fixed, settings.maxVoxels(), parallel);
		List<Level> mp = pyramid(moving, settings.maxVoxels(), parallel);
		int levels = Math.min(fp.size(), mp.size());
		int finest = 0;
		while (finest < levels - 1 && (fp.get(finest).size() > settings.maxVoxels() || mp.get(finest).size() > settings.maxVoxels())) finest++;
		int coarsest = levels - 1;
		while (coarsest > finest && Math.min(fp.get(coarsest).minDim(), mp.get(coarsest).minDim()) < 12) coarsest--;
		Level f0 = fp.get(coarsest), m0 = mp.get(coarsest);
		double mirrorWidth = settings.mirror() ? (moving.width() - 1) * moving.requireSpacing().x() : Double.NaN;
		// initialisation
		double[][] fm = moments(f0), mm = moments(m0);
		double[] centre = fm[0];
		double[] mc = mm[0].clone();
		if (settings.mirror()) mc[0] = mirrorWidth - mc[0];
		double[] t0 = { mc[0] - centre[0], mc[1] - centre[1], mc[2] - centre[2] };
		List<double[]> starts = new ArrayList<>();
		starts.add(new double[] { 0, 0, 0 });
		double[][] ef = SymmetricEigen3.vectorsByDecreasingValue(square(fm[1]));
		double[][] em = SymmetricEigen3.vectorsByDecreasingValue(square(mm[1]));
		if (settings.mirror()) for (int k = 0; k < 3; k++) em[k][0] = -em[k][0];
		double dets = det(flat(ef)) * det(flat(em));
		for (int sgn = 0; sgn < 4; sgn++) {
			double s1 = (sgn & 1) == 0 ? 1 : -1, s2 = (sgn & 2) == 0 ? 1 : -1;
			double[] s = { s1, s2, s1 * s2 * Math.signum(dets) };
			// R = Em S Ef^T (eigenvectors as columns), a rotation taking fixed axes onto moving axes
			double[] r = new double[9];
			for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
				double v = 0;
				for (int k = 0; k < 3; k++) v += em[k][i] * s[k] * ef[k][j];
				r[i * 3 + j] = v;
			}
			// only alignments within 45 degrees of the identity: the scans show the same bone
			// in roughly the same pose, and a symmetric shaft's axes are otherwise arbitrary
			double angle = Math.acos(Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2)));
			if (angle <= Math.toRadians(45)) starts.add(RigidTransform3D.angles(r));
		}
		Evaluator ev0 = new Evaluator(f0, m0, centre, mirrorWidth, settings.maxSamples(), parallel);
		double[] best = null;
		double bestCost = Double.POSITIVE_INFINITY;
		double radius = 0.5 * Math.max(fixed.width() * fixed.requireSpacing().x(), Math.max(fixed.height() * fixed.requireSpacing().y(), fixed.depth() * fixed.requireSpacing().z()));
		int evaluations = 0;
		// each start is refined on the coarsest level; the best one goes on
		for (double[] a : starts) {
			double[] p = { a[0], a[1], a[2], t0[0], t0[1], t0[2] };
			double vox = f0.sx;
			evaluations += patternSearch(ev0, p, new double[] { 2 * vox / radius, 2 * vox / radius, 2 * vox / radius, 2 * vox, 2 * vox, 2 * vox }, 1.0 / 8, 1000);
			double cost = ev0.cost(p);
			if (cost < bestCost) {
				bestCost = cost;
				best = p;
			}
		}
		Evaluator ev = ev0;
		for (int l = coarsest; l >= finest; l--) {
			progress.checkCancelled();
			progress.report("registration", (double) (coarsest - l) / (coarsest - finest + 1));
			ev = new Evaluator(fp.get(l), mp.get(l), centre, mirrorWidth, settings.maxSamples(), parallel);
			double vox = fp.get(l).sx;
			double[] step = { 2 * vox / radius, 2 * vox / radius, 2 * vox / radius, 2 * vox, 2 * vox, 2 * vox };
			double minStep = vox / 20;
			evaluations += patternSearch(ev, best, step, minStep / vox, 2000);
		}
		double[] stats = ev.stats(best);
		progress.report("registration", 1);
		RigidTransform3D tr = new RigidTransform3D(best[0], best[1], best[2], new double[] { best[3], best[4], best[5] }, centre, mirrorWidth);
		return new Result(tr, stats[0], stats[1], fp.get(finest).sx, evaluations);
	}

	private static double[][] square(double[] m) {
		return new double[][] { { m[0], m[1], m[2] }, { m[3], m[4], m[5] }, { m[6], m[7], m[8] } };
	}

	private static double[] flat(double[][] m) {
		return new double[] { m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2] };
	}

	private static double det(double[] r) {
		return r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
	}

	/** Hooke-Jeeves on p (modified in place); steps shrink by 2 until below minRel times their start. */
	private static int patternSearch(Evaluator ev, double[] p, double[] step, double minRel, int maxEval) {
		double[] start = step.clone();
		double cost = ev.cost(p);
		int n = 1;
		double[] s = step.clone();
		while (n < maxEval) {
			double[] base = p.clone();
			double baseCost = cost;
			for (int k = 0; k < 6; k++) {
				for (int dir = -1; dir <= 1; dir += 2) {
					double old = p[k];
					p[k] = old + dir * s[k];
					double c = ev.cost(p);
					n++;
					if (c < cost) {
						cost = c;
						break;
					}
					p[k] = old;
				}
			}
			if (cost < baseCost) {
				// pattern move
				double[] trial = new double[6];
				for (int k = 0; k < 6; k++) trial[k] = p[k] + (p[k] - base[k]);
				double c = ev.cost(trial);
				n++;
				if (c < cost) {
					cost = c;
					System.arraycopy(trial, 0, p, 0, 6);
				}
			} else {
				boolean done = true;
				for (int k = 0; k < 6; k++) {
					s[k] /= 2;
					if (s[k] >= minRel * start[k]) done = false;
				}
				if (done) break;
			}
		}
		return n;
	}

	/** One pyramid level: a flat float image, its voxel size and the position of voxel 0 (mm). */
	static final class Level {
		final float[] data;
		final int w, h, d;
		final double sx, sy, sz, ox, oy, oz;

		Level(float[] data, int w, int h, int d, double sx, double sy, double sz, double ox, double oy, double oz) {
			this.data = data;
			this.w = w;
			this.h = h;
			this.d = d;
			this.sx = sx;
			this.sy = sy;
			this.sz = sz;
			this.ox = ox;
			this.oy = oy;
			this.oz = oz;
		}

		long size() {
			return (long) w * h * d;
		}

		int minDim() {
			return Math.min(w, Math.min(h, d));
		}

		/** Trilinear value at voxel coordinates, NaN outside. */
		float sample(double x, double y, double z) {
			if (x < 0 || y < 0 || z < 0 || x > w - 1 || y > h - 1 || z > d - 1) return Float.NaN;
			int x0 = Math.min((int) x, w - 2 < 0 ? 0 : w - 2), y0 = Math.min((int) y, h - 2 < 0 ? 0 : h - 2), z0 = Math.min((int) z, d - 2 < 0 ? 0 : d - 2);
			double fx = x - x0, fy = y - y0, fz = z - z0;
			int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1), z1 = Math.min(z0 + 1, d - 1);
			long sl = (long) w * h;
			double c000 = data[(int) (z0 * sl + y0 * w + x0)], c100 = data[(int) (z0 * sl + y0 * w + x1)];
			double c010 = data[(int) (z0 * sl + y1 * w + x0)], c110 = data[(int) (z0 * sl + y1 * w + x1)];
			double c001 = data[(int) (z1 * sl + y0 * w + x0)], c101 = data[(int) (z1 * sl + y0 * w + x1)];
			double c011 = data[(int) (z1 * sl + y1 * w + x0)], c111 = data[(int) (z1 * sl + y1 * w + x1)];
			double c00 = c000 + fx * (c100 - c000), c10 = c010 + fx * (c110 - c010);
			double c01 = c001 + fx * (c101 - c001), c11 = c011 + fx * (c111 - c011);
			double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
			return (float) (c0 + fz * (c1 - c0));
		}
	}

	/**
	 * The pyramid of a volume: the first level is the volume averaged over blocks of f x f x f
	 * voxels, f the smallest power of 2 that brings it to at most {@code maxVoxels} (so a big
	 * scan is never held as floats at full size), then halves down to 16 voxels.
	 */
	static List<Level> pyramid(Volume v, long maxVoxels, Parallel parallel) {
		Spacing s = v.requireSpacing();
		List<Level> out = new ArrayList<>();
		int f = 1;
		while ((long) (v.width() / f) * (v.height() / f) * (v.depth() / f) > maxVoxels && Math.min(v.width(), Math.min(v.height(), v.depth())) / f >= 32) f *= 2;
		int ff = f;
		int w = v.width() / f, h = v.height() / f, d = v.depth() / f;
		float[] a = new float[w * h * d];
		double inv = 1.0 / ((double) f * f * f);
		parallel.forRange(0, d, z -> {
			double[] row = new double[w];
			for (int y = 0; y < h; y++) {
				java.util.Arrays.fill(row, 0);
				for (int zz = z * ff; zz < z * ff + ff; zz++) for (int yy = y * ff; yy < y * ff + ff; yy++) for (int x = 0; x < w * ff; x++) row[x / ff] += value(v, x, yy, zz);
				for (int x = 0; x < w; x++) a[(z * h + y) * w + x] = (float) (row[x] * inv);
			}
		});
		double half = (f - 1) / 2.0;
		Level cur = new Level(a, w, h, d, s.x() * f, s.y() * f, s.z() * f, half * s.x(), half * s.y(), half * s.z());
		out.add(cur);
		while (cur.minDim() >= 16) {
			cur = halve(cur, parallel);
			out.add(cur);
		}
		return out;
	}

	private static float value(Volume v, int x, int y, int z) {
		if (v instanceof ShortVolume sv) return sv.slice(z)[y * v.width() + x] & 0xffff;
		if (v instanceof ByteVolume bv) return bv.slice(z)[y * v.width() + x] & 0xff;
		if (v instanceof FloatVolume fv) return fv.slice(z)[y * v.width() + x];
		return (float) v.getDouble(x, y, z);
	}

	/** 2x2x2 averages of a level (odd last voxels dropped). */
	private static Level halve(Level l, Parallel parallel) {
		int w = l.w / 2, h = l.h / 2, d = l.d / 2;
		float[] a = new float[w * h * d];
		parallel.forRange(0, d, z -> {
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int k = 0; k < 8; k++) {
					int xx = 2 * x + (k & 1), yy = 2 * y + ((k >> 1) & 1), zz = 2 * z + (k >> 2);
					sum += l.data[(zz * l.h + yy) * l.w + xx];
				}
				a[(z * h + y) * w + x] = (float) (sum / 8);
			}
		});
		return new Level(a, w, h, d, 2 * l.sx, 2 * l.sy, 2 * l.sz, l.ox + l.sx / 2, l.oy + l.sy / 2, l.oz + l.sz / 2);
	}

	/** Centre of mass (mm) and second central moments (3x3, mm^2) of the voxels above mean + 1 SD. */
	private static double[][] moments(Level l) {
		double sum = 0, sum2 = 0;
		for (float f : l.data) {
			sum += f;
			sum2 += (double) f * f;
		}
		double n = l.data.length, mean = sum / n, sd = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
		double thr = mean + sd;
		double cnt = 0, cx = 0, cy = 0, cz = 0;
		double[] s = new double[6];
		for (int z = 0; z < l.d; z++) for (int y = 0; y < l.h; y++) for (int x = 0; x < l.w; x++) {
			if (l.data[(z * l.h + y) * l.w + x] <= thr) continue;
			double px = l.ox + x * l.sx, py = l.oy + y * l.sy, pz = l.oz + z * l.sz;
			cnt++;
			cx += px;
			cy += py;
			cz += pz;
			s[0] += px * px;
			s[1] += py * py;
			s[2] += pz * pz;
			s[3] += px * py;
			s[4] += px * pz;
			s[5] += py * pz;
		}
		if (cnt == 0) return new double[][] { { l.ox + l.w * l.sx / 2, l.oy + l.h * l.sy / 2, l.oz + l.d * l.sz / 2 }, { 1, 0, 0, 0, 1, 0, 0, 0, 1 } };
		cx /= cnt;
		cy /= cnt;
		cz /= cnt;
		double xx = s[0] / cnt - cx * cx, yy = s[1] / cnt - cy * cy, zz = s[2] / cnt - cz * cz;
		double xy = s[3] / cnt - cx * cy, xz = s[4] / cnt - cx * cz, yz = s[5] / cnt - cy * cz;
		return new double[][] { { cx, cy, cz }, { xx, xy, xz, xy, yy, yz, xz, yz, zz } };
	}

	/** Similarity of the fixed level and the transformed moving level over a regular sample. */
	private static final class Evaluator {
		final Level f, m;
		final double[] centre;
		final double mirrorWidth;
		final int stride;
		final Parallel parallel;

		Evaluator(Level f, Level m, double[] centre, double mirrorWidth, int maxSamples, Parallel parallel) {
			this.f = f;
			this.m = m;
			this.centre = centre;
			this.mirrorWidth = mirrorWidth;
			this.stride = Math.max(1, (int) Math.ceil(Math.cbrt((double) f.size() / maxSamples)));
			this.parallel = parallel;
		}

		/** 1 - NCC (2 when there is no overlap). */
		double cost(double[] p) {
			double[] s = sums(p);
			double n = s[0];
			if (n < 100) return 2;
			double va = s[3] - s[1] * s[1] / n, vb = s[4] - s[2] * s[2] / n, cov = s[5] - s[1] * s[2] / n;
			if (va <= 0 || vb <= 0) return 2;
			return 1 - cov / Math.sqrt(va * vb);
		}

		/** (NCC, RMS difference). */
		double[] stats(double[] p) {
			double[] s = sums(p);
			double n = s[0];
			return new double[] { 1 - cost(p), n > 0 ? Math.sqrt(s[6] / n) : Double.NaN };
		}

		/** n, sum a, sum b, sum a^2, sum b^2, sum ab, sum (a-b)^2 over the overlap. */
		double[] sums(double[] p) {
			RigidTransform3D t = new RigidTransform3D(p[0], p[1], p[2], new double[] { p[3], p[4], p[5] }, centre, mirrorWidth);
			int nz = (f.d + stride - 1) / stride;
			double[][] part = new double[CHUNKS][];
			parallel.forRange(0, CHUNKS, c -> {
				double[] s = new double[7];
				double[] q = new double[3];
				int za = (int) ((long) nz * c / CHUNKS), zb = (int) ((long) nz * (c + 1) / CHUNKS);
				for (int zi = za; zi < zb; zi++) {
					int z = zi * stride;
					for (int y = 0; y < f.h; y += stride) for (int x = 0; x < f.w; x += stride) {
						t.apply(f.ox + x * f.sx, f.oy + y * f.sy, f.oz + z * f.sz, q);
						float b = m.sample((q[0] - m.ox) / m.sx, (q[1] - m.oy) / m.sy, (q[2] - m.oz) / m.sz);
						if (Float.isNaN(b)) continue;
						double a = f.data[(z * f.h + y) * f.w + x];
						s[0]++;
						s[1] += a;
						s[2] += b;
						s[3] += a * a;
						s[4] += (double) b * b;
						s[5] += a * b;
						s[6] += (a - b) * (a - b);
					}
				}
				part[c] = s;
			});
			double[] s = new double[7];
			for (double[] ps : part) for (int k = 0; k < 7; k++) s[k] += ps[k];
			return s;
		}
	}
}
