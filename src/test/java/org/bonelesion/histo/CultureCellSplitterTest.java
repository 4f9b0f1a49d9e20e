package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link CultureCellSplitter} on binary profiles whose cells are known: discs touching
 * through chords of known half-width w (the saddle of the distance map is w), lobed and
 * branched single cells, processes. Pixel centres are sampled at +0.5.
 */
class CultureCellSplitterTest {

	static final int W = 260, H = 200;
	/** Nucleus radius 4 px, smallest cell 150 px, 3 nuclei for a counted cell. */
	final CultureCellSplitter splitter = new CultureCellSplitter(4, 150, 3);

	static byte[] mask(TrapPhantom.Shape... shapes) {
		byte[] m = new byte[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) for (TrapPhantom.Shape s : shapes) if (s.inside(x + 0.5, y + 0.5)) m[y * W + x] = 1;
		return m;
	}

	static NucleusCounter.Nucleus nucleus(double x, double y) {
		return new NucleusCounter.Nucleus((int) Math.floor(x), (int) Math.floor(y), 4);
	}

	/** Three nuclei on a ring of radius 0.4 r around (x, y), the first pointing away from the angle {@code away}. */
	static List<NucleusCounter.Nucleus> three(double x, double y, double r, double away) {
		List<NucleusCounter.Nucleus> out = new ArrayList<>();
		for (int k = 0; k < 3; k++) {
			double a = away + Math.PI + 2 * Math.PI * k / 3;
			out.add(nucleus(x + 0.4 * r * Math.cos(a), y + 0.4 * r * Math.sin(a)));
		}
		return out;
	}

	/** Centre distance of two discs of radii r1, r2 whose boundaries cross on a chord of half-width w. */
	static double centreDistance(double r1, double r2, double w) {
		return Math.sqrt(r1 * r1 - w * w) + Math.sqrt(r2 * r2 - w * w);
	}

	static int count(int[] labels) {
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		return max;
	}

	@Test
	void equalDiscsAreCutAtNarrowNecksOnly() {
		double r = 30, cy = 100;
		// w / r = 0.1, 0.25, 0.4: cut (saddle <= NECK r = 15); 0.6, 0.8: one peanut-shaped cell
		double[] ws = { 3, 7.5, 12, 18, 24 };
		int[] expected = { 2, 2, 2, 1, 1 };
		for (int k = 0; k < ws.length; k++) {
			double d = centreDistance(r, r, ws[k]);
			double x1 = 130 - d / 2, x2 = 130 + d / 2;
			byte[] m = mask(TrapPhantom.disc(x1, cy, r), TrapPhantom.disc(x2, cy, r));
			List<NucleusCounter.Nucleus> nuclei = new ArrayList<>(three(x1, cy, r, 0));
			nuclei.addAll(three(x2, cy, r, Math.PI));
			CultureCellSplitter.Split s = splitter.split(m, W, H, nuclei);
			assertEquals(expected[k], s.count(), "w = " + ws[k]);
			if (s.count() == 2) {
				// each cell's area is half the union's, give or take the cut line (one column of at most 2w + 1 pixels)
				long a1 = 0, a2 = 0;
				for (int l : s.labels()) {
					if (l == 1) a1++;
					if (l == 2) a2++;
				}
				long union = 0;
				for (byte b : m) union += b;
				assertEquals(union, a1 + a2, "every pixel of the profile belongs to a cell");
				assertEquals(0, a1 - a2, 2 * ws[k] + 2, "areas " + a1 + ", " + a2 + " at w = " + ws[k]);
				// the cut runs along the chord: every pixel left of it (2 px slack) is cell 1
				for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
					int l = s.labels()[y * W + x];
					if (l != 0) assertEquals(x < 128 ? 1 : x > 132 ? 2 : l, l, "pixel " + x + "," + y);
				}
			}
		}
	}

	@Test
	void unequalPairAndTriplesAreCutIntoTheirCells() {
		// a large and a small cell (r 36 and 20) touching through w = 6 (0.3 of the smaller radius)
		double d = centreDistance(36, 20, 6);
		byte[] m = mask(TrapPhantom.disc(80, 100, 36), TrapPhantom.disc(80 + d, 100, 20));
		List<NucleusCounter.Nucleus> nuclei = new ArrayList<>(three(80, 100, 36, 0));
		nuclei.addAll(three(80 + d, 100, 20, Math.PI));
		CultureCellSplitter.Split s = splitter.split(m, W, H, nuclei);
		assertEquals(2, s.count());
		// the label at each cell's centre differs, and each centre's cell holds its own three nuclei
		assertTrue(s.labels()[100 * W + 80] != s.labels()[100 * W + (int) (80 + d)]);

		// a chain of three (w = 5 and w = 8 between neighbours of radius 25) and a triangle of three (w = 6)
		double d1 = centreDistance(25, 25, 5), d2 = centreDistance(25, 25, 8);
		m = mask(TrapPhantom.disc(40, 60, 25), TrapPhantom.disc(40 + d1, 60, 25), TrapPhantom.disc(40 + d1 + d2, 60, 25));
		nuclei = new ArrayList<>(three(40, 60, 25, 0));
		nuclei.addAll(three(40 + d1, 60, 25, Math.PI / 2));
		nuclei.addAll(three(40 + d1 + d2, 60, 25, Math.PI));
		assertEquals(3, splitter.split(m, W, H, nuclei).count(), "chain");
		double t = centreDistance(25, 25, 6);
		double[][] c = { { 130, 70 }, { 130 + t, 70 }, { 130 + t / 2, 70 + t * Math.sqrt(3) / 2 } };
		m = mask(TrapPhantom.disc(c[0][0], c[0][1], 25), TrapPhantom.disc(c[1][0], c[1][1], 25), TrapPhantom.disc(c[2][0], c[2][1], 25));
		nuclei = new ArrayList<>();
		for (double[] p : c) nuclei.addAll(three(p[0], p[1], 25, Math.atan2(p[1] - 100, p[0] - 155) + Math.PI));
		s = splitter.split(m, W, H, nuclei);
		assertEquals(3, s.count(), "triangle");
		for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) {
			assertTrue(s.labels()[(int) c[i][1] * W + (int) c[i][0]] != s.labels()[(int) c[j][1] * W + (int) c[j][0]], "triangle cells " + i + ", " + j);
		}
	}

	@Test
	void singleIrregularCellsStayWhole() {
		// a lobed spread cell: an ellipse with four lobes of radius 18 joined through w >= 0.7 of the lobe radius
		List<TrapPhantom.Shape> lobed = new ArrayList<>();
		lobed.add(TrapPhantom.ellipse(130, 100, 60, 35, 0.3));
		double[][] lobes = { { 60, 75 }, { 195, 130 }, { 110, 55 }, { 150, 145 } };
		for (double[] l : lobes) lobed.add(TrapPhantom.disc(l[0], l[1], 18));
		byte[] m = mask(lobed.toArray(new TrapPhantom.Shape[0]));
		List<NucleusCounter.Nucleus> nuclei = new ArrayList<>();
		for (double[] l : lobes) nuclei.add(nucleus(l[0], l[1]));
		nuclei.addAll(three(130, 100, 35, 0));
		assertEquals(1, splitter.split(m, W, H, nuclei).count(), "lobed cell");
		// a long ellipse with eight nuclei: no waist at all
		m = mask(TrapPhantom.ellipse(130, 100, 110, 28, 0.2));
		nuclei = new ArrayList<>();
		for (int k = 0; k < 8; k++) nuclei.add(nucleus(130 + (k - 3.5) * 22 * Math.cos(0.2), 100 + (k - 3.5) * 22 * Math.sin(0.2)));
		assertEquals(1, splitter.split(m, W, H, nuclei).count(), "elongated cell");
	}

	@Test
	void aBranchedCellIsHeldTogetherByTheNucleiInItsArm() {
		// two lobes of radius 30 joined by an arm 80 px long between them and 20 px thick (saddle 10 = 0.33 r: a neck);
		// the arm is a plateau of the distance map, so the cut lies halfway, at x = 120
		TrapPhantom.Shape[] shape = { TrapPhantom.disc(50, 100, 30), TrapPhantom.disc(190, 100, 30), TrapPhantom.rect(50, 90, 190, 110) };
		byte[] m = mask(shape);
		List<NucleusCounter.Nucleus> lobes = new ArrayList<>(three(50, 100, 30, 0));
		lobes.addAll(three(190, 100, 30, Math.PI));
		CultureCellSplitter.Split s = splitter.split(m, W, H, lobes);
		// without nuclei in the arm it is a neck like any other (the documented limit), cut halfway (+-1 px)
		assertEquals(2, s.count(), "arm without nuclei");
		for (int x = 60; x < 180; x++) assertEquals(x < 119 ? 1 : x > 121 ? 2 : s.labels()[100 * W + x], s.labels()[100 * W + x], "arm pixel " + x);
		// a nucleus in the arm 20 px from the cut (x = 100): nearer the cut than its lobe's core (the pixels
		// at least 1.5 x 10 deep: the disc of radius 15 around x = 50, ending at x = 65, 35 px away), so
		// the arm is cell body and the cell one
		List<NucleusCounter.Nucleus> armed = new ArrayList<>(lobes);
		armed.add(nucleus(100.5, 100.5));
		assertEquals(1, splitter.split(m, W, H, armed).count(), "a nucleus in the arm");
		// nuclei where the arm leaves the lobes (x = 72 and 168: 7 px from their cores, 48 from the cut) belong to the lobes
		List<NucleusCounter.Nucleus> ends = new ArrayList<>(lobes);
		ends.add(nucleus(72.5, 100.5));
		ends.add(nucleus(167.5, 100.5));
		assertEquals(2, splitter.split(m, W, H, ends).count(), "nuclei at the arm's ends");
	}

	@Test
	void processesBulbsAndAnucleateLobesAreNotCells() {
		// a cell with a thin process (3 px) ending in a bulb of radius 6: the bulb is a basin (peak 6 >= 4, saddle 1.5), too small for a cell
		byte[] m = mask(TrapPhantom.disc(80, 100, 30), TrapPhantom.rect(108, 98.5, 160, 101.5), TrapPhantom.disc(162, 100, 6));
		assertEquals(1, splitter.split(m, W, H, three(80, 100, 30, 0)).count(), "process with a bulb");
		// a lobe of radius 18 behind a neck (w = 4) but without a nucleus: cytoplasm of the cell
		double d = centreDistance(30, 18, 4);
		m = mask(TrapPhantom.disc(80, 100, 30), TrapPhantom.disc(80 + d, 100, 18));
		assertEquals(1, splitter.split(m, W, H, three(80, 100, 30, 0)).count(), "anucleate lobe");
		// the same lobe with one nucleus: a mononuclear cell touching the MNC, cut off
		List<NucleusCounter.Nucleus> nuclei = new ArrayList<>(three(80, 100, 30, 0));
		nuclei.add(nucleus(80 + d, 100));
		assertEquals(2, splitter.split(m, W, H, nuclei).count(), "mononuclear cell touching");
	}

	@Test
	void emitCountsOnlyCellsWithEnoughNucleiAndIsTranslationInvariant() {
		double d = centreDistance(30, 18, 4);
		byte[] m = mask(TrapPhantom.disc(80, 100, 30), TrapPhantom.disc(80 + d, 100, 18));
		List<NucleusCounter.Nucleus> nuclei = new ArrayList<>(three(80, 100, 30, 0));
		nuclei.add(nucleus(80 + d, 100));
		List<TrapCell> cells = new ArrayList<>();
		int rejected = splitter.emit(m, W, H, nuclei, 1000, 2000, true, cells, (k, c) -> {});
		assertEquals(1, cells.size());
		assertEquals(1, rejected, "the mononuclear cell");
		TrapCell c = cells.get(0);
		assertEquals(3, c.nuclei().size());
		// its area: the disc up to the cut near the chord (pi 30^2 = 2827 px; the lens beyond the chord is ~60 px, the cut line 9 px)
		assertEquals(Math.PI * 30 * 30, c.areaPixels(), 80);
		assertEquals(1080, c.centroidX(), 1.5);
		assertEquals(2100, c.centroidY(), 0.5);
		// not owned: drawn but not reported
		List<TrapCell> none = new ArrayList<>();
		assertEquals(0, splitter.emit(m, W, H, nuclei, 0, 0, false, none, (k, col) -> {}));
		assertTrue(none.isEmpty());
		// the same profile shifted by (17, 9) in the box: the same cells, shifted
		byte[] shifted = new byte[W * H];
		for (int y = 0; y + 9 < H; y++) for (int x = 0; x + 17 < W; x++) shifted[(y + 9) * W + x + 17] = m[y * W + x];
		List<NucleusCounter.Nucleus> sn = new ArrayList<>();
		for (NucleusCounter.Nucleus nu : nuclei) sn.add(new NucleusCounter.Nucleus(nu.x() + 17, nu.y() + 9, nu.radius()));
		int[] a = splitter.split(m, W, H, nuclei).labels(), b = splitter.split(shifted, W, H, sn).labels();
		int[] back = new int[W * H];
		for (int y = 0; y + 9 < H; y++) for (int x = 0; x + 17 < W; x++) back[y * W + x] = b[(y + 9) * W + x + 17];
		assertArrayEquals(a, back);
		assertEquals(2, count(a));
	}
}
