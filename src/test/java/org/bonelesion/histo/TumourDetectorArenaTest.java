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
			byte[] reused = detector.detect(frame, x0, y0, tissue, bone, nuclear, new byte[w * h], arena);
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

	/** The packed window sums equal two {@link BoxSums} (checked by brute force in BoxFiltersTest), grids smaller and larger than the window, stale buffers. */
	@Test
	void packedWindowSumsEqualBoxSums() {
		Random rnd = new Random(17);
		for (int[] dims : new int[][] { { 1, 1 }, { 5, 3 }, { 40, 31 }, { 3, 70 }, { 90, 2 } }) {
			int cw = dims[0], ch = dims[1], n = cw * ch;
			for (int r : new int[] { 1, 2, 10, 45 }) {
				int[] large = new int[n], soft = new int[n];
				for (int i = 0; i < n; i++) {
					soft[i] = rnd.nextInt(17);
					large[i] = rnd.nextInt(soft[i] + 1);
				}
				int[] num = new int[n], den = new int[n];
				BoxSums.sum(large, cw, ch, r, num);
				BoxSums.sum(soft, cw, ch, r, den);
				long[] rows = new long[n + 5], out = new long[n + 5];
				for (int i = 0; i < rows.length; i++) {
					rows[i] = rnd.nextLong();
					out[i] = rnd.nextLong();
				}
				TumourDetector.windowSums(large, soft, cw, ch, r, rows, out);
				for (int i = 0; i < n; i++) {
					assertEquals(num[i], out[i] >>> 32, cw + "x" + ch + " r " + r + " large at " + i);
					assertEquals(den[i], out[i] & 0xffffffffL, cw + "x" + ch + " r " + r + " soft at " + i);
				}
			}
		}
	}
}
