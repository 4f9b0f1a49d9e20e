package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;

class StainEstimationTest {

	/**
	 * A two-stain section: 10 % glass, 25 % first stain alone, 25 % second alone, 40 % mixed,
	 * amounts uniform in [0.2, 1.0], rendered by Beer-Lambert and rounded to 8 bits.
	 */
	static RgbImage section(StainVector a, StainVector b, double[] bg, int w, int h, long seed) {
		Random r = new Random(seed);
		int[] px = new int[w * h];
		StainVector[] st = { a, b };
		for (int i = 0; i < px.length; i++) {
			double u = r.nextDouble();
			double ca = 0.2 + 0.8 * r.nextDouble(), cb = 0.2 + 0.8 * r.nextDouble();
			double[] amounts = u < 0.1 ? new double[] { 0, 0 } : u < 0.35 ? new double[] { ca, 0 } : u < 0.6 ? new double[] { 0, cb } : new double[] { ca, cb };
			px[i] = ColourDeconvolutionTest.render(amounts, st, bg);
		}
		return new RgbImage(w, h, px, null);
	}

	@Test
	void macenkoRecoversRenderedVectors() {
		// Tolerance 1 degree: the 1st/99th angle percentiles fall inside the pure-stain
		// populations (25 % each), displaced only by the 8-bit rounding noise of those pixels,
		// whose angular spread at amounts >= 0.2 is a fraction of a degree (0.12 to 0.24 observed
		// on these four pairs); the projection onto the plane of the two main eigenvectors is
		// exact for noise-free two-stain data.
		double[] white = { 255, 255, 255 };
		StainVector[][] pairs = { { StainVector.HAEMATOXYLIN, StainVector.EOSIN }, { StainVector.TRAP, StainVector.FAST_GREEN },
				{ StainVector.HAEMATOXYLIN, StainVector.DAB }, { StainVector.TRAP, StainVector.HAEMATOXYLIN } };
		for (StainVector[] pair : pairs) {
			RgbImage img = section(pair[0], pair[1], white, 311, 203, 5);
			StainMatrix m1 = StainEstimation.macenko(img, white, StainEstimation.MacenkoOptions.DEFAULTS, Parallel.of(1), pair[0], pair[1]);
			StainMatrix m3 = StainEstimation.macenko(img, white, StainEstimation.MacenkoOptions.DEFAULTS, Parallel.of(3), pair[0], pair[1]);
			assertEquals(m1.stain(0), m3.stain(0), "1 vs 3 threads");
			assertEquals(m1.stain(1), m3.stain(1), "1 vs 3 threads");
			double e0 = m1.stain(0).angleDegrees(pair[0]), e1 = m1.stain(1).angleDegrees(pair[1]);
			assertTrue(e0 < 1 && e1 < 1, pair[0].name() + " " + e0 + " deg, " + pair[1].name() + " " + e1 + " deg");
			assertEquals(pair[0].name(), m1.stain(0).name());
			// unnamed variant: the larger red OD first
			StainMatrix plain = StainEstimation.macenko(img, white, Parallel.of(2));
			assertTrue(plain.stain(0).r() >= plain.stain(1).r());
		}
	}

	@Test
	void regionOfOneStainGivesItsVector() {
		double[] bg = { 245, 240, 250 };
		RgbImage img = section(StainVector.TRAP, StainVector.HAEMATOXYLIN, bg, 200, 100, 9);
		// overwrite the left half with TRAP alone (amounts 0.2..1.0) and some glass
		Random r = new Random(1);
		ByteVolume mask = new ByteVolume(200, 100, 1, null);
		for (int y = 0; y < 100; y++) {
			for (int x = 0; x < 100; x++) {
				double a = r.nextDouble() < 0.1 ? 0 : 0.2 + 0.8 * r.nextDouble();
				img.set(x, y, ColourDeconvolutionTest.render(new double[] { a }, new StainVector[] { StainVector.TRAP }, bg));
				mask.set(x, y, 0, 1);
			}
		}
		// the mean OD of many pixels averages the rounding: 0.5 degree
		StainVector fromRect = StainEstimation.fromRegion(img, 0, 0, 100, 100, bg, "TRAP");
		assertTrue(fromRect.angleDegrees(StainVector.TRAP) < 0.5, fromRect.angleDegrees(StainVector.TRAP) + " deg");
		assertEquals(fromRect, StainEstimation.fromMask(img, mask, bg, "TRAP"));
		assertThrows(UserInputException.class, () -> StainEstimation.fromRegion(img, 150, 0, 100, 10, bg, "TRAP"));
		RgbImage glass = new RgbImage(10, 10, new int[100], null);
		java.util.Arrays.fill(glass.pixels(), 0xffffff);
		assertThrows(UserInputException.class, () -> StainEstimation.fromRegion(glass, 0, 0, 10, 10, new double[] { 255, 255, 255 }, "x"));
		assertThrows(UserInputException.class, () -> StainEstimation.macenko(glass, new double[] { 255, 255, 255 }, Parallel.of(1)));
	}

	@Test
	void backgroundIsTheGlassColour() {
		double[] bg = { 238, 231, 249 };
		RgbImage img = section(StainVector.HAEMATOXYLIN, StainVector.EOSIN, bg, 150, 120, 3);
		// 10 % of the pixels are glass, rendered exactly as (238, 231, 249)
		double[] est1 = StainEstimation.estimateBackground(img, Parallel.of(1));
		double[] est2 = StainEstimation.estimateBackground(img, Parallel.of(2));
		assertArrayEquals(est1, est2);
		assertArrayEquals(bg, est1, 1e-12);
	}

	@Test
	void eigenvectorsOfSymmetricMatrix() {
		Random r = new Random(8);
		for (int n = 0; n < 200; n++) {
			double[][] b = new double[3][3];
			for (double[] row : b) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
			double[][] a = new double[3][3];
			for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) a[i][j] += b[k][i] * b[k][j];
			double[][] v = SymmetricEigen3.vectorsByDecreasingValue(a);
			double prev = Double.POSITIVE_INFINITY;
			for (double[] e : v) {
				double[] av = new double[3];
				for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) av[i] += a[i][j] * e[j];
				double lambda = av[0] * e[0] + av[1] * e[1] + av[2] * e[2];
				for (int i = 0; i < 3; i++) assertEquals(lambda * e[i], av[i], 1e-9 * (1 + Math.abs(lambda)));
				assertEquals(1, e[0] * e[0] + e[1] * e[1] + e[2] * e[2], 1e-12);
				assertTrue(lambda <= prev + 1e-9);
				prev = lambda;
			}
		}
	}
}
