package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.Thresholds.Method;
import org.junit.jupiter.api.Test;

import ij.process.AutoThresholder;

class ThresholdsTest {

	private static final Method[] OURS = { Method.DEFAULT, Method.IJ_ISODATA, Method.ISODATA, Method.OTSU };
	private static final AutoThresholder.Method[] IJ = { AutoThresholder.Method.Default, AutoThresholder.Method.IJ_IsoData,
			AutoThresholder.Method.IsoData, AutoThresholder.Method.Otsu };

	/** Random histograms of several shapes; sums stay far below 2^31 so ImageJ's int sums are exact. */
	private static long[] randomHistogram(Random r, int bins) {
		long[] h = new long[bins];
		switch (r.nextInt(5)) {
			case 0 -> { // uniform noise
				for (int i = 0; i < bins; i++) h[i] = r.nextInt(1000);
			}
			case 1, 2 -> { // two Gaussian modes of random weights and widths
				double m1 = r.nextDouble() * bins, m2 = r.nextDouble() * bins;
				double s1 = 1 + r.nextDouble() * bins / 8, s2 = 1 + r.nextDouble() * bins / 8;
				int n1 = 1000 + r.nextInt(50000), n2 = 1000 + r.nextInt(50000);
				for (int k = 0; k < n1; k++) add(h, m1 + s1 * r.nextGaussian());
				for (int k = 0; k < n2; k++) add(h, m2 + s2 * r.nextGaussian());
			}
			case 3 -> { // sparse: a few occupied bins
				int n = 1 + r.nextInt(6);
				for (int k = 0; k < n; k++) h[r.nextInt(bins)] += 1 + r.nextInt(100);
			}
			default -> { // a dominant background mode plus a small bright object
				double m = r.nextDouble() * bins / 3;
				for (int k = 0; k < 40000; k++) add(h, m + 2 * r.nextGaussian());
				double o = bins / 2.0 + r.nextDouble() * bins / 2;
				for (int k = 0; k < 2000; k++) add(h, o + bins / 20.0 * r.nextGaussian());
			}
		}
		return h;
	}

	private static void add(long[] h, double v) {
		h[(int) Math.max(0, Math.min(h.length - 1, Math.round(v)))]++;
	}

	private static int[] ints(long[] h) {
		int[] a = new int[h.length];
		for (int i = 0; i < h.length; i++) a[i] = Math.toIntExact(h[i]);
		return a;
	}

	@Test
	void sameBinAsImageJOnRandomHistogramsUpTo256Bins() {
		Random r = new Random(42);
		AutoThresholder ij = new AutoThresholder();
		for (int trial = 0; trial < 1500; trial++) {
			int bins = trial % 3 == 0 ? 256 : 2 + r.nextInt(255);
			long[] h = randomHistogram(r, bins);
			for (int m = 0; m < OURS.length; m++) {
				int expected = ij.getThreshold(IJ[m], ints(h));
				assertEquals(expected, Thresholds.threshold(h, OURS[m]), OURS[m] + " trial " + trial + " bins " + bins);
			}
		}
	}

	@Test
	void sameBinAsImageJOnFull16BitHistograms() {
		Random r = new Random(7);
		AutoThresholder ij = new AutoThresholder();
		// occupied range kept to a few thousand bins: IsoData-type methods are quadratic in it
		for (int trial = 0; trial < 30; trial++) {
			long[] h = new long[65536];
			int lo = r.nextInt(60000), hi = lo + 200 + r.nextInt(2000);
			for (int k = 0; k < 20000; k++) add(h, lo + (hi - lo) * 0.05 * r.nextGaussian());
			for (int k = 0; k < 5000; k++) add(h, hi + (hi - lo) * 0.1 * r.nextGaussian());
			for (int m = 0; m < OURS.length; m++) {
				assertEquals(ij.getThreshold(IJ[m], ints(h)), Thresholds.threshold(h, OURS[m]), OURS[m] + " trial " + trial);
			}
		}
	}

	@Test
	void sixteenBitThresholdIsTheImageJBinMappedBackToGrey() {
		Random r = new Random(11);
		AutoThresholder ij = new AutoThresholder();
		for (int trial = 0; trial < 60; trial++) {
			long[] h = new long[65536];
			int lo = r.nextInt(20000), hi = lo + 300 + r.nextInt(40000);
			for (int k = 0; k < 30000; k++) add(h, lo + (hi - lo) * 0.08 * r.nextGaussian());
			for (int k = 0; k < 8000; k++) add(h, hi + (hi - lo) * 0.08 * r.nextGaussian());
			int min = 0;
			while (h[min] == 0) min++;
			int max = 65535;
			while (h[max] == 0) max--;
			long[] binned = Thresholds.bin256(h, min, max);
			long total = 0;
			for (long c : binned) total += c;
			assertEquals(38000, total);
			for (int m = 0; m < OURS.length; m++) {
				int level = ij.getThreshold(IJ[m], ints(binned));
				int t = Thresholds.threshold16(h, OURS[m]);
				// t is the last grey value of bin 'level': t in that bin or below, t+1 above it
				assertTrue(Thresholds.bin256Index(t, min, max) <= level, OURS[m] + " trial " + trial);
				assertTrue(t == max || Thresholds.bin256Index(t + 1, min, max) > level, OURS[m] + " trial " + trial);
			}
		}
	}

	@Test
	void histogramCountsMaskedVoxelsOnAnyThreadCount() {
		Spacing s = Spacing.isotropicMicrons(10);
		ShortVolume v = TestVolumes.randomShort(21, 13, 11, s, 5);
		for (int z = 0; z < 11; z++) for (int i = 0; i < 21 * 13; i++) v.slice(z)[i] = (short) ((v.slice(z)[i] & 0xffff) % 300 + 65000);
		ByteVolume mask = TestVolumes.randomMask(21, 13, 11, s, 0.3, 6);
		long[] expected = new long[65536];
		for (int z = 0; z < 11; z++) for (int y = 0; y < 13; y++) for (int x = 0; x < 21; x++) {
			if (mask.get(x, y, z) != 0) expected[v.get(x, y, z)]++;
		}
		assertArrayEquals(expected, Thresholds.histogram(v, mask, Parallel.of(1)));
		assertArrayEquals(expected, Thresholds.histogram(v, mask, Parallel.of(3)));
		long[] all = Thresholds.histogram(v, null, Parallel.of(2));
		long total = 0;
		for (long c : all) total += c;
		assertEquals(21L * 13 * 11, total);
	}

	@Test
	void volumeThresholdSeparatesTwoGreyLevels() {
		// 1000 +- 50 background and 3000 +- 50 objects: any sensible threshold lies between them
		Spacing s = Spacing.isotropicMicrons(10);
		ShortVolume v = new ShortVolume(20, 20, 10, s);
		Random r = new Random(3);
		for (int z = 0; z < 10; z++) for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) {
			v.set(x, y, z, (x < 8 ? 3000 : 1000) + r.nextInt(101) - 50);
		}
		for (Method m : OURS) {
			int t = Thresholds.threshold(v, null, m, Parallel.of(2));
			assertTrue(t >= 1050 && t < 2950, m + " gave " + t);
		}
	}

	@Test
	void otsuSplitsTwoSeparatedModesBetweenThem() {
		long[] h = new long[256];
		for (int i = 40; i <= 60; i++) h[i] = 100;
		for (int i = 180; i <= 200; i++) h[i] = 100;
		int t = Thresholds.otsu(h);
		assertTrue(t >= 60 && t < 180, "threshold " + t);
	}
}
