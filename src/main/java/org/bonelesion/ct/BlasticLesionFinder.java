package org.bonelesion.ct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Blastic lesions of one scan (see {@link LesionFinder} for the surfaces):
 * <ul>
 * <li>periosteal new bone: bone outside the fitted periosteal surface (on slices where the
 * polar fit is valid, see {@link PolarSurfaces}) or outside the periosteal envelope opened with
 * the protrusion ball (elsewhere): nodules, spicules, periosteal reaction. A connected piece is
 * kept whole when it is at least {@link LesionParameters#minThicknessMm()} thick somewhere, or
 * when it rises at least {@link #SPICULE_HEIGHT_FACTOR} x that thickness above the fitted
 * periosteal surface (spicules: thin but tall; roughness and noise are neither); cortical: yes;</li>
 * <li>marrow new bone: bone deeper than the cortical band (inside the marrow cavity) that is
 * thicker than {@link LesionParameters#marrowBoneThicknessMm()} somewhere (normal trabeculae
 * are thinner; the lesion keeps all of its connected bone within that depth plus a voxel of
 * its core); cortical: no.</li>
 * </ul>
 * Blastic lesions are never perforating. Nothing is searched when no cortical shell was found.
 */
public final class BlasticLesionFinder {

	/**
	 * A periosteal protrusion too thin for the minimum-thickness ball (spicules) is kept when it
	 * rises at least this many minimum thicknesses above the fitted periosteal surface.
	 */
	static final double SPICULE_HEIGHT_FACTOR = 2;

	private BlasticLesionFinder() {
	}

	static List<LesionFinder.Region> find(LesionFinder.Envelopes e, LesionParameters p, Parallel parallel) {
		if (e.corticalThicknessMm <= 0) return List.of();
		ByteVolume b = e.bone;
		Spacing s = b.requireSpacing();
		double sMin = Math.min(s.x(), Math.min(s.y(), s.z()));
		ByteVolume outer = b.blankCopy();
		ByteVolume deep = b.blankCopy();
		boolean shell = e.corticalThicknessMm > 0;
		parallel.forRange(0, b.depth(), z -> {
			byte[] bb = b.slice(z), op = e.openedEnvelope.slice(z), o = outer.slice(z), dp = deep.slice(z);
			short[] q = e.depth.slice(z);
			for (int i = 0; i < bb.length; i++) {
				if (bb[i] == 0) continue;
				if (op[i] == 0) o[i] = 1;
				else if (shell && (q[i] & 0xffff) > e.bandLimit) dp[i] = 1;
			}
		});
		List<LesionFinder.Region> out = new ArrayList<>();
		double tall = SPICULE_HEIGHT_FACTOR * p.minThicknessMm();
		ByteVolume outerThick = LesionFinder.thickParts(outer, (p.minThicknessMm() + sMin) / 2, Double.POSITIVE_INFINITY,
				(x, y, z) -> PolarSurfaces.heightAbovePeriosteum(e, x, y, z) >= tall, p.minVolumeMm3(), parallel);
		e.clearPadding(outerThick);
		out.addAll(LesionFinder.regions(outerThick, Lesion.Type.BLASTIC, p.minVolumeMm3(), parallel, lab -> constant(lab.count(), true)));
		// marrow new bone: only its thick part (core grown back by its depth plus a voxel), so that
		// trabeculae joining it are not counted
		double deepCore = (p.marrowBoneThicknessMm() + sMin) / 2;
		double deepGrow = deepCore + Math.max(s.x(), Math.max(s.y(), s.z()));
		ByteVolume deepThick = LesionFinder.thickParts(deep, deepCore, deepGrow, null, p.minVolumeMm3(), parallel);
		e.clearPadding(deepThick);
		out.addAll(LesionFinder.regions(deepThick, Lesion.Type.BLASTIC, p.minVolumeMm3(), parallel, lab -> constant(lab.count(), false)));
		return out;
	}

	private static boolean[][] constant(int n, boolean cortical) {
		boolean[] c = new boolean[n + 1];
		Arrays.fill(c, cortical);
		return new boolean[][] { c, new boolean[n + 1] };
	}
}
