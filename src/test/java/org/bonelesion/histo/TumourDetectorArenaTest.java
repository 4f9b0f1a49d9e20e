package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.bonelesion.sample.HistoSection;
import org.junit.jupiter.api.Test;

/** The tumour detection with a reused {@link TileArena}: the same masks as with fresh arrays, whatever the arena held before. */
class TumourDetectorArenaTest {

	/**
	 * Two different sections of the same size, each cut to the same off-grid tile (origin not on
	 * the 4-pixel bins, width not a multiple of 8, all sides cuts), detected in turns A, B, A with
	 * one arena, then a smaller tile of B (the arena's arrays then longer than needed): each mask
	 * equals the one from a fresh arena (the allocating overload), so nothing stale leaks from one
	 * tile to the next. The sections have tumour (the masks are not empty).
	 */
	@Test
	void reusedArenaGivesTheFreshResult() {
		HistoSettings s = HistoSettings.defaults(false);
		SectionFields a = new SectionFields(HistoSection.render(new HistoSection.Design(503, 0.15, 11, true), 0.001).image(), s, 1.0);
		SectionFields b = new SectionFields(HistoSection.render(new HistoSection.Design(977, 0.25, 11, true), 0.001).image(), s, 1.0);
		assertEquals(a.width, b.width);
		assertEquals(a.height, b.height);
		TumourDetector detector = new TumourDetector(TumourDetector.Parameters.of(s), 1.0);
		long level = detector.nucleusLevel(9);
		TileArena arena = new TileArena();
		// {section, x0, y0, width, height}: the third tile is smaller, so the arena's arrays are longer than needed
		int w0 = a.width - 14, h0 = a.height - 9;
		assertTrue(w0 % 8 != 0, "a tail of columns");
		Object[][] tiles = { { a, 3, 6, w0, h0 }, { b, 3, 6, w0, h0 }, { a, 3, 6, w0, h0 }, { b, 101, 58, w0 - 150, h0 - 77 } };
		for (Object[] t : tiles) {
			SectionFields f = (SectionFields) t[0];
			int x0 = (Integer) t[1], y0 = (Integer) t[2], w = (Integer) t[3], h = (Integer) t[4];
			TileFrame frame = new TileFrame(w, h, 20, 20, w - 20, h - 20, true, true, true, true);
			byte[] tissue = TileFrame.crop(f.tissue, f.width, x0, y0, w, h), bone = TileFrame.crop(f.bone, f.width, x0, y0, w, h);
			byte[] nuclear = new byte[w * h];
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) nuclear[y * w + x] = f.hemSmooth[(y0 + y) * f.width + x0 + x] > level ? (byte) 1 : 0;
			byte[] fresh = detector.detect(frame, x0, y0, tissue, bone, nuclear.clone());
			byte[] reused = detector.detect(frame, x0, y0, tissue, bone, nuclear, arena);
			assertArrayEquals(fresh, reused, "tile at " + x0 + ", " + y0);
			int tumour = 0;
			for (byte v : fresh) tumour += v;
			assertTrue(tumour > 1000, "tumour found: " + tumour);
		}
	}

	/**
	 * Per-bin counts against brute force on seeded random masks, bins not aligned with the tile,
	 * widths with and without a tail of columns, a bin taller than the 255 rows a byte lane holds;
	 * the large-nucleus mask is cleared, and a second call with stale lanes in the arena agrees.
	 */
	@Test
	void binCountsEqualBruteForce() {
		Random rnd = new Random(5);
		TileArena arena = new TileArena();
		for (int[] c : new int[][] { { 37, 29, 4, 3, 2 }, { 64, 40, 4, 0, 0 }, { 61, 300, 7, 5, 11 }, { 13, 600, 270, 100, 250 }, { 9, 9, 1, 0, 0 }, { 45, 33, 8, 13, 3 }, { 30, 17, 2, 1, 1 }, { 50, 40, 16, 21, 7 }, { 5, 6, 4, 2, 1 } }) {
			int w = c[0], h = c[1], bin = c[2], ox = c[3], oy = c[4];
			for (int round = 0; round < 2; round++) {
				byte[] tissue = new byte[w * h], bone = new byte[w * h], m = new byte[w * h];
				for (int i = 0; i < w * h; i++) {
					tissue[i] = rnd.nextInt(5) > 0 ? (byte) 1 : 0;
					bone[i] = rnd.nextInt(4) == 0 ? (byte) 1 : 0;
					m[i] = rnd.nextInt(3) == 0 ? (byte) 1 : 0;
				}
				TumourDetector.Bins g = new TumourDetector.Bins(ox, oy, w, h, bin);
				int[] large = new int[g.n], soft = new int[g.n], bruteLarge = new int[g.n], bruteSoft = new int[g.n];
				byte[] boneIn = new byte[g.n], bruteBone = new byte[g.n];
				boolean bruteAny = false;
				for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
					int i = y * w + x, k = ((oy + y) / bin - g.by0) * g.cw + (ox + x) / bin - g.bx0;
					boolean sf = tissue[i] != 0 && bone[i] == 0;
					if (sf) bruteSoft[k]++;
					if (sf && m[i] != 0) {
						bruteLarge[k]++;
						bruteAny = true;
					}
					if (bone[i] != 0) bruteBone[k] = 1;
				}
				boolean any = TumourDetector.countBins(g, tissue, bone, m, large, soft, boneIn, arena);
				String at = w + "x" + h + " bin " + bin + " round " + round;
				assertArrayEquals(bruteSoft, soft, "soft " + at);
				assertArrayEquals(bruteLarge, large, "large " + at);
				assertArrayEquals(bruteBone, boneIn, "bone " + at);
				assertEquals(bruteAny, any, at);
				assertArrayEquals(new byte[w * h], m, "cleared " + at);
			}
		}
		// no large nucleus: false
		byte[] ones = new byte[64];
		Arrays.fill(ones, (byte) 1);
		TumourDetector.Bins g = new TumourDetector.Bins(0, 0, 8, 8, 4);
		assertTrue(!TumourDetector.countBins(g, ones, new byte[64], new byte[64], new int[g.n], new int[g.n], new byte[g.n], arena));
	}

	/**
	 * Seeds and edge bins from streamed packed window sums against the definition: window sums by
	 * two {@link BoxSums} (checked by brute force in BoxFiltersTest) and the integer comparisons of
	 * the class Javadoc (seed: 3 num >= 2 rho den, edge: 2 num >= rho den, rho = 1000 density; none
	 * where the bin has no soft tissue or its window less than a quarter), on seeded random counts
	 * whose density varies over the grid; grids smaller and larger than the window, stale arrays.
	 */
	@Test
	void seedsAndEdgesFollowTheirDefinition() {
		Random rnd = new Random(17);
		HistoSettings s = HistoSettings.defaults(false);
		TumourDetector detector = new TumourDetector(TumourDetector.Parameters.of(s), 1.0);
		int bin = (int) Math.round(TumourDetector.BIN_UM), rb = (int) Math.round(s.tumourRadiusUm() / bin);
		long rho = Math.round(s.tumourDensity() * 1000), window = (long) (2 * rb + 1) * (2 * rb + 1) * bin * bin;
		TileArena arena = new TileArena();
		int seeds = 0, notSeeds = 0;
		for (int[] dims : new int[][] { { 1, 1 }, { 5, 3 }, { 60, 41 }, { 3, 70 }, { 90, 2 }, { 33, 47 } }) {
			int cw = dims[0], ch = dims[1], n = cw * ch;
			int[] large = new int[n], soft = new int[n];
			double fx = rnd.nextDouble() * 0.2, fy = rnd.nextDouble() * 0.2;
			for (int y = 0; y < ch; y++) for (int x = 0; x < cw; x++) {
				int i = y * cw + x;
				soft[i] = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(bin * bin + 1);
				double density = 0.5 + 0.5 * Math.sin(fx * x + fy * y); // 0..1, so that both sides of the thresholds occur
				for (int k = 0; k < soft[i]; k++) if (rnd.nextDouble() < density) large[i]++;
			}
			int[] num = new int[n], den = new int[n];
			BoxSums.sum(large, cw, ch, rb, num);
			BoxSums.sum(soft, cw, ch, rb, den);
			byte[] seed = new byte[n + 3], low = new byte[n + 3];
			int[] queue = new int[n + 3];
			Arrays.fill(seed, (byte) 7);
			Arrays.fill(low, (byte) 7);
			int qn = detector.seedsAndEdges(cw, ch, large, soft, seed, low, queue, arena);
			int expectedSeeds = 0;
			for (int c = 0; c < n; c++) {
				boolean counted = soft[c] != 0 && 4L * den[c] >= window;
				boolean isSeed = counted && 3000L * num[c] >= 2 * rho * den[c], isLow = counted && 2000L * num[c] >= rho * den[c];
				String at = cw + "x" + ch + " bin " + c;
				assertEquals(isSeed ? 1 : 0, seed[c], "seed " + at);
				assertEquals(isLow ? 1 : 0, low[c], "edge " + at);
				if (isSeed) assertEquals(c, queue[expectedSeeds++], "queue " + at);
				if (isSeed) seeds++;
				else notSeeds++;
			}
			assertEquals(expectedSeeds, qn, "seed count " + cw + "x" + ch);
		}
		assertTrue(seeds > 100 && notSeeds > 100, "both outcomes: " + seeds + " seeds, " + notSeeds + " not");
	}
}
