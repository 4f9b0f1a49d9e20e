package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;
import org.junit.jupiter.api.Test;

/**
 * Pale nuclei on drawn cells: a disc of cytoplasm (300 milli-OD, noise sigma 10) holding pale
 * discs (150 milli-OD, radius 5 px) must give one centre per disc, each inside its disc
 * (within 3 px of the drawn centre: the response is a noisy plateau over the disc, and a
 * neighbouring pale disc lowers the cytoplasm level on its side, pushing the maximum 1-2 px
 * away); a uniform cell and a cell with only dark nuclei (left out of the cytoplasm) give none.
 */
class PaleNucleiTest {

	static final int W = 120, H = 120, CX = 60, CY = 60, R = 50;

	static List<int[]> run(double[][] pale, double[][] darkDiscs, long seed) {
		Random rnd = new Random(seed);
		int[] od = new int[W * H];
		byte[] cell = new byte[W * H], dark = new byte[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
			int k = y * W + x;
			if (Math.hypot(x - CX, y - CY) > R) continue;
			cell[k] = 1;
			double v = 300;
			for (double[] p : pale) if (Math.hypot(x - p[0], y - p[1]) <= 5) v = 150;
			for (double[] d : darkDiscs) if (Math.hypot(x - d[0], y - d[1]) <= 5) {
				v = 900;
				dark[k] = 1;
			}
			od[k] = (int) Math.round(v + 10 * rnd.nextGaussian());
		}
		float[] inside = DistanceTransform.distances2d(new ByteVolume(W, H, Spacing.isotropicMicrons(1000), new byte[][] { cell }), true, Parallel.of(1)).slice(0);
		return PaleNuclei.find(od, W, 0, 0, W, H, cell, dark, inside, 4, 40);
	}

	@Test
	void findsEachPaleNucleusOnce() {
		double[][] pale = { { 40, 45 }, { 55, 45 }, { 75, 70 }, { 50, 80 }, { 80, 40 } };
		for (long seed = 1; seed <= 3; seed++) {
			List<int[]> found = run(pale, new double[0][], seed);
			assertEquals(pale.length, found.size(), "seed " + seed);
			for (double[] p : pale) {
				int hits = 0;
				for (int[] f : found) if (Math.hypot(f[0] - p[0], f[1] - p[1]) <= 3) hits++;
				assertEquals(1, hits, "nucleus at " + p[0] + "," + p[1] + " seed " + seed);
			}
		}
	}

	@Test
	void uniformCellAndDarkNucleiGiveNone() {
		assertEquals(0, run(new double[0][], new double[0][], 4).size(), "uniform cytoplasm");
		// dark nuclei on a ring: the cytoplasm between them must not look pale
		double[][] dark = new double[6][];
		for (int i = 0; i < 6; i++) dark[i] = new double[] { CX + 20 * Math.cos(i * Math.PI / 3), CY + 20 * Math.sin(i * Math.PI / 3) };
		assertEquals(0, run(new double[0][], dark, 5).size(), "dark nuclei only");
	}

	/** A cell of cytoplasm 300 with, at its border, a notch of thin cytoplasm (150) 12 px wide and 10 px deep opening onto the glass: no nucleus. */
	@Test
	void paleNotchOpenToTheGlassIsNoNucleus() {
		Random rnd = new Random(6);
		int[] od = new int[W * H];
		byte[] cell = new byte[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
			if (Math.hypot(x - CX, y - CY) > R) continue;
			cell[y * W + x] = 1;
			boolean notch = x >= CX + R - 10 && Math.abs(y - CY) <= 6;
			od[y * W + x] = (int) Math.round((notch ? 150 : 300) + 10 * rnd.nextGaussian());
		}
		float[] inside = DistanceTransform.distances2d(new ByteVolume(W, H, Spacing.isotropicMicrons(1000), new byte[][] { cell }), true, Parallel.of(1)).slice(0);
		List<PaleNuclei.Candidate> c = PaleNuclei.candidates(od, W, 0, 0, W, H, cell, new byte[W * H], inside, 4, 40);
		assertTrue(c.stream().anyMatch(PaleNuclei.Candidate::onGlass), "the notch is a light spot open to the glass: " + c);
		assertEquals(0, PaleNuclei.find(od, W, 0, 0, W, H, cell, new byte[W * H], inside, 4, 40).size(), "no nucleus in a notch: " + c);
	}

	/** Glass (OD 10) enclosed by the cell (holes filled) is lighter than the cytoplasm but absorbs less than half of it: no nucleus. */
	@Test
	void enclosedGlassIsNoNucleus() {
		Random rnd = new Random(7);
		int[] od = new int[W * H];
		byte[] cell = new byte[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
			if (Math.hypot(x - CX, y - CY) > R) continue;
			cell[y * W + x] = 1;
			boolean glass = Math.hypot((x - CX) / 2.0, y - CY) <= 6;
			od[y * W + x] = (int) Math.round((glass ? 10 : 300) + 10 * rnd.nextGaussian());
		}
		float[] inside = DistanceTransform.distances2d(new ByteVolume(W, H, Spacing.isotropicMicrons(1000), new byte[][] { cell }), true, Parallel.of(1)).slice(0);
		List<PaleNuclei.Candidate> c = PaleNuclei.candidates(od, W, 0, 0, W, H, cell, new byte[W * H], inside, 4, 40);
		assertTrue(!c.isEmpty(), "the glass is a light spot");
		assertEquals(0, PaleNuclei.find(od, W, 0, 0, W, H, cell, new byte[W * H], inside, 4, 40).size(), "no nucleus on enclosed glass: " + c);
	}

	/** One oval pale nucleus (semi-axes 8 and 5 px, longer than the 9 px search window) is one nucleus. */
	@Test
	void ovalNucleusIsOne() {
		for (long seed = 8; seed <= 10; seed++) {
			Random rnd = new Random(seed);
			int[] od = new int[W * H];
			byte[] cell = new byte[W * H];
			for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
				if (Math.hypot(x - CX, y - CY) > R) continue;
				cell[y * W + x] = 1;
				boolean nucleus = Math.hypot((x - CX) / 8.0, (y - CY) / 5.0) <= 1;
				od[y * W + x] = (int) Math.round((nucleus ? 150 : 300) + 10 * rnd.nextGaussian());
			}
			float[] inside = DistanceTransform.distances2d(new ByteVolume(W, H, Spacing.isotropicMicrons(1000), new byte[][] { cell }), true, Parallel.of(1)).slice(0);
			assertEquals(1, PaleNuclei.find(od, W, 0, 0, W, H, cell, new byte[W * H], inside, 4, 40).size(), "seed " + seed);
		}
	}
}
