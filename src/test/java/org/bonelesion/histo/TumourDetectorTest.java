package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bonelesion.core.Parallel;
import org.bonelesion.sample.HistoSection;
import org.bonelesion.sample.SampleStudy;
import org.junit.jupiter.api.Test;

/** Automatic tumour detection on the sample study's sections (truth: the generator's TUMOUR label map and numbers). */
class TumourDetectorTest {

	private static double num(Map<String, Object> truth, String key) {
		return ((Number) truth.get(key)).doubleValue();
	}

	/**
	 * The five sample sections (1 um pixels, rendered in memory), no user mask: Tm.Ar within 10 %
	 * of truth, Dice of the tumour mask against the TUMOUR label map at least 0.85, TBI within
	 * 15 %; the tumour-free V1 has under 1 % of T.Ar tumour. The mask compared with the label map
	 * is the detector's on the whole image, the same as the analyser's (checked: equal areas).
	 */
	@Test
	void sampleSectionsMatchTruth() {
		HistoSettings s = HistoSettings.defaults(false);
		StringBuilder report = new StringBuilder();
		for (SampleStudy.Section section : SampleStudy.sections()) {
			HistoSection.Rendered sec = HistoSection.render(section.design(), 0.001);
			Map<String, Object> t = sec.truth();
			String at = " (" + section.specimen() + ")";
			TrapResult r = ViciousCycleTest.analyse(sec.image(), null, 1.0, s, Parallel.defaults());
			double mm2 = 1e-6, tAr = num(t, "T.Ar (mm^2)");
			double tmAr = r.tumourPixels() * mm2, trueTmAr = num(t, "Tm.Ar (mm^2)");
			double tbi = r.cycle().interfacePerimeter() * 1e-3, trueTbi = num(t, "TBI (mm)");
			// the detector on whole-image fields gives the analyser's mask
			SectionFields f = new SectionFields(sec.image(), s, 1.0);
			byte[] mask = new TumourDetector(TumourDetector.Parameters.of(s), 1.0).detect(TileFrame.whole(f.width, f.height), f.tissue, f.bone, f.hemSmooth,
				9);
			long inter = 0, detected = 0, truth = 0;
			for (int i = 0; i < mask.length; i++) {
				boolean tr = sec.tissue()[i] == HistoSection.Rendered.TUMOUR;
				if (mask[i] != 0) detected++;
				if (tr) truth++;
				if (tr && mask[i] != 0) inter++;
			}
			assertEquals(r.tumourPixels(), detected, "whole-image detector = analyser" + at);
			double dice = truth + detected == 0 ? 1 : 2.0 * inter / (truth + detected);
			report.append(String.format("%s Tm.Ar/T.Ar %.2f / %.2f %%, Dice %.3f, TBI %.3f / %.3f mm, Wo.B.Ar %.5f / %s%n", section.specimen(), 100 * tmAr / tAr,
				100 * trueTmAr / tAr, dice, tbi, trueTbi, r.cycle().wovenPixels() * mm2, t.get("Wo.B.Ar (mm^2)")));
			if (trueTmAr == 0) {
				assertTrue(tmAr < 0.01 * tAr, "no tumour on a tumour-free section" + at);
				assertEquals(0, tbi, "no interface without tumour" + at);
				continue;
			}
			// the outline sits at half the contrast of a 41 um box-smoothed density step: a shift of
			// 2 um on a 1-2 mm outline is ~1-2 % of the area; 10 % leaves room for density fluctuations
			assertEquals(trueTmAr, tmAr, 0.10 * trueTmAr, "Tm.Ar within 10 %" + at);
			assertTrue(dice >= 0.85, "Dice " + dice + at);
			assertEquals(trueTbi, tbi, 0.15 * trueTbi, "TBI within 15 % without a tumour mask" + at);
		}
		System.out.print(report);
	}
	/** Detected (not user-given) tumour: 1 and 2 threads, one tile and 300-pixel tiles give the same tumour area, interface and woven bone. */
	@Test
	void tilesAndThreadsDoNotMatter() {
		HistoSection.Rendered sec = HistoSection.render(new HistoSection.Design(503, 0.15, 11, true), 0.001);
		HistoSettings s = HistoSettings.defaults(false);
		TrapResult one = ViciousCycleTest.analyse(sec.image(), null, 1.0, s, Parallel.of(1));
		TrapResult tiled = ViciousCycleTest.analyse(sec.image(), null, 1.0, s.withTileSize(300), Parallel.of(2));
		assertTrue(tiled.tiles() > 1, "several tiles, margin " + tiled.margin());
		System.out.println("margin " + tiled.margin() + " px, tiles " + tiled.tiles());
		assertEquals(one.tumourPixels(), tiled.tumourPixels());
		assertEquals(one.cycle().wovenPixels(), tiled.cycle().wovenPixels());
		assertEquals(one.cycle().interfaceOsteoclasts(), tiled.cycle().interfaceOsteoclasts());
		// perimeters: sums of the same contour cells in another order, equal to rounding
		assertEquals(one.cycle().interfacePerimeter(), tiled.cycle().interfacePerimeter(), 1e-9 * one.cycle().interfacePerimeter());
		assertArrayEquals(one.overlay().pixels(), tiled.overlay().pixels(), "same overlay (tumour outline included)");
	}
}
