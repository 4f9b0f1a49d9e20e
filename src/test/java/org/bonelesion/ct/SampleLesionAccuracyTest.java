package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.sample.CtSpecimen;
import org.bonelesion.sample.SampleStudy;
import org.junit.jupiter.api.Test;

/**
 * Single-scan lesions on the sample study's micro-CT specimens (200^3 at 10 um, exact truth):
 * the image is thresholded at 500 mgHA/cm^3 (the generator's documented threshold), the lesions
 * are found and matched to the truth by type and centroid.
 */
class SampleLesionAccuracyTest {

	/** Centroid match distance (mm): lesions are 0.1-0.6 mm across. */
	private static final double MATCH_MM = 0.2;
	/**
	 * Volume tolerance (fraction of truth): the issue's +-15 %. Measured errors are within 5 %
	 * (docs/ct-lesions.md); the truth counts voxel centres in the designed shapes and the
	 * 500 mgHA/cm^3 threshold of the noisy, partial-volume image reproduces them within 1 %.
	 */
	private static final double TOLERANCE = 0.15;

	/** Threshold at 500 mgHA/cm^3 in raw grey values. */
	static ByteVolume segment(CtSpecimen s) {
		ShortVolume im = s.image();
		ByteVolume b = new ByteVolume(im.width(), im.height(), im.depth(), im.spacing());
		double raw = (500 - CtSpecimen.INTERCEPT) / CtSpecimen.SLOPE;
		for (int z = 0; z < im.depth(); z++) {
			short[] a = im.slice(z);
			byte[] o = b.slice(z);
			for (int i = 0; i < a.length; i++) o[i] = (a[i] & 0xffff) >= raw ? (byte) 1 : 0;
		}
		return b;
	}

	@Test
	void lesionFreeV1() {
		check("V1");
	}

	@Test
	void marrowFillAndSmallNoduleV4() {
		check("V4");
	}

	@Test
	void lyticPitsT1() {
		check("T1");
	}

	/** The spicules (capsules 0.04 mm across on a 0.04 mm base, one lesion in truth.json) included. */
	@Test
	void blasticNodulesAndSpiculesT2() {
		check("T2");
	}

	@Test
	void perforatingHolesT4() {
		check("T4");
	}

	@Test
	void mixedT3() {
		check("T3");
	}

	private static void check(String name) {
		CtSpecimen s = render(name);
		ByteVolume bone = segment(s);
		assertLesionsMatchTruth(name, s, bone, bone.requireSpacing());
	}

	/** The sample study's week-4 scan of a specimen, full size. */
	static CtSpecimen render(String name) {
		SampleStudy.CtScan scan = SampleStudy.ctScans().stream().filter(c -> c.specimen().equals(name) && c.timepoint().equals("week4")).findFirst().orElseThrow();
		return SampleStudy.render(scan, SampleStudy.Size.FULL, Parallel.of(2));
	}

	/**
	 * Finds the lesions of a segmented sample scan with the default parameters and matches them
	 * to the truth by type and centroid: every lesion of at least twice the default minimum volume
	 * (the requirement) is found, within {@link #TOLERANCE} of its volume, with its
	 * perforating and cortical flags; the unmatched lesions stay under 1 % of BV.
	 */
	static void assertLesionsMatchTruth(String label, CtSpecimen s, ByteVolume bone, Spacing spacing) {
		LesionResult r = LesionFinder.find(bone, spacing, LesionParameters.defaults(), Parallel.of(2), Progress.NONE);
		List<Lesion> unmatched = new ArrayList<>(r.lesions());
		StringBuilder report = new StringBuilder(label + "\n");
		List<String> failures = new ArrayList<>();
		for (CtSpecimen.LesionTruth t : s.lesions()) {
			if (!t.kind().singleScanLesion) continue;
			Lesion.Type type = t.kind().type.equals("lytic") ? Lesion.Type.LYTIC : Lesion.Type.BLASTIC;
			Lesion best = null;
			double bd = MATCH_MM;
			for (Lesion l : unmatched) {
				double d = Math.hypot(Math.hypot(l.xMm() - t.centroidMm()[0], l.yMm() - t.centroidMm()[1]), l.zMm() - t.centroidMm()[2]);
				if (l.type() == type && d <= bd) { bd = d; best = l; }
			}
			report.append(String.format("  %s %.5f -> %s (%+.1f %%)%n", t.kind(), t.volumeMm3(), best, best == null ? Double.NaN : 100 * (best.volumeMm3() / t.volumeMm3() - 1)));
			// a true lesion found is never a false positive, whatever its size
			if (best != null) unmatched.remove(best);
			// the requirement covers lesions of at least twice the minimum lesion volume
			if (t.volumeMm3() < 2 * LesionParameters.DEFAULT_MIN_VOLUME_MM3) continue;
			if (best == null) { failures.add("missed " + t.kind() + " " + t.volumeMm3()); continue; }
			if (Math.abs(best.volumeMm3() / t.volumeMm3() - 1) > TOLERANCE) failures.add("volume " + t.kind());
			if (best.perforating() != t.kind().perforating) failures.add("perforating " + t.kind());
			if (best.cortical() != t.kind().cortical) failures.add("cortical " + t.kind());
		}
		double fp = 0;
		for (Lesion l : unmatched) fp += l.volumeMm3();
		report.append("  unmatched ").append(unmatched).append(String.format("%n  false volume %.5f = %.2f %% of BV%n", fp, 100 * fp / s.boneVolumeMm3()));
		System.out.println(report);
		if (fp >= 0.01 * s.boneVolumeMm3()) failures.add("false positives");
		assertTrue(failures.isEmpty(), failures + "\n" + report);
	}
}
