package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.junit.jupiter.api.Test;

/**
 * Culture mode on wells of cells with pale nuclei and the distractors that pass for pale nuclei
 * ({@link PaleCulturePhantom}): exact counts, every pale multinucleated cell counted, no spread
 * cell with pale gaps, no cell enclosing glass and no binucleated pale cell counted.
 */
class PaleCultureTest {

	static TrapResult analyse(PaleCulturePhantom ph, HistoSettings s, Parallel parallel) {
		TrapStains stains = TrapStains.choose(s, ph.image, RgbSource.of(ph.image), parallel);
		return new TrapAnalyser(s, stains, 1.0, parallel).analyse(RgbSource.of(ph.image), null, Progress.NONE);
	}

	/** Counted cells whose centroid lies within {@code px} of (x, y). */
	static long near(TrapResult r, double[] at, double px) {
		return r.cells().stream().filter(c -> Math.hypot(c.centroidX() - at[0], c.centroidY() - at[1]) < px).count();
	}

	@Test
	void paleMulticellsCountedDistractorsNot() throws Exception {
		for (long seed = 1; seed <= 3; seed++) {
			PaleCulturePhantom ph = new PaleCulturePhantom(seed);
			assertEquals(6, ph.multinucleated, "the phantom's own count");
			TrapResult r = analyse(ph, HistoSettings.defaults(true), Parallel.defaults());
			if (seed == 1) org.bonelesion.io.ImageIo.writePng(r.overlay(), java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "histo_pale_overlay.png"));
			// a pale MNC is a disc: its centroid lies on the drawn centre within noise and digitisation (10 px is a third of its radius);
			// a distractor must have no counted cell within 40 px (its processes reach 44 px, the next cell is 240 px away)
			for (double[] c : ph.counted) assertEquals(1, near(r, c, 10), "pale MNC at " + c[0] + "," + c[1] + ", seed " + seed);
			for (double[] c : ph.notCounted) assertEquals(0, near(r, c, 40), "distractor at " + c[0] + "," + c[1] + ", seed " + seed);
			assertEquals(ph.multinucleated, r.cells().size(), "N.TRAP+MNC, seed " + seed);
			// each pale MNC with exactly its drawn nuclei: an oval pale nucleus is one nucleus, not two
			int[] drawn = { 3, 5, 6, 3, 4, 3 };
			for (int k = 0; k < drawn.length; k++) {
				double[] c = ph.counted.get(k);
				TrapCell cell = r.cells().stream().filter(t -> Math.hypot(t.centroidX() - c[0], t.centroidY() - c[1]) < 10).findFirst().orElseThrow();
				assertEquals(drawn[k], cell.nuclei().size(), "nuclei of the pale MNC at " + c[0] + "," + c[1] + ", seed " + seed);
			}
		}
	}

	@Test
	void paleNucleiDoNotDependOnTilingOrThreads() {
		PaleCulturePhantom ph = new PaleCulturePhantom(2);
		HistoSettings s = HistoSettings.defaults(true);
		TrapResult whole = analyse(ph, s, Parallel.of(1));
		TrapResult t = analyse(ph, s.withTileSize(300), Parallel.of(2));
		assertTrue(t.tiles() > 1);
		assertEquals(whole.cells().size(), t.cells().size());
		for (int i = 0; i < whole.cells().size(); i++) assertEquals(whole.cells().get(i).nuclei().size(), t.cells().get(i).nuclei().size());
		assertTrue(java.util.Arrays.equals(whole.overlay().pixels(), t.overlay().pixels()), "overlay");
	}
}
