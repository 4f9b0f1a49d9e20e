package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.Gaussian;
import org.junit.jupiter.api.Test;

/**
 * The automatic smoothing ({@link BoneSegmenter#autoSigma}): on two-level volumes (background
 * 10000, bone 12000, half each) with seeded Gaussian noise of a known sd, the noise is measured,
 * and the smoothing chosen is the smallest step meeting the rule.
 */
class AutoSigmaTest {

	private static final Spacing SP = Spacing.isotropicMicrons(10);
	private static final int LOW = 10000, HIGH = 12000, N = 64;

	/** 64^3: the lower half of the slices background, the upper half bone, plus noise. */
	static ShortVolume twoLevels(double noiseSd, long seed) {
		ShortVolume v = new ShortVolume(N, N, N, SP);
		Random r = new Random(seed);
		for (int z = 0; z < N; z++) {
			short[] s = v.slice(z);
			for (int i = 0; i < s.length; i++) s[i] = (short) Math.round((z < N / 2 ? LOW : HIGH) + noiseSd * r.nextGaussian());
		}
		return v;
	}

	/**
	 * Low noise: measured within 3 % (131072 voxels per side of a peak; the 15.87 % quantile of
	 * so many has a relative error near 0.5 %, the 256-bin mode adds up to half a bin, 4 grey
	 * here); the margin is half the peak distance (1000) within 2 %; no smoothing is needed
	 * (100 <= 1000 / 5).
	 */
	@Test
	void lowNoiseNeedsNoSmoothing() {
		BoneSegmenter.AutoSigma a = BoneSegmenter.autoSigma(twoLevels(100, 1), Parallel.of(2));
		assertEquals(100, a.noiseSd(), 3);
		assertEquals(1000, a.marginSd(), 20);
		assertEquals(0, a.sigmaMm(), 0);
	}

	/**
	 * Noise 400 against a margin of 1000: smoothing is needed; the chosen sigma meets the rule
	 * (noise x gain <= margin / 5) and one step less does not.
	 */
	@Test
	void moderateNoiseGetsTheSmallestSufficientSmoothing() {
		BoneSegmenter.AutoSigma a = BoneSegmenter.autoSigma(twoLevels(400, 2), Parallel.of(2));
		assertEquals(400, a.noiseSd(), 12);
		double step = BoneSegmenter.AUTO_SIGMA_STEP_VOXELS * SP.x();
		assertTrue(a.sigmaMm() > 0 && a.sigmaMm() < CtSettings.AUTO_SIGMA_VOXELS * SP.x(), "sigma " + a.sigmaMm());
		assertTrue(a.noiseSd() * BoneSegmenter.noiseGain(SP, true, a.sigmaMm()) <= a.marginSd() / BoneSegmenter.AUTO_SIGMA_MARGIN_SD);
		assertTrue(a.noiseSd() * BoneSegmenter.noiseGain(SP, true, a.sigmaMm() - step) > a.marginSd() / BoneSegmenter.AUTO_SIGMA_MARGIN_SD);
	}

	/** Noise 1500: even 0.8 voxel (gain about 0.21) is not enough, so the cap is used. */
	@Test
	void heavyNoiseIsCappedAtTheFormerDefault() {
		BoneSegmenter.AutoSigma a = BoneSegmenter.autoSigma(twoLevels(1500, 3), Parallel.of(2));
		assertEquals(CtSettings.AUTO_SIGMA_VOXELS * SP.x(), a.sigmaMm(), 1e-12);
	}

	/**
	 * Bone spread evenly from 10500 to 14000 (no peak of its own, like the real trabecular
	 * cube's bone, a plateau): either not measurable or measured as noise far wider than the
	 * peaks' distance allows; in both cases the former default (the cap) is used.
	 */
	@Test
	void boneWithoutAPeakFallsBackToTheFormerDefault() {
		ShortVolume v = twoLevels(100, 5);
		Random r = new Random(6);
		for (int z = N / 2; z < N; z++) {
			short[] s = v.slice(z);
			for (int i = 0; i < s.length; i++) s[i] = (short) (10500 + r.nextInt(3500));
		}
		BoneSegmenter.AutoSigma a = BoneSegmenter.autoSigma(v, Parallel.of(2));
		assertEquals(CtSettings.AUTO_SIGMA_VOXELS * SP.x(), a.sigmaMm(), 1e-12, a.toString());
	}

	/** Without noise nothing lies beside the peaks: not measurable, the former default is used. */
	@Test
	void noiseFreeImageFallsBackToTheFormerDefault() {
		BoneSegmenter.AutoSigma a = BoneSegmenter.autoSigma(twoLevels(0, 4), Parallel.of(2));
		assertTrue(Double.isNaN(a.noiseSd()));
		assertEquals(CtSettings.AUTO_SIGMA_VOXELS * SP.x(), a.sigmaMm(), 1e-12);
	}

	/**
	 * The noise gain equals the sd of smoothed white noise measured on a 64^3 volume (sd 1000,
	 * 262144 samples: sd of the estimate about 0.14 %, neighbours correlated after smoothing, so
	 * within 3 %), at 0.3, 0.5, 0.8 and 1.5 voxels and on anisotropic voxels.
	 */
	@Test
	void noiseGainMatchesSmoothedWhiteNoise() {
		Spacing[] spacings = { SP, Spacing.microns(10, 10, 20) };
		for (Spacing sp : spacings) {
			for (double s : new double[] { 0.3, 0.5, 0.8, 1.5 }) {
				ShortVolume v = new ShortVolume(N, N, N, sp);
				Random r = new Random(7);
				for (short[] sl : v.slices()) for (int i = 0; i < sl.length; i++) sl[i] = (short) Math.round(20000 + 1000 * r.nextGaussian());
				ShortVolume sm = Gaussian.smooth(v, s * sp.x(), Parallel.of(2));
				// interior only: the borders see fewer neighbours
				int m = 8;
				double sum = 0, sq = 0;
				long n = 0;
				for (int z = m; z < N - m; z++) for (int y = m; y < N - m; y++) for (int x = m; x < N - m; x++) {
					double g = sm.get(x, y, z);
					sum += g;
					sq += g * g;
					n++;
				}
				double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
				double gain = BoneSegmenter.noiseGain(sp, true, s * sp.x());
				assertEquals(gain, sd / 1000, 0.03 * gain + 0.5 / 1000, "sigma " + s + " voxels at " + sp);
			}
		}
	}
}
