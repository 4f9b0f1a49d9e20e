package org.bonelesion.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;

/**
 * One rendered micro-CT phantom with its ground truth in memory: the 16-bit image with its
 * density calibration, the truth bone mask (voxel centre inside bone), the lesion label map
 * (lesion id at voxels a lesion removed or added) and the per-lesion truth.
 *
 * <p>Rendering: every voxel's grey value is half the model's density at the voxel centre plus
 * half the mean density at its 8 corners (partial volume at edges), plus Gaussian noise of {@link #NOISE_SD} mgHA/cm^3, stored as
 * {@code raw = (density - INTERCEPT) / SLOPE}. With a motion, each sample point is mapped back
 * into the model's (baseline) frame, so the follow-up is re-rendered, never resampled.
 */
public final class CtSpecimen {

	/** Density calibration: density (mgHA/cm^3) = INTERCEPT + SLOPE * raw. */
	public static final double INTERCEPT = -1000, SLOPE = 0.25;
	/** Standard deviation of the Gaussian noise, mgHA/cm^3. */
	public static final double NOISE_SD = 60;
	/** The calibration as the project's record. */
	public static final ValueCalibration CALIBRATION = new ValueCalibration(INTERCEPT, SLOPE, "mgHA/cm^3");

	/** Truth of one designed lesion as rendered: voxel count, volume, centroid (this scan's frame). */
	public record LesionTruth(int id, CtLesionKind kind, long voxels, double volumeMm3, double[] centroidMm, Map<String, Object> design) {

		/** JSON-ready map. */
		public Map<String, Object> toJson() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", id);
			m.put("type", kind.type);
			m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
			m.put("volume_mm3", volumeMm3);
			m.put("voxels", voxels);
			m.put("centroid_mm", centroidMm);
			m.put("cortical", kind.cortical);
			m.put("perforating", kind.perforating);
			m.put("single_scan_lesion", kind.singleScanLesion);
			m.put("design", design);
			return m;
		}
	}

	private static final double[] DENSITY = CtBoneModel.DENSITY;

	private final CtBoneModel model;
	private final RigidTransform motion;
	private final ShortVolume image;
	private final ByteVolume bone;
	private final ByteVolume lesionLabels;
	private final List<LesionTruth> lesions;

	private CtSpecimen(CtBoneModel model, RigidTransform motion, ShortVolume image, ByteVolume bone, ByteVolume lesionLabels,
		List<LesionTruth> lesions) {
		this.model = model;
		this.motion = motion;
		this.image = image;
		this.bone = bone;
		this.lesionLabels = lesionLabels;
		this.lesions = lesions;
	}

	/**
	 * Renders a model on an n x n x n grid of isotropic voxels of {@code voxelMm}, moved by
	 * {@code motion} (null = none); {@code withImage} false computes the truth masks only.
	 * The noise of slice z comes from its own seeded generator, so any thread count gives
	 * the same bytes.
	 */
	public static CtSpecimen render(CtBoneModel model, RigidTransform motion, int n, double voxelMm, long noiseSeed, boolean withImage,
		Parallel parallel) {
		if (model.lesions().size() > 250) throw new IllegalArgumentException("too many lesions");
		Spacing sp = new Spacing(voxelMm, voxelMm, voxelMm);
		double[] centre = { n * voxelMm / 2, n * voxelMm / 2, n * voxelMm / 2 };
		RigidTransform mv = motion == null ? RigidTransform.identity(centre) : motion;
		double[][] r = mv.rotation();
		// q = M p + o maps this scan's point back to the model frame (M = R^T)
		double[][] m = new double[3][3];
		for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = r[j][i];
		double[] o = new double[3];
		for (int i = 0; i < 3; i++) {
			o[i] = mv.centre()[i];
			for (int j = 0; j < 3; j++) o[i] -= m[i][j] * (mv.centre()[j] + mv.translation()[j]);
		}
		ShortVolume img = withImage ? new ShortVolume(n, n, n, sp) : null;
		// materials at the voxel corners (shared by 8 voxels), plane by plane
		byte[][] corners = withImage ? new byte[n + 1][(n + 1) * (n + 1)] : null;
		if (withImage) {
			parallel.forRange(0, n + 1, k -> {
				byte[] c = corners[k];
				double pz = k * voxelMm;
				for (int y = 0; y <= n; y++) {
					double py = y * voxelMm;
					for (int x = 0; x <= n; x++) {
						double px = x * voxelMm;
						c[y * (n + 1) + x] = (byte) (model.classify(m[0][0] * px + m[0][1] * py + m[0][2] * pz + o[0],
							m[1][0] * px + m[1][1] * py + m[1][2] * pz + o[1], m[2][0] * px + m[2][1] * py + m[2][2] * pz + o[2]) & 15);
					}
				}
			});
		}
		ByteVolume boneMask = new ByteVolume(n, n, n, sp);
		ByteVolume labels = new ByteVolume(n, n, n, sp);
		parallel.forRange(0, n, z -> {
			Random rnd = new Random(noiseSeed * 1_000_003L + z);
			byte[] bs = boneMask.slice(z), ls = labels.slice(z);
			short[] is = withImage ? img.slice(z) : null;
			double pz = (z + 0.5) * voxelMm;
			for (int y = 0; y < n; y++) {
				double py = (y + 0.5) * voxelMm;
				for (int x = 0; x < n; x++) {
					double px = (x + 0.5) * voxelMm;
					double qx = m[0][0] * px + m[0][1] * py + m[0][2] * pz + o[0];
					double qy = m[1][0] * px + m[1][1] * py + m[1][2] * pz + o[1];
					double qz = m[2][0] * px + m[2][1] * py + m[2][2] * pz + o[2];
					int code = model.classify(qx, qy, qz);
					int i = y * n + x;
					bs[i] = (byte) (CtBoneModel.isBone(code & 15) ? 1 : 0);
					ls[i] = (byte) (code >>> CtBoneModel.MATERIAL_BITS);
					if (withImage) {
						int w = n + 1, c0 = y * w + x;
						byte[] lo = corners[z], hi = corners[z + 1];
						double cornerSum = DENSITY[lo[c0]] + DENSITY[lo[c0 + 1]] + DENSITY[lo[c0 + w]] + DENSITY[lo[c0 + w + 1]]
							+ DENSITY[hi[c0]] + DENSITY[hi[c0 + 1]] + DENSITY[hi[c0 + w]] + DENSITY[hi[c0 + w + 1]];
						double dens = 0.5 * CtBoneModel.DENSITY[code & 15] + cornerSum / 16 + NOISE_SD * rnd.nextGaussian();
						long raw = Math.round((dens - INTERCEPT) / SLOPE);
						is[i] = (short) Math.max(0, Math.min(65535, raw));
					}
				}
			}
		});
		List<CtBoneModel.Lesion> designed = model.lesions();
		int nl = designed.size();
		long[] count = new long[nl + 1];
		double[][] sum = new double[nl + 1][3];
		for (int z = 0; z < n; z++) {
			byte[] ls = labels.slice(z);
			for (int i = 0; i < ls.length; i++) {
				int l = ls[i] & 0xff;
				if (l == 0) continue;
				count[l]++;
				sum[l][0] += (i % n + 0.5) * voxelMm;
				sum[l][1] += (i / n + 0.5) * voxelMm;
				sum[l][2] += (z + 0.5) * voxelMm;
			}
		}
		List<LesionTruth> truth = new ArrayList<>();
		for (int l = 1; l <= nl; l++) {
			CtBoneModel.Lesion d = designed.get(l - 1);
			double[] c = count[l] == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN }
				: new double[] { sum[l][0] / count[l], sum[l][1] / count[l], sum[l][2] / count[l] };
			truth.add(new LesionTruth(l, d.kind(), count[l], count[l] * sp.voxelVolume(), c, d.design()));
		}
		return new CtSpecimen(model, mv, img, boneMask, labels, List.copyOf(truth));
	}

	/** The model rendered. */
	public CtBoneModel model() { return model; }
	/** The motion applied (baseline frame to this scan). */
	public RigidTransform motion() { return motion; }
	/** The raw 16-bit image (null if rendered without image). */
	public ShortVolume image() { return image; }
	/** Truth bone mask, 1 where the voxel centre lies in bone. */
	public ByteVolume boneMask() { return bone; }
	/** Lesion id (1-based, see {@link #lesions()}) of voxels a lesion removed or added, else 0. */
	public ByteVolume lesionLabels() { return lesionLabels; }
	/** Truth of every designed lesion, by id. */
	public List<LesionTruth> lesions() { return lesions; }

	/** Bone volume (truth mask), mm^3. */
	public double boneVolumeMm3() {
		long c = 0;
		for (byte[] s : bone.slices()) for (byte b : s) c += b;
		return c * bone.spacing().voxelVolume();
	}

	/** Mask of voxels removed by single-scan lytic lesions. */
	public ByteVolume lyticMask() {
		return maskOf("lytic");
	}

	/** Mask of voxels added by blastic lesions. */
	public ByteVolume blasticMask() {
		return maskOf("blastic");
	}

	private ByteVolume maskOf(String type) {
		ByteVolume out = lesionLabels.blankCopy();
		boolean[] want = new boolean[256];
		for (LesionTruth l : lesions) want[l.id()] = l.kind().type.equals(type) && l.kind().singleScanLesion;
		for (int z = 0; z < out.depth(); z++) {
			byte[] src = lesionLabels.slice(z), dst = out.slice(z);
			for (int i = 0; i < src.length; i++) if (want[src[i] & 0xff]) dst[i] = 1;
		}
		return out;
	}

	/** Sum of single-scan lesion volumes of a type ("lytic" or "blastic"), mm^3. */
	public double lesionVolume(String type) {
		double v = 0;
		for (LesionTruth l : lesions) if (l.kind().singleScanLesion && l.kind().type.equals(type)) v += l.volumeMm3();
		return v;
	}

	/** Number of single-scan lesions of a type. */
	public int lesionCount(String type) {
		int c = 0;
		for (LesionTruth l : lesions) if (l.kind().singleScanLesion && l.kind().type.equals(type)) c++;
		return c;
	}

	/** Number of perforating lesions. */
	public int perforatingCount() {
		int c = 0;
		for (LesionTruth l : lesions) if (l.kind().perforating) c++;
		return c;
	}
}
