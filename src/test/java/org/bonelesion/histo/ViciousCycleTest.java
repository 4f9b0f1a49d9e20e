package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.sample.HistoSection;
import org.bonelesion.sample.SampleStudy;
import org.junit.jupiter.api.Test;

/** Woven bone, osteoblasts, eroded surface and the tumour-bone interface on phantoms with known truth. */
class ViciousCycleTest {

	static TrapResult analyse(RgbImage image, ByteVolume tumour, double pixelUm, HistoSettings s, Parallel parallel) {
		TrapStains stains = TrapStains.choose(s, image, RgbSource.of(image), parallel);
		return new TrapAnalyser(s, CycleSettings.defaults(), stains, pixelUm, parallel).analyse(RgbSource.of(image), tumour, Progress.NONE);
	}

	/** The section's true tumour as a user mask, so that these measurements are judged apart from tumour detection. */
	static ByteVolume tumourMask(HistoSection.Rendered sec) {
		int w = sec.image().width(), h = sec.image().height();
		ByteVolume m = new ByteVolume(w, h, 1, null);
		byte[] b = m.slice(0);
		for (int i = 0; i < b.length; i++) b[i] = sec.tissue()[i] == HistoSection.Rendered.TUMOUR ? (byte) 1 : 0;
		return m;
	}

	private static double num(Map<String, Object> truth, String key) {
		return ((Number) truth.get(key)).doubleValue();
	}

	/**
	 * The sample study's five TRAP sections (HistoSection with extras: woven islands in tumour,
	 * osteoblast rows, scalloped stretches of Howship's lacunae 20-40 um wide and 6-12 um deep),
	 * 1 um pixels, tumour given as the true mask: the "Done when" tolerances on each one.
	 * A section without tumour must measure no interface and no woven bone; one without
	 * osteoclasts on its interface must measure none. The sections also hold the distractors the
	 * osteoblast count must resist (marrow and tumour nuclei, not cells, within 3 um of bone):
	 * with N.Ob matching, none of them was counted.
	 */
	@Test
	void sampleSectionsMatchTruth() {
		int marrowNear = 0, tumourNear = 0;
		for (SampleStudy.Section section : SampleStudy.sections()) {
			HistoSection.Rendered sec = HistoSection.render(section.design(), 0.001);
			TrapResult r = analyse(sec.image(), tumourMask(sec), 1.0, HistoSettings.defaults(false), Parallel.defaults());
			ViciousCycleMeasures c = r.cycle();
			Map<String, Object> t = sec.truth();
			double mm = 0.001;
			String at = " (section " + section.specimen() + ")";
			// woven islands are 300-1100 um^2 with a blurred, paler edge: a 0.2 um edge shift is ~3 %
			double woAr = num(t, "Wo.B.Ar (mm^2)");
			assertEquals(woAr, c.wovenPixels() * mm * mm, woAr == 0 ? 0 : 0.10 * woAr, "Wo.B.Ar within 10 %" + at);
			assertEquals(num(t, "N.Ob"), c.osteoblasts(), 0.10 * num(t, "N.Ob"), "N.Ob within 10 %" + at);
			assertEquals(num(t, "Ob.Pm (mm)"), c.obPerimeter() * mm, 0.15 * num(t, "Ob.Pm (mm)"), "Ob.Pm within 15 %" + at);
			// eroded stretches: 1-3 bays each, ends located to about a pixel: 2-3 % of a 40-120 um stretch
			double ePm = num(t, "E.Pm/B.Pm (%)");
			assertEquals(ePm, 100 * c.erodedPerimeter() / r.bonePerimeter(), 0.15 * ePm, "E.Pm/B.Pm within 15 %" + at);
			double tbi = c.interfacePerimeter() * mm, trueTbi = num(t, "TBI (mm)");
			assertEquals(trueTbi, tbi, 0.15 * trueTbi, "TBI within 15 %" + at);
			double nOcTbi = c.interfaceOsteoclasts() / tbi, trueNOcTbi = num(t, "N.Oc/TBI (1/mm)");
			if (Double.isNaN(trueNOcTbi)) {
				assertTrue(Double.isNaN(nOcTbi), "no interface, no N.Oc/TBI" + at);
			} else {
				assertEquals(trueNOcTbi, nOcTbi, trueNOcTbi == 0 ? 1e-12 : 0.15 * trueNOcTbi, "N.Oc/TBI within 15 %" + at);
				double ocPmTbi = 100 * c.interfaceOcPerimeter() / c.interfacePerimeter(), trueOcPmTbi = num(t, "Oc.Pm/TBI (%)");
				assertEquals(trueOcPmTbi, ocPmTbi, trueOcPmTbi == 0 ? 1e-12 : 0.15 * trueOcPmTbi, "Oc.Pm/TBI within 15 %" + at);
			}
			int[] near = nucleiNearBone(sec);
			marrowNear += near[0];
			tumourNear += near[1];
		}
		assertTrue(marrowNear >= 50, "marrow nuclei within 3 um of bone: " + marrowNear);
		assertTrue(tumourNear >= 10, "tumour nuclei within 3 um of bone: " + tumourNear);
	}

	/** Free nuclei (not in a cell) within 3 pixels of bone: {in marrow, in tumour}. */
	static int[] nucleiNearBone(HistoSection.Rendered sec) {
		int w = sec.image().width(), h = sec.image().height();
		int[] tissue = sec.tissue(), nucleus = sec.nucleus(), cell = sec.cell();
		java.util.Set<Integer> marrow = new java.util.HashSet<>(), tumour = new java.util.HashSet<>();
		for (int y = 3; y < h - 3; y++) {
			for (int x = 3; x < w - 3; x++) {
				int i = y * w + x;
				if (nucleus[i] == 0 || cell[i] != 0) continue;
				boolean near = false;
				for (int dy = -3; dy <= 3 && !near; dy++) for (int dx = -3; dx <= 3; dx++) if (dx * dx + dy * dy <= 9 && tissue[i + dy * w + dx] == HistoSection.Rendered.BONE) near = true;
				if (near) (tissue[i] == HistoSection.Rendered.TUMOUR ? tumour : marrow).add(nucleus[i]);
			}
		}
		return new int[] { marrow.size(), tumour.size() };
	}

	/** Scalloped stretches of circular lacunae 12-24 um wide, 3.5-5 um deep: E.Pm/B.Pm within 15 %; smooth bone is not eroded. */
	@Test
	void erodedSurfaceOnScallopedPhantoms() {
		for (long seed = 1; seed <= 3; seed++) {
			CyclePhantom ph = new CyclePhantom(seed, false);
			TrapResult r = analyse(ph.image, null, 1.0, HistoSettings.defaults(false), Parallel.defaults());
			double ePm = r.cycle().erodedPerimeter() / r.bonePerimeter(), truth = ph.erodedPerimeter / ph.bonePerimeter;
			assertEquals(truth, ePm, 0.15 * truth, "E.Pm/B.Pm within 15 % (seed " + seed + ")");
			assertEquals(0, r.cycle().osteoblasts(), "no osteoblasts without lining cells");
			assertEquals(0, r.cycle().wovenPixels(), "no woven bone without tumour");
		}
	}

	/** Osteoblast rows among distractors (marrow nuclei 1.5-3 um from bone, tumour nuclei 1.5 um from bone). */
	@Test
	void osteoblastsCountedDistractorsNot() {
		for (long seed = 1; seed <= 3; seed++) {
			CyclePhantom ph = new CyclePhantom(seed, true);
			assertTrue(ph.marrowDistractors >= 10 && ph.tumourDistractors >= 3, "the phantom holds distractors");
			TrapResult r = analyse(ph.image, null, 1.0, HistoSettings.defaults(false), Parallel.defaults());
			assertEquals(ph.osteoblasts, r.cycle().osteoblasts(), "N.Ob exact: every osteoblast, no distractor (seed " + seed + ")");
			double obPm = r.cycle().obPerimeter(), truth = ph.osteoblasts * 10.0;
			assertEquals(truth, obPm, 0.10 * truth, "Ob.Pm within 10 %");
		}
	}

	/** 1 thread and 2 threads, one tile and many, give identical measurements. */
	@Test
	void threadsAndTilesDoNotMatter() {
		HistoSection.Rendered sec = HistoSection.render(new HistoSection.Design(503, 0.15, 11, true), 0.001);
		ByteVolume mask = tumourMask(sec);
		HistoSettings s = HistoSettings.defaults(false);
		ViciousCycleMeasures one = analyse(sec.image(), mask, 1.0, s, Parallel.of(1)).cycle();
		ViciousCycleMeasures two = analyse(sec.image(), mask, 1.0, s, Parallel.of(2)).cycle();
		ViciousCycleMeasures tiled = analyse(sec.image(), mask, 1.0, s.withTileSize(700), Parallel.of(2)).cycle();
		assertEquals(one, two);
		assertEquals(one.wovenPixels(), tiled.wovenPixels());
		assertEquals(one.osteoblasts(), tiled.osteoblasts());
		assertEquals(one.interfaceOsteoclasts(), tiled.interfaceOsteoclasts());
		// perimeters are sums of the same contour cells in another order: equal to rounding
		assertEquals(one.obPerimeter(), tiled.obPerimeter(), 1e-9 * one.obPerimeter());
		assertEquals(one.erodedPerimeter(), tiled.erodedPerimeter(), 1e-9 * (1 + one.erodedPerimeter()));
		assertEquals(one.interfacePerimeter(), tiled.interfacePerimeter(), 1e-9 * one.interfacePerimeter());
		assertEquals(one.interfaceOcPerimeter(), tiled.interfaceOcPerimeter(), 1e-9 * (1 + one.interfaceOcPerimeter()));
	}
}
