package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.sample.CtSpecimen;
import org.bonelesion.sample.SampleStudy;
import org.junit.jupiter.api.Test;

/**
 * What a user of {@code ct} gets with every default: the sample study's single scans (200^3 at
 * 10 um, exact truth; the small 40 um size cannot draw the 40 um spicules) segmented by
 * {@link CtPipeline} with {@code CtSettings.defaults} and automatic smoothing, lesions found
 * with the default parameters. Every lesion of at least 0.001 mm^3 (twice the default minimum
 * lesion volume) is found with the right type within +-15 % of its truth (the issue's
 * requirement); the lesion-free V1 and every scan's unmatched lesions stay under 1 % of BV.
 * With the former fixed 0.8-voxel smoothing T2's spicules came out 38 % short.
 */
class SampleDefaultSegmentationLesionTest {

	/** Centroid match distance (mm): lesions are 0.1-0.6 mm across. */
	private static final double MATCH_MM = 0.2;
	/** The tolerance. Measured with the automatic smoothing: within 5 % (docs/ct-morphometry.md). */
	private static final double TOLERANCE = 0.15;
	/** Lesions this large or larger must be found and measured. */
	private static final double CHECKED_MM3 = 2 * LesionParameters.DEFAULT_MIN_VOLUME_MM3;

	@Test
	void healthyV1() {
		check("V1");
	}

	@Test
	void marrowFillAndNoduleV4() {
		check("V4");
	}

	@Test
	void pitsT1() {
		check("T1");
	}

	@Test
	void nodulesAndSpiculesT2() {
		check("T2");
	}

	@Test
	void mixedT3() {
		check("T3");
	}

	@Test
	void holesT4() {
		check("T4");
	}

	private static void check(String name) {
		SampleStudy.CtScan scan = SampleStudy.ctScans().stream().filter(c -> c.specimen().equals(name) && c.timepoint().equals("week4")).findFirst()
			.orElseThrow();
		CtSpecimen s = SampleStudy.render(scan, SampleStudy.Size.FULL, Parallel.of(2));
		CtSegmentation seg = CtPipeline.run(s.image(), CtSpecimen.CALIBRATION, CtSettings.defaults(Double.NaN), name, Parallel.of(2), Progress.NONE);
		LesionResult r = LesionFinder.find(seg.bone(), seg.spacing(), LesionParameters.defaults(), Parallel.of(2), Progress.NONE);
		List<Lesion> unmatched = new ArrayList<>(r.lesions());
		StringBuilder report = new StringBuilder(name + " threshold " + BoneSegmenter.describe(seg.threshold()) + "\n");
		List<String> failures = new ArrayList<>();
		for (CtSpecimen.LesionTruth t : s.lesions()) {
			if (!t.kind().singleScanLesion) continue;
			Lesion.Type type = t.kind().type.equals("lytic") ? Lesion.Type.LYTIC : Lesion.Type.BLASTIC;
			Lesion best = null;
			double bd = MATCH_MM;
			for (Lesion l : unmatched) {
				double d = Math.hypot(Math.hypot(l.xMm() - t.centroidMm()[0], l.yMm() - t.centroidMm()[1]), l.zMm() - t.centroidMm()[2]);
				if (l.type() == type && d <= bd) {
					bd = d;
					best = l;
				}
			}
			double error = best == null ? Double.NaN : best.volumeMm3() / t.volumeMm3() - 1;
			report.append(String.format("  %s %.5f -> %s (%+.1f %%)%n", t.kind(), t.volumeMm3(), best, 100 * error));
			if (best != null) unmatched.remove(best);
			if (t.volumeMm3() < CHECKED_MM3) continue;
			if (best == null) failures.add("missed " + t.kind() + " " + t.volumeMm3());
			else if (!(Math.abs(error) <= TOLERANCE)) failures.add(String.format("%s volume %+.1f %%", t.kind(), 100 * error));
		}
		double fp = 0;
		for (Lesion l : unmatched) fp += l.volumeMm3();
		report.append(String.format("  unmatched %s: %.5f mm^3 = %.2f %% of BV%n", unmatched, fp, 100 * fp / s.boneVolumeMm3()));
		System.out.println(report);
		if (fp >= 0.01 * s.boneVolumeMm3()) failures.add("false positives");
		assertTrue(failures.isEmpty(), failures + "\n" + report);
	}
}
