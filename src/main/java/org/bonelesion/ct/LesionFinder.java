package org.bonelesion.ct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.Connectivity;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.FillHoles;
import org.bonelesion.ops.LabelStats;
import org.bonelesion.ops.Labeling;
import org.bonelesion.ops.Morphology;

/**
 * Single-scan lesion analysis of one segmented long bone: lytic cortical defects
 * ({@link CorticalDefectFinder}) and blastic new bone ({@link BlasticLesionFinder}).
 *
 * <p>The long axis of the bone is expected along z (slices cut across the shaft). The method
 * builds three smooth reference surfaces, all through the exact distance transform:
 * <ol>
 * <li>the periosteal envelope {@code P}: the bone closed with a ball of
 * {@link LesionParameters#envelopeRadiusMm()} then filled slice by slice (bridges cortical
 * openings, keeps the marrow inside);</li>
 * <li>the opened envelope: {@code P} opened with a ball of {@link LesionParameters#protrusionRadiusMm()}
 * (periosteal nodules and spicules stick out of it);</li>
 * <li>the marrow cavity {@code M}: the non-bone inside {@code P} opened with a ball of
 * {@link LesionParameters#marrowRadiusMm()}, whose border is the smooth continuation of the
 * endosteal surface over pits and perforations.</li>
 * </ol>
 * The cortical thickness {@code T} is the depth below the envelope at which bone stops
 * filling at least half of the envelope; the cortical band is the envelope down to
 * {@code T + minThickness/2}. When the outermost layer of the envelope is less than half bone
 * there is no cortical shell (a trabecular sample, say) and no lesion is searched.
 *
 * <p>Lytic and periosteal candidates are 26-connected components of at least
 * {@link LesionParameters#minVolumeMm3()}, kept whole when a ball of
 * {@link LesionParameters#minThicknessMm()} fits somewhere in them (a voxel deeper than
 * {@code (minThickness + voxel)/2}); periosteal candidates too thin for it are also kept when they
 * rise at least twice the minimum thickness above the fitted periosteal surface (spicules). Marrow
 * new bone keeps only its thick part: the voxels deeper than {@code (marrowBoneThickness + voxel)/2}
 * grown back by that depth plus a voxel (trabeculae joining it are left out). Bone specks smaller
 * than the minimum volume are ignored.
 *
 * <p>Big scans: when the padded bounding box exceeds {@link #FULL_RESOLUTION_LIMIT} voxels, the
 * surfaces are built on the mask reduced by a power of 2 and brought back by trilinear
 * interpolation (see there).
 *
 * <p>Memory: about 11 bytes per voxel of the bone's bounding box (padded by the envelope
 * radius) plus the 1-byte label image. Results do not depend on the number of threads.
 */
public final class LesionFinder {

	/**
	 * Above this many voxels in the padded bounding box, the smooth surfaces are built on the
	 * mask reduced by 2 (or 4, ...) in each axis and brought back by trilinear interpolation; the
	 * lesions themselves are still measured at full resolution.
	 */
	public static final long FULL_RESOLUTION_LIMIT = 40_000_000L;

	private LesionFinder() {
	}

	/** A mask reduced by {@code f} in each axis: a coarse voxel is bone where at least half its voxels are. */
	static ByteVolume downsample(ByteVolume b, int f, Parallel parallel) {
		Spacing s = b.requireSpacing();
		int w = (b.width() + f - 1) / f, h = (b.height() + f - 1) / f, d = (b.depth() + f - 1) / f;
		ByteVolume out = new ByteVolume(w, h, d, new Spacing(s.x() * f, s.y() * f, s.z() * f));
		parallel.forRange(0, d, z -> {
			int[] bone = new int[w], all = new int[w];
			for (int y = 0; y < h; y++) {
				java.util.Arrays.fill(bone, 0);
				java.util.Arrays.fill(all, 0);
				for (int zz = z * f; zz < Math.min(b.depth(), z * f + f); zz++) {
					byte[] a = b.slice(zz);
					for (int yy = y * f; yy < Math.min(b.height(), y * f + f); yy++) {
						int off = yy * b.width();
						for (int x = 0; x < b.width(); x++) {
							all[x / f]++;
							if (a[off + x] != 0) bone[x / f]++;
						}
					}
				}
				byte[] o = out.slice(z);
				for (int x = 0; x < w; x++) o[y * w + x] = 2 * bone[x] >= all[x] && bone[x] > 0 ? (byte) 1 : 0;
			}
		});
		return out;
	}

	/**
	 * Finds the lesions of one segmented long bone.
	 *
	 * @param bone segmented bone, non-zero = bone (its own spacing is ignored in favour of {@code spacing})
	 * @param spacing voxel size in mm
	 * @return lesions and labels, in the input's geometry
	 */
	public static LesionResult find(ByteVolume bone, Spacing spacing, LesionParameters parameters, Parallel parallel, Progress progress) {
		return find(bone, spacing, parameters, FULL_RESOLUTION_LIMIT, parallel, progress);
	}

	/** {@link #find} with another limit for building the surfaces at full resolution (for tests). */
	static LesionResult find(ByteVolume bone, Spacing spacing, LesionParameters parameters, long fullResolutionLimit, Parallel parallel, Progress progress) {
		ByteVolume full = bone.withSpacing(spacing);
		int[] box = boundingBox(full, parallel);
		if (box == null) return new LesionResult(full.blankCopy(), List.of(), 0, parameters.protrusionRadiusMm(), parameters.marrowRadiusMm());
		int[] pad = { (int) Math.ceil(parameters.envelopeRadiusMm() / spacing.x()) + 2,
				(int) Math.ceil(parameters.envelopeRadiusMm() / spacing.y()) + 2,
				(int) Math.ceil(parameters.envelopeRadiusMm() / spacing.z()) + 2 };
		int[] dims = { full.width(), full.height(), full.depth() };
		int[] lo = new int[3], hi = new int[3];
		// x, y: zeros beyond the image, so that the closing sees the outside of the bone; z: the
		// image's end slices are repeated beyond it (the scan cut a bone that continues)
		for (int a = 0; a < 3; a++) {
			lo[a] = box[a] - pad[a];
			hi[a] = box[a + 3] + pad[a];
		}
		ByteVolume b = crop(full, lo, hi, parallel);
		progress.report("lesions: envelopes", 0.05);
		int factor = 1;
		while (b.size() / ((long) factor * factor * factor) > fullResolutionLimit && Math.min(b.width(), b.height()) / factor >= 64) factor *= 2;
		Envelopes env = factor == 1 ? Envelopes.build(b, parameters, parallel, progress.sub(0.05, 0.7))
				: Envelopes.upsample(Envelopes.build(downsample(b, factor, parallel), parameters, parallel, progress.sub(0.05, 0.6)), b, factor, parameters, parallel);
		env.firstSlice = -lo[2];
		env.lastSlice = full.depth() - 1 - lo[2];
		if (env.corticalThicknessMm > 0) {
			progress.report("lesions: polar surfaces", 0.65);
			env.polarValid = PolarSurfaces.apply(env, parallel);
		}
		progress.checkCancelled();
		progress.report("lesions: cortical defects", 0.7);
		List<Region> lytic = CorticalDefectFinder.find(env, parameters, parallel);
		progress.checkCancelled();
		progress.report("lesions: new bone", 0.85);
		List<Region> blastic = BlasticLesionFinder.find(env, parameters, parallel);
		progress.report("lesions: labels", 0.95);
		// labels in the full geometry
		ByteVolume labels = full.blankCopy();
		int cw = b.width();
		parallel.forRange(0, full.depth(), z -> {
			byte[] in = full.slice(z), out = labels.slice(z);
			for (int i = 0; i < in.length; i++) out[i] = in[i] != 0 ? (byte) LesionResult.BONE : 0;
		});
		List<Lesion> lesions = new ArrayList<>();
		int id = 0;
		for (List<Region> list : List.of(lytic, blastic)) {
			for (Region r : list) {
				int code = r.type.code();
				for (int k = 0; k < r.voxels.length; k++) {
					long v = r.voxels[k];
					int z = (int) (v / env.sliceSize), i = (int) (v % env.sliceSize);
					int x = i % cw + lo[0], y = i / cw + lo[1];
					if (x >= 0 && y >= 0 && x < full.width() && y < full.height()) labels.slice(z + lo[2])[y * full.width() + x] = (byte) code;
				}
				lesions.add(new Lesion(++id, r.type, r.voxels.length * spacing.voxelVolume(),
						(r.cx + lo[0] + 0.5) * spacing.x(), (r.cy + lo[1] + 0.5) * spacing.y(), (r.cz + lo[2] + 0.5) * spacing.z(),
						r.cortical, r.perforating));
			}
		}
		progress.report("lesions", 1);
		return new LesionResult(labels, lesions, env.corticalThicknessMm, env.protrusionRadiusMm, env.marrowRadiusMm);
	}

	/** A lesion found in the cropped volume: its voxels (z * sliceSize + i) and centroid in crop voxels. */
	static final class Region {
		final Lesion.Type type;
		final long[] voxels;
		final double cx, cy, cz;
		final boolean cortical, perforating;

		Region(Lesion.Type type, long[] voxels, double cx, double cy, double cz, boolean cortical, boolean perforating) {
			this.type = type;
			this.voxels = voxels;
			this.cx = cx;
			this.cy = cy;
			this.cz = cz;
			this.cortical = cortical;
			this.perforating = perforating;
		}
	}

	/** The smooth reference surfaces of one bone, on the cropped grid. */
	static final class Envelopes {
		/** Bone without specks smaller than the minimum lesion volume. */
		ByteVolume bone;
		/** Periosteal envelope P. */
		ByteVolume envelope;
		/** P opened with the protrusion ball. */
		ByteVolume openedEnvelope;
		/** Marrow cavity M: the non-bone in P opened with the marrow ball. */
		ByteVolume marrow;
		/** Depth below the outside of P, in quarters of the smallest voxel size (capped). */
		ShortVolume depth;
		/** Depth unit (mm per depth step). */
		double depthUnitMm;
		/** Estimated cortical thickness T (mm), 0 if there is no cortical shell. */
		double corticalThicknessMm;
		/** Depth limit of the cortical band, in depth steps (T + minThickness/2). */
		int bandLimit;
		double protrusionRadiusMm, marrowRadiusMm;
		int sliceSize;
		/** The crop's slices that lie in the image (the others repeat its end slices). */
		int firstSlice, lastSlice;
		/**
		 * Slices whose surfaces come from the polar fits ({@link PolarSurfaces}); null when no
		 * cortical shell was found. Lytic lesions are searched only there.
		 */
		boolean[] polarValid;
		/** Per-slice polar fits and smoothed periosteal radii (null entries on slices that are not valid). */
		PolarSurfaces.Slice[] polarFits;
		double[][] polarOuter;

		/** Clears the slices of a crop-sized mask that lie beyond the image's ends. */
		void clearPadding(ByteVolume mask) {
			for (int z = 0; z < mask.depth(); z++) if (z < firstSlice || z > lastSlice) java.util.Arrays.fill(mask.slice(z), (byte) 0);
		}

		/** True where the cortical band lies (P, depth at most the band limit, T > 0). */
		boolean inBand(int z, int i) {
			return corticalThicknessMm > 0 && envelope.slice(z)[i] != 0 && (depth.slice(z)[i] & 0xffff) <= bandLimit;
		}

		/**
		 * Full-resolution surfaces from coarse ones (trilinear interpolation), with the
		 * full-resolution bone and the coarse depths (same unit).
		 */
		static Envelopes upsample(Envelopes coarse, ByteVolume fine, int f, LesionParameters p, Parallel parallel) {
			Envelopes e = new Envelopes();
			e.sliceSize = fine.sliceSize();
			// specks are not removed at full resolution: the candidates drop components under the
			// minimum volume anyway, and the surfaces came from the cleaned coarse mask
			e.bone = fine;
			e.envelope = upsampleMask(coarse.envelope, fine, f, parallel);
			e.openedEnvelope = upsampleMask(coarse.openedEnvelope, fine, f, parallel);
			e.marrow = upsampleMask(coarse.marrow, fine, f, parallel);
			e.depth = new ShortVolume(fine.width(), fine.height(), fine.depth(), fine.spacing());
			ShortVolume cd = coarse.depth;
			parallel.forRange(0, fine.depth(), z -> {
				short[] fd = e.depth.slice(z);
				for (int y = 0; y < fine.height(); y++) for (int x = 0; x < fine.width(); x++) {
					fd[y * fine.width() + x] = (short) Math.round(trilinear(cd, x, y, z, f));
				}
			});
			e.depthUnitMm = coarse.depthUnitMm;
			e.corticalThicknessMm = coarse.corticalThicknessMm;
			e.bandLimit = coarse.bandLimit;
			e.protrusionRadiusMm = coarse.protrusionRadiusMm;
			e.marrowRadiusMm = coarse.marrowRadiusMm;
			return e;
		}

		/** A coarse mask brought to the fine grid: trilinear interpolation of 0/1, kept where at least 0.5. */
		private static ByteVolume upsampleMask(ByteVolume coarse, ByteVolume fine, int f, Parallel parallel) {
			ByteVolume out = fine.blankCopy();
			parallel.forRange(0, fine.depth(), z -> {
				byte[] o = out.slice(z);
				for (int y = 0; y < fine.height(); y++) for (int x = 0; x < fine.width(); x++) {
					o[y * fine.width() + x] = trilinear(coarse, x, y, z, f) >= 0.5 ? (byte) 1 : 0;
				}
			});
			return out;
		}

		/** The coarse volume's value at a fine voxel (coarse voxel c is centred on fine c f + (f - 1)/2). */
		private static double trilinear(org.bonelesion.core.Volume coarse, int x, int y, int z, int f) {
			double u = (x - (f - 1) / 2.0) / f, v = (y - (f - 1) / 2.0) / f, w = (z - (f - 1) / 2.0) / f;
			int x0 = (int) Math.floor(u), y0 = (int) Math.floor(v), z0 = (int) Math.floor(w);
			double ax = u - x0, ay = v - y0, az = w - z0, sum = 0;
			for (int k = 0; k < 8; k++) {
				int xx = Math.max(0, Math.min(coarse.width() - 1, x0 + (k & 1)));
				int yy = Math.max(0, Math.min(coarse.height() - 1, y0 + ((k >> 1) & 1)));
				int zz = Math.max(0, Math.min(coarse.depth() - 1, z0 + (k >> 2)));
				double wt = ((k & 1) != 0 ? ax : 1 - ax) * (((k >> 1) & 1) != 0 ? ay : 1 - ay) * ((k >> 2) != 0 ? az : 1 - az);
				if (wt != 0) sum += wt * coarse.getDouble(xx, yy, zz);
			}
			return sum;
		}

		static Envelopes build(ByteVolume b0, LesionParameters p, Parallel parallel, Progress progress) {
			Spacing s = b0.requireSpacing();
			Envelopes e = new Envelopes();
			e.sliceSize = b0.sliceSize();
			double sMin = Math.min(s.x(), Math.min(s.y(), s.z()));
			// 1. bone without specks
			Labeling.Result specks = Labeling.keepMinVolume(Labeling.label(b0, Connectivity.TWENTY_SIX, parallel), p.minVolumeMm3(), parallel);
			e.bone = Labeling.mask(specks, parallel);
			specks = null;
			ByteVolume b = e.bone;
			progress.report("lesions: periosteal envelope", 0.1);
			// 2. periosteal envelope
			e.envelope = FillHoles.fill2d(Morphology.close(b, p.envelopeRadiusMm(), parallel), parallel);
			progress.report("lesions: depth", 0.4);
			// 3. depth below the envelope, opened envelope
			FloatVolume dOut = DistanceTransform.distances(e.envelope, true, parallel);
			double envelopeRadius = medianOfSliceMaxima(dOut, parallel);
			e.protrusionRadiusMm = Math.min(Math.max(p.protrusionRadiusMm(), p.envelopeRadiusMm()), 0.7 * envelopeRadius);
			e.depthUnitMm = sMin / 4;
			e.depth = new ShortVolume(b.width(), b.height(), b.depth(), s);
			ByteVolume eroded = b.blankCopy();
			double limit = e.protrusionRadiusMm * e.protrusionRadiusMm * (1 + Morphology.SLACK);
			double unit = e.depthUnitMm;
			parallel.forRange(0, b.depth(), z -> {
				float[] d = dOut.slice(z);
				short[] q = e.depth.slice(z);
				byte[] er = eroded.slice(z);
				for (int i = 0; i < d.length; i++) {
					float v = d[i];
					q[i] = (short) Math.min(65535, Math.round(v / unit));
					er[i] = (double) v * v > limit ? (byte) 1 : 0;
				}
			});
			e.openedEnvelope = Morphology.dilate(eroded, e.protrusionRadiusMm, parallel);
			progress.report("lesions: cortical thickness", 0.6);
			// 4. cortical thickness from the bone fraction at each depth
			e.corticalThicknessMm = corticalThickness(e, sMin, parallel);
			e.bandLimit = (int) Math.floor((e.corticalThicknessMm + p.minThicknessMm() / 2) / unit);
			// 5. marrow cavity opened
			ByteVolume cavity = b.blankCopy();
			parallel.forRange(0, b.depth(), z -> {
				byte[] pe = e.envelope.slice(z), bb = b.slice(z), c = cavity.slice(z);
				for (int i = 0; i < c.length; i++) c[i] = pe[i] != 0 && bb[i] == 0 ? (byte) 1 : 0;
			});
			FloatVolume dCav = DistanceTransform.distances(cavity, true, parallel);
			double cavityRadius = medianOfSliceMaxima(dCav, parallel);
			e.marrowRadiusMm = cavityRadius > 0 ? Math.min(p.marrowRadiusMm(), 0.8 * cavityRadius) : p.marrowRadiusMm();
			ByteVolume cavityCore = b.blankCopy();
			double mLimit = e.marrowRadiusMm * e.marrowRadiusMm * (1 + Morphology.SLACK);
			parallel.forRange(0, b.depth(), z -> {
				float[] d = dCav.slice(z);
				byte[] c = cavityCore.slice(z);
				for (int i = 0; i < c.length; i++) c[i] = (double) d[i] * d[i] > mLimit ? (byte) 1 : 0;
			});
			progress.report("lesions: marrow cavity", 0.8);
			ByteVolume m = Morphology.dilate(cavityCore, e.marrowRadiusMm, parallel);
			parallel.forRange(0, b.depth(), z -> {
				byte[] mm = m.slice(z), c = cavity.slice(z);
				for (int i = 0; i < c.length; i++) if (c[i] == 0) mm[i] = 0;
			});
			e.marrow = m;
			progress.report("lesions: envelopes", 1);
			return e;
		}
	}

	/**
	 * Cortical thickness: walking inwards from the envelope surface one voxel-size step at a
	 * time, the depth at which fewer than half of the envelope's voxels are bone; 0 if already
	 * the outermost step is less than half bone.
	 */
	private static double corticalThickness(Envelopes e, double sMin, Parallel parallel) {
		int steps = 4; // depth units per bin: one smallest voxel size
		int bins = 65536 / steps + 1;
		int d = e.envelope.depth();
		long[][] env = new long[d][], bone = new long[d][];
		parallel.forRange(0, d, z -> {
			long[] en = new long[bins], bo = new long[bins];
			byte[] p = e.envelope.slice(z), b = e.bone.slice(z);
			short[] q = e.depth.slice(z);
			for (int i = 0; i < p.length; i++) {
				if (p[i] == 0) continue;
				int k = (q[i] & 0xffff) / steps;
				en[k]++;
				if (b[i] != 0) bo[k]++;
			}
			env[z] = en;
			bone[z] = bo;
		});
		long[] en = new long[bins], bo = new long[bins];
		for (int z = 0; z < d; z++) {
			for (int k = 0; k < bins; k++) {
				en[k] += env[z][k];
				bo[k] += bone[z][k];
			}
		}
		// depth of a surface voxel is at least one voxel: start at the first populated bin
		int k = 0;
		while (k < bins && en[k] == 0) k++;
		if (k == bins || 2 * bo[k] < en[k]) return 0;
		while (k < bins && (en[k] == 0 || 2 * bo[k] >= en[k])) k++;
		return k * steps * e.depthUnitMm;
	}

	/** Median over slices (that have any positive value) of the slice's largest value. */
	static double medianOfSliceMaxima(FloatVolume v, Parallel parallel) {
		float[] max = new float[v.depth()];
		parallel.forRange(0, v.depth(), z -> {
			float m = 0;
			for (float f : v.slice(z)) if (f > m && f != Float.POSITIVE_INFINITY) m = f;
			max[z] = m;
		});
		float[] pos = new float[max.length];
		int n = 0;
		for (float f : max) if (f > 0) pos[n++] = f;
		if (n == 0) return 0;
		float[] sorted = Arrays.copyOf(pos, n);
		Arrays.sort(sorted);
		return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
	}

	/** A test on one voxel of the crop (x, y, z in crop voxels). */
	@FunctionalInterface
	interface VoxelTest {
		boolean test(int x, int y, int z);
	}

	/**
	 * The parts of a candidate mask thick enough to be lesions: per 26-connected component of
	 * at least {@code minVolumeMm3}, the voxels deeper than {@code coreDepthMm} (the core), grown
	 * back inside the component by {@code growMm} ({@code +infinity}: the whole component).
	 * Components without a core vanish, unless one of their voxels passes {@code seed} (may be
	 * null): such a component is kept whole.
	 */
	static ByteVolume thickParts(ByteVolume candidate, double coreDepthMm, double growMm, VoxelTest seed, double minVolumeMm3, Parallel parallel) {
		// components under the minimum volume are skipped, not relabelled (saves a label image)
		Labeling.Result lab = Labeling.label(candidate, Connectivity.TWENTY_SIX, parallel);
		ByteVolume out = candidate.blankCopy();
		if (lab.count() == 0) return out;
		LabelStats st = LabelStats.of(lab, parallel);
		double voxel = candidate.requireSpacing().voxelVolume();
		List<Integer> small = new ArrayList<>(), big = new ArrayList<>();
		for (int l = 1; l <= lab.count(); l++) {
			if (st.voxels(l) * voxel < minVolumeMm3) continue;
			long box = (long) (st.maxX(l) - st.minX(l) + 3) * (st.maxY(l) - st.minY(l) + 3) * (st.maxZ(l) - st.minZ(l) + 3);
			(box > 4_000_000L ? big : small).add(l);
		}
		Parallel one = Parallel.of(1);
		parallel.forRange(0, small.size(), k -> thickPart(lab.labels(), small.get(k), st, coreDepthMm, growMm, seed, out, one));
		for (int l : big) thickPart(lab.labels(), l, st, coreDepthMm, growMm, seed, out, parallel);
		return out;
	}

	private static void thickPart(IntVolume labels, int l, LabelStats st, double core, double grow, VoxelTest seed, ByteVolume out, Parallel parallel) {
		int x0 = Math.max(0, st.minX(l) - 1), y0 = Math.max(0, st.minY(l) - 1), z0 = Math.max(0, st.minZ(l) - 1);
		int x1 = Math.min(labels.width() - 1, st.maxX(l) + 1), y1 = Math.min(labels.height() - 1, st.maxY(l) + 1), z1 = Math.min(labels.depth() - 1, st.maxZ(l) + 1);
		int w = x1 - x0 + 1, h = y1 - y0 + 1, d = z1 - z0 + 1;
		ByteVolume sub = new ByteVolume(w, h, d, labels.spacing());
		for (int z = 0; z < d; z++) {
			int[] src = labels.slice(z + z0);
			byte[] dst = sub.slice(z);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (src[(y + y0) * labels.width() + x + x0] == l) dst[y * w + x] = 1;
		}
		FloatVolume dist = DistanceTransform.distances(sub, true, parallel);
		ByteVolume coreMask = sub.blankCopy();
		boolean any = false;
		for (int z = 0; z < d; z++) {
			float[] a = dist.slice(z);
			byte[] c = coreMask.slice(z);
			for (int i = 0; i < a.length; i++) if (a[i] > core) { c[i] = 1; any = true; }
		}
		boolean whole = any && grow == Double.POSITIVE_INFINITY;
		if (!any && seed != null) {
			for (int z = 0; z < d && !whole; z++) {
				byte[] m = sub.slice(z);
				for (int i = 0; i < m.length && !whole; i++) if (m[i] != 0 && seed.test(i % w + x0, i / w + y0, z + z0)) whole = true;
			}
		}
		if (whole) {
			for (int z = 0; z < d; z++) {
				byte[] m = sub.slice(z), o = out.slice(z + z0);
				for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (m[y * w + x] != 0) o[(y + y0) * out.width() + x + x0] = 1;
			}
			return;
		}
		if (!any) return;
		FloatVolume toCore = DistanceTransform.distances(coreMask, false, parallel);
		for (int z = 0; z < d; z++) {
			float[] a = toCore.slice(z);
			byte[] m = sub.slice(z), o = out.slice(z + z0);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (m[i] != 0 && a[i] <= grow) o[(y + y0) * out.width() + x + x0] = 1;
			}
		}
	}

	/**
	 * Final lesions of a mask: 26-connected components of at least the minimum volume, each
	 * with its voxels and centroid; {@code flags} gives (cortical, perforating) per component.
	 */
	static List<Region> regions(ByteVolume mask, Lesion.Type type, double minVolumeMm3, Parallel parallel, RegionFlags flags) {
		Labeling.Result all = Labeling.label(mask, Connectivity.TWENTY_SIX, parallel);
		List<Region> out = new ArrayList<>();
		if (all.count() == 0) return out;
		LabelStats allStats = LabelStats.of(all, parallel);
		double voxel = mask.requireSpacing().voxelVolume();
		boolean[] keep = new boolean[all.count() + 1];
		int kept = 0;
		for (int l = 1; l <= all.count(); l++) if (allStats.voxels(l) * voxel >= minVolumeMm3) { keep[l] = true; kept++; }
		if (kept == 0) return out;
		// the flags see every component; only the kept ones become regions (no second label image)
		LabelStats st = allStats;
		int n = all.count();
		boolean[][] f = flags.flags(all);
		long[][] voxels = new long[n + 1][];
		int[] fill = new int[n + 1];
		for (int l = 1; l <= n; l++) if (keep[l]) voxels[l] = new long[(int) st.voxels(l)];
		IntVolume lv = all.labels();
		int size = lv.sliceSize();
		for (int z = 0; z < lv.depth(); z++) {
			int[] a = lv.slice(z);
			for (int i = 0; i < size; i++) {
				int l = a[i];
				if (l != 0 && keep[l]) voxels[l][fill[l]++] = (long) z * size + i;
			}
		}
		for (int l = 1; l <= n; l++) if (keep[l]) out.add(new Region(type, voxels[l], st.centroidX(l), st.centroidY(l), st.centroidZ(l), f[0][l], f[1][l]));
		return out;
	}

	/** Computes (cortical[], perforating[]) indexed by label for a labelling. */
	@FunctionalInterface
	interface RegionFlags {
		boolean[][] flags(Labeling.Result labels);
	}

	private static int[] boundingBox(ByteVolume v, Parallel parallel) {
		int w = v.width(), h = v.height(), d = v.depth();
		int[][] per = new int[d][];
		parallel.forRange(0, d, z -> {
			byte[] a = v.slice(z);
			int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
			for (int y = 0; y < h; y++) {
				int off = y * w;
				for (int x = 0; x < w; x++) {
					if (a[off + x] == 0) continue;
					if (x < minX) minX = x;
					if (x > maxX) maxX = x;
					if (y < minY) minY = y;
					if (y > maxY) maxY = y;
				}
			}
			per[z] = maxX < 0 ? null : new int[] { minX, minY, maxX, maxY };
		});
		int[] box = { Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1 };
		for (int z = 0; z < d; z++) {
			if (per[z] == null) continue;
			box[0] = Math.min(box[0], per[z][0]);
			box[1] = Math.min(box[1], per[z][1]);
			box[2] = Math.min(box[2], z);
			box[3] = Math.max(box[3], per[z][2]);
			box[4] = Math.max(box[4], per[z][3]);
			box[5] = Math.max(box[5], z);
		}
		return box[3] < 0 ? null : box;
	}

	/** A 0/1 copy of the box [lo, hi] (inclusive) of a mask; beyond the image: zeros in x and y, the end slice repeated in z. */
	static ByteVolume crop(ByteVolume v, int[] lo, int[] hi, Parallel parallel) {
		int w = hi[0] - lo[0] + 1, h = hi[1] - lo[1] + 1, d = hi[2] - lo[2] + 1;
		ByteVolume out = new ByteVolume(w, h, d, v.spacing());
		int xa = Math.max(0, -lo[0]), xb = Math.min(w, v.width() - lo[0]);
		parallel.forRange(0, d, z -> {
			byte[] src = v.slice(Math.max(0, Math.min(v.depth() - 1, z + lo[2]))), dst = out.slice(z);
			for (int y = 0; y < h; y++) {
				int sy = y + lo[1];
				if (sy < 0 || sy >= v.height()) continue;
				int so = sy * v.width() + lo[0], dOff = y * w;
				for (int x = xa; x < xb; x++) dst[dOff + x] = src[so + x] != 0 ? (byte) 1 : 0;
			}
		});
		return out;
	}
}
