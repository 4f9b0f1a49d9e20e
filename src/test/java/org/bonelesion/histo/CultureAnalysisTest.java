package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.junit.jupiter.api.Test;

/** Culture mode on rendered wells: exact counts. */
class CultureAnalysisTest {

	@Test
	void countsMultinucleatedTrapCellsExactly() throws Exception {
		for (long seed = 1; seed <= 3; seed++) {
			CulturePhantom ph = new CulturePhantom(seed, 720, 540);
			HistoSettings s = HistoSettings.defaults(true);
			TrapStains stains = TrapStains.choose(s, ph.image, RgbSource.of(ph.image), Parallel.defaults());
			TrapResult r = new TrapAnalyser(s, stains, 1.0, Parallel.defaults()).analyse(RgbSource.of(ph.image), null, Progress.NONE);
			if (seed == 1) org.bonelesion.io.ImageIo.writePng(r.overlay(), java.nio.file.Path.of("/tmp/histo_culture_overlay.png"));
			assertEquals(ph.multinucleated, r.cells().size(), "N.TRAP+MNC, seed " + seed);
			// the defaults threshold TRAP automatically (~0.06 OD here, 10 glass sigmas); the area
			// bias below is reasoned for a fixed 0.15 OD threshold, so the area is checked with that
			HistoSettings fixed = s.withTrapOd(0.15);
			r = new TrapAnalyser(fixed, stains, 1.0, Parallel.defaults()).analyse(RgbSource.of(ph.image), null, Progress.NONE);
			assertEquals(ph.multinucleated, r.cells().size(), "N.TRAP+MNC at TRAP 0.15 OD, seed " + seed);
			// area: the TRAP amount 0.5 is thresholded at 0.15 (30 % of the step) after a 3 px box,
			// which puts the edge about 1 px outside the true one: 2 x 1 / 33 um (mean radius) = 6 %
			assertEquals(ph.mncArea, r.trapPixels(), 0.07 * ph.mncArea, "TRAP+.Ar, seed " + seed);
			assertEquals(true, r.trapPixels() > ph.mncArea, "the bias has the expected sign");
		}
	}
}
