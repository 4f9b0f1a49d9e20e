package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.junit.jupiter.api.Test;

/** Culture mode on rendered wells of touching cells ({@link TouchingCulturePhantom}): exact counts, areas, tiling. */
class TouchingCultureTest {

	static TrapResult analyse(TouchingCulturePhantom ph, HistoSettings s, Parallel parallel) {
		TrapStains stains = TrapStains.choose(s, ph.image, RgbSource.of(ph.image), parallel);
		return new TrapAnalyser(s, stains, 1.0, parallel).analyse(RgbSource.of(ph.image), null, Progress.NONE);
	}

	@Test
	void touchingCellsAreCountedOneByOne() throws Exception {
		for (long seed = 1; seed <= 3; seed++) {
			TouchingCulturePhantom ph = new TouchingCulturePhantom(seed);
			assertEquals(18, ph.multinucleated, "the phantom's own count");
			HistoSettings s = HistoSettings.defaults(true);
			TrapResult r = analyse(ph, s, Parallel.defaults());
			if (seed == 1) org.bonelesion.io.ImageIo.writePng(r.overlay(), java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "histo_touching_overlay.png"));
			assertEquals(ph.multinucleated, r.cells().size(), "N.TRAP+MNC, seed " + seed);
			// area at a fixed TRAP threshold of 0.15 OD (the reasoning below needs a known level): the
			// amount 0.5 box-smoothed over 3 px is a ramp 3 px wide that crosses 0.15 (30 % of the step)
			// 0.6 px outside the true edge, so every outer outline gains about 0.6 px; the cuts between
			// touching cells are internal and gain nothing. Allowed: 0.4 to 0.8 px along the outline
			// (digitised discs, smoothing of the concave corners at the necks, noise), plus 3 px along
			// each cut chord for the two cells touching a non-counted neighbour (the watershed's
			// cut follows the chord within about a pixel: 2 cells x chord 2w <= 12 px x 3 px)
			r = analyse(ph, s.withTrapOd(0.15), Parallel.defaults());
			assertEquals(ph.multinucleated, r.cells().size(), "N.TRAP+MNC at 0.15 OD, seed " + seed);
			double excess = r.trapPixels() - ph.mncArea, cut = 2 * 12 * 3;
			System.out.printf("touching wells, seed %d: TRAP+.Ar %d px, truth %.0f, excess %.2f px per outline px (outline %.0f px)%n", seed, r.trapPixels(), ph.mncArea,
				excess / ph.mncPerimeter, ph.mncPerimeter);
			assertTrue(excess >= 0.4 * ph.mncPerimeter - cut && excess <= 0.8 * ph.mncPerimeter + cut,
				"TRAP+.Ar " + r.trapPixels() + " px, truth " + ph.mncArea + " + 0.4..0.8 px x outline " + ph.mncPerimeter + ", seed " + seed);
		}
	}

	@Test
	void splittingDoesNotDependOnTilingOrThreads() {
		TouchingCulturePhantom ph = new TouchingCulturePhantom(2);
		HistoSettings s = HistoSettings.defaults(true);
		TrapResult whole = analyse(ph, s, Parallel.of(1));
		for (int tile : new int[] { 128, 300 }) {
			for (int threads : new int[] { 1, 2 }) {
				TrapResult t = analyse(ph, s.withTileSize(tile), Parallel.of(threads));
				String what = "tile " + tile + ", threads " + threads;
				assertTrue(t.tiles() > 1, what);
				assertEquals(whole.cells().size(), t.cells().size(), what);
				assertEquals(whole.trapPixels(), t.trapPixels(), what);
				assertEquals(whole.rejected(), t.rejected(), what);
				for (int i = 0; i < whole.cells().size(); i++) {
					TrapCell a = whole.cells().get(i), b = t.cells().get(i);
					assertEquals(a.areaPixels(), b.areaPixels(), what);
					assertEquals(a.nuclei().size(), b.nuclei().size(), what);
					assertEquals(a.centroidX(), b.centroidX(), 1e-9, what);
					assertEquals(a.centroidY(), b.centroidY(), 1e-9, what);
				}
				assertTrue(Arrays.equals(whole.overlay().pixels(), t.overlay().pixels()), "overlay, " + what);
			}
		}
	}
}
