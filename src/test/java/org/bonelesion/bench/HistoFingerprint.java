package org.bonelesion.bench;

import java.util.Arrays;
import java.util.Map;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.histo.CycleSettings;
import org.bonelesion.histo.HistoSettings;
import org.bonelesion.histo.RgbSource;
import org.bonelesion.histo.TrapAnalyser;
import org.bonelesion.histo.TrapResult;
import org.bonelesion.histo.TrapStains;
import org.bonelesion.sample.HistoSection;
import org.bonelesion.sample.SampleStudy;

/**
 * Prints every tissue-mode measurement, with a hash of the overlay, on the five sample-study
 * sections (detected tumour, against their truth) and on the benchmark's section: a check,
 * while making the tissue mode faster, of which figures move and by how much.
 * {@code java -cp ... org.bonelesion.bench.HistoFingerprint [tile | downscaled tile]} ("downscaled": a
 * 7200 x 4000 section, whose overlay is downscaled, with an empty tumour mask).
 */
public final class HistoFingerprint {

	private HistoFingerprint() {}

	public static void main(String[] args) {
		HistoSettings s = HistoSettings.defaults(false);
		if (args.length > 0 && args[0].equals("downscaled")) {
			// an image over the overlay limit (downscaled overlay), tumour given as an empty mask (no detection)
			RgbImage unit = org.bonelesion.histo.BenchmarkPhantom.section(2000, 1500);
			int w = 7200, h = 4000;
			int[] px = new int[w * h];
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x += unit.width()) {
				System.arraycopy(unit.pixels(), (y % unit.height()) * unit.width(), px, y * w + x, Math.min(unit.width(), w - x));
			}
			RgbImage image = new RgbImage(w, h, px, unit.spacing());
			print("downscaled", image, s.withTileSize(Integer.parseInt(args[1])), null, new ByteVolume(w, h, 1, null));
			return;
		}
		if (args.length > 0) s = s.withTileSize(Integer.parseInt(args[0]));
		for (SampleStudy.Section section : SampleStudy.sections()) {
			HistoSection.Rendered sec = HistoSection.render(section.design(), 0.001);
			print(section.specimen(), sec.image(), s, sec.truth(), null);
		}
		print("bench", org.bonelesion.histo.BenchmarkPhantom.section(2000, 1500), s, null, null);
	}

	private static void print(String name, RgbImage image, HistoSettings s, Map<String, Object> truth, ByteVolume tumour) {
		Parallel p = Parallel.defaults();
		TrapStains stains = TrapStains.choose(s, image, RgbSource.of(image), p);
		TrapResult r = new TrapAnalyser(s, CycleSettings.defaults(), stains, 1.0, p).analyse(RgbSource.of(image), tumour, Progress.NONE);
		var c = r.cycle();
		System.out.printf("%s: T.Ar %d B.Ar %d Tm %d B.Pm %.3f N.Oc %d Oc.Pm %.3f rej %d | Wo %d N.Ob %d Ob.Pm %.3f E.Pm %.3f TBI %.3f N.Oc@TBI %d Oc.Pm@TBI %.3f | overlay %08x%n",
			name, r.tissuePixels(), r.bonePixels(), r.tumourPixels(), r.bonePerimeter(), r.cells().size(), r.ocPerimeter(), r.rejected(), c.wovenPixels(),
			c.osteoblasts(), c.obPerimeter(), c.erodedPerimeter(), c.interfacePerimeter(), c.interfaceOsteoclasts(), c.interfaceOcPerimeter(),
			Arrays.hashCode(r.overlay().pixels()));
		if (truth != null) System.out.printf("   truth: Tm.Ar %s TBI %s Wo.B.Ar %s N.Ob %s E.Pm/B.Pm %s N.Oc %s%n", truth.get("Tm.Ar (mm^2)"), truth.get("TBI (mm)"),
			truth.get("Wo.B.Ar (mm^2)"), truth.get("N.Ob"), truth.get("E.Pm/B.Pm (%)"), truth.get("N.Oc"));
	}
}
