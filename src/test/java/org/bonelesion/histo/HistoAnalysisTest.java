package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.junit.jupiter.api.Test;

/** Tissue mode on rendered phantoms with known truth. */
class HistoAnalysisTest {

	static TrapResult analyse(TissuePhantom ph, HistoSettings s, Parallel parallel) {
		TrapStains stains = TrapStains.choose(s, ph.image, RgbSource.of(ph.image), parallel);
		return new TrapAnalyser(s, stains, 1.0, parallel).analyse(RgbSource.of(ph.image), null, Progress.NONE);
	}

	@Test
	void phantomsMatchTruth() throws Exception {
		for (long seed = 1; seed <= 4; seed++) {
			TissuePhantom ph = new TissuePhantom(seed, 900, 700);
			TrapResult r = analyse(ph, HistoSettings.defaults(false), Parallel.defaults());
			if (seed == 1) org.bonelesion.io.ImageIo.writePng(r.overlay(), java.nio.file.Path.of("/tmp/histo_phantom_overlay.png"));
			double bArTAr = (double) r.bonePixels() / r.tissuePixels(), trueBArTAr = ph.boneArea / ph.tissueArea;
			double ocpmBpm = r.ocPerimeter() / r.bonePerimeter(), trueOcpmBpm = ph.ocPerimeter / ph.bonePerimeter;
			double nocBpm = r.cells().size() / r.bonePerimeter(), trueNocBpm = ph.osteoclasts / ph.bonePerimeter;
			System.out.printf("seed %d: N.Oc %d/%d  B.Ar/T.Ar %.4f/%.4f  B.Pm %.1f/%.1f  Oc.Pm %.1f/%.1f  Tm %d/%.0f  T.Ar %d/%.0f rejected %d%n", seed,
				r.cells().size(), ph.osteoclasts, bArTAr, trueBArTAr, r.bonePerimeter(), ph.bonePerimeter, r.ocPerimeter(), ph.ocPerimeter,
				r.tumourPixels(), ph.tumourArea, r.tissuePixels(), ph.tissueArea, r.rejected());
			for (TrapCell c : r.cells()) System.out.printf("  cell at %.0f,%.0f nuclei %d contact %.1f area %d%n", c.centroidX(), c.centroidY(), c.nuclei().size(), c.contactPixels(), c.areaPixels());
			assertEquals(ph.osteoclasts, r.cells().size(), 1, "N.Oc within 1 (seed " + seed + ")");
			assertEquals(trueBArTAr, bArTAr, 0.05 * trueBArTAr, "B.Ar/T.Ar within 5 %");
			assertEquals(trueOcpmBpm, ocpmBpm, 0.10 * trueOcpmBpm, "Oc.Pm/B.Pm within 10 %");
			assertEquals(trueNocBpm, nocBpm, 0.10 * trueNocBpm, "N.Oc/B.Pm within 10 %");
		}
	}
}
