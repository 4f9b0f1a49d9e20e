package org.bonelesion.ct;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Volume;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.RigidRegistration;
import org.bonelesion.ops.RigidTransform3D;

/**
 * Paired analysis: a follow-up scan against a baseline (earlier, or the contralateral limb).
 *
 * <p>The follow-up bone mask is resampled into baseline space through the registration
 * (trilinear interpolation of the 0/1 mask, kept where at least 0.5). With exact Euclidean
 * distance transforms: {@code Resorbed.V} is the volume of baseline bone farther than the
 * resorption distance from any follow-up bone, {@code Formed.V} the volume of follow-up bone
 * farther than it from any baseline bone. Lytic lesions are the 26-connected components of the
 * resorbed bone, blastic lesions those of the formed bone, each of at least the minimum lesion
 * volume. Paired lesions carry cortical = no and perforating = no (these are single-scan notions).
 */
public final class PairedAnalysis {

	private PairedAnalysis() {
	}

	/**
	 * Registers the follow-up grey volume onto the baseline's, then analyses the masks.
	 *
	 * @param baselineGrey baseline grey volume (calibrated)
	 * @param followUpGrey follow-up grey volume (calibrated)
	 * @param baselineBone baseline bone mask (non-zero = bone), same grid as baselineGrey
	 * @param followUpBone follow-up bone mask, same grid as followUpGrey
	 * @param mirror mirror the follow-up in x first (contralateral baseline)
	 */
	public static PairedResult analyse(Volume baselineGrey, Volume followUpGrey, ByteVolume baselineBone, ByteVolume followUpBone,
			boolean mirror, LesionParameters parameters, Parallel parallel, Progress progress) {
		baselineGrey.requireSameShape(baselineBone);
		followUpGrey.requireSameShape(followUpBone);
		RigidRegistration.Result reg = RigidRegistration.register(baselineGrey, followUpGrey, RigidRegistration.Settings.defaults().withMirror(mirror),
				parallel, progress.sub(0, 0.6));
		return analyse(baselineBone.withSpacing(baselineGrey.requireSpacing()), followUpBone.withSpacing(followUpGrey.requireSpacing()),
				reg.transform(), reg, parameters, parallel, progress.sub(0.6, 1));
	}

	/**
	 * Analyses two masks given the baseline -> follow-up transform (both masks calibrated).
	 *
	 * @param registration the registration behind the transform, or null
	 */
	public static PairedResult analyse(ByteVolume baselineBone, ByteVolume followUpBone, RigidTransform3D transform,
			RigidRegistration.Result registration, LesionParameters parameters, Parallel parallel, Progress progress) {
		Spacing s = baselineBone.requireSpacing();
		progress.report("paired: resampling", 0);
		ByteVolume base = baselineBone.blankCopy();
		parallel.forRange(0, base.depth(), z -> {
			byte[] a = baselineBone.slice(z), b = base.slice(z);
			for (int i = 0; i < a.length; i++) b[i] = a[i] != 0 ? (byte) 1 : 0;
		});
		ByteVolume follow = resample(followUpBone, baselineBone, transform, parallel);
		progress.checkCancelled();
		progress.report("paired: distances", 0.3);
		double d = parameters.resorptionDistanceMm();
		ByteVolume resorbed = farFrom(base, follow, d, parallel);
		progress.report("paired: distances", 0.6);
		ByteVolume formed = farFrom(follow, base, d, parallel);
		double vox = s.voxelVolume();
		double resorbedV = count(resorbed, parallel) * vox, formedV = count(formed, parallel) * vox;
		progress.report("paired: lesions", 0.8);
		List<LesionFinder.Region> lytic = LesionFinder.regions(resorbed, Lesion.Type.LYTIC, parameters.minVolumeMm3(), parallel, lab -> none(lab.count()));
		List<LesionFinder.Region> blastic = LesionFinder.regions(formed, Lesion.Type.BLASTIC, parameters.minVolumeMm3(), parallel, lab -> none(lab.count()));
		ByteVolume labels = base.blankCopy();
		parallel.forRange(0, labels.depth(), z -> {
			byte[] a = base.slice(z), b = follow.slice(z), l = labels.slice(z);
			for (int i = 0; i < l.length; i++) l[i] = a[i] != 0 || b[i] != 0 ? (byte) LesionResult.BONE : 0;
		});
		List<Lesion> lesions = new ArrayList<>();
		int id = 0;
		int size = base.sliceSize();
		for (List<LesionFinder.Region> list : List.of(lytic, blastic)) {
			for (LesionFinder.Region r : list) {
				for (long v : r.voxels) labels.slice((int) (v / size))[(int) (v % size)] = (byte) r.type.code();
				lesions.add(new Lesion(++id, r.type, r.voxels.length * vox, (r.cx + 0.5) * s.x(), (r.cy + 0.5) * s.y(), (r.cz + 0.5) * s.z(), false, false));
			}
		}
		progress.report("paired", 1);
		LesionResult lr = new LesionResult(labels, lesions, Double.NaN, Double.NaN, Double.NaN);
		return new PairedResult(transform, registration, resorbedV, formedV, d, lr);
	}

	/**
	 * The moving mask resampled onto the grid of {@code target} (fixed space) through the fixed ->
	 * moving transform: trilinear interpolation of 0/1, bone where at least 0.5.
	 */
	public static ByteVolume resample(ByteVolume moving, Volume target, RigidTransform3D transform, Parallel parallel) {
		Spacing ms = moving.requireSpacing(), ts = target.requireSpacing();
		ByteVolume out = new ByteVolume(target.width(), target.height(), target.depth(), ts);
		int mw = moving.width(), mh = moving.height(), md = moving.depth();
		parallel.forRange(0, out.depth(), z -> {
			byte[] o = out.slice(z);
			double[] q = new double[3];
			for (int y = 0; y < out.height(); y++) {
				for (int x = 0; x < out.width(); x++) {
					transform.apply(x * ts.x(), y * ts.y(), z * ts.z(), q);
					double fx = q[0] / ms.x(), fy = q[1] / ms.y(), fz = q[2] / ms.z();
					if (fx < -0.5 || fy < -0.5 || fz < -0.5 || fx > mw - 0.5 || fy > mh - 0.5 || fz > md - 0.5) continue;
					int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy), z0 = (int) Math.floor(fz);
					double ax = fx - x0, ay = fy - y0, az = fz - z0;
					double v = 0;
					for (int k = 0; k < 8; k++) {
						int xx = x0 + (k & 1), yy = y0 + ((k >> 1) & 1), zz = z0 + (k >> 2);
						double wgt = ((k & 1) != 0 ? ax : 1 - ax) * (((k >> 1) & 1) != 0 ? ay : 1 - ay) * ((k >> 2) != 0 ? az : 1 - az);
						if (wgt == 0) continue;
						xx = Math.max(0, Math.min(mw - 1, xx));
						yy = Math.max(0, Math.min(mh - 1, yy));
						zz = Math.max(0, Math.min(md - 1, zz));
						if (moving.slice(zz)[yy * mw + xx] != 0) v += wgt;
					}
					if (v >= 0.5) o[y * out.width() + x] = 1;
				}
			}
		});
		return out;
	}

	/** Voxels of {@code a} farther than {@code distanceMm} from every voxel of {@code b} (exact EDT). */
	static ByteVolume farFrom(ByteVolume a, ByteVolume b, double distanceMm, Parallel parallel) {
		FloatVolume dist = DistanceTransform.distances(b, false, parallel);
		ByteVolume out = a.blankCopy();
		double lim = distanceMm * (1 + 1e-6);
		parallel.forRange(0, a.depth(), z -> {
			byte[] aa = a.slice(z), o = out.slice(z);
			float[] dd = dist.slice(z);
			for (int i = 0; i < aa.length; i++) if (aa[i] != 0 && dd[i] > lim) o[i] = 1;
		});
		return out;
	}

	private static long count(ByteVolume m, Parallel parallel) {
		long[] per = new long[m.depth()];
		parallel.forRange(0, m.depth(), z -> {
			long n = 0;
			for (byte b : m.slice(z)) if (b != 0) n++;
			per[z] = n;
		});
		long n = 0;
		for (long p : per) n += p;
		return n;
	}

	private static boolean[][] none(int n) {
		return new boolean[][] { new boolean[n + 1], new boolean[n + 1] };
	}
}
