package org.bonelesion.ct;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;
import org.bonelesion.ops.Connectivity;
import org.bonelesion.ops.FillHoles;
import org.bonelesion.ops.Gaussian;
import org.bonelesion.ops.LabelStats;
import org.bonelesion.ops.Labeling;
import org.bonelesion.ops.Thresholds;

/**
 * Bone segmentation: Gaussian smoothing (automatic: {@link #autoSigma}), one global threshold (Otsu, IsoData, or a fixed value
 * in mg HA/cm^3 or grey), removal of specks below a volume (26-connected pieces), and keeping
 * the largest bone or all of them.
 */
public final class BoneSegmenter {

	/** The segmented bone and the threshold used. */
	public record Result(ByteVolume bone, CtSegmentation.Threshold threshold, int piecesFound, int piecesKept) {}

	private BoneSegmenter() {
	}

	/**
	 * Segments the bone.
	 *
	 * @param image  grey values with their spacing
	 * @param values raw to physical values; a fixed threshold is in its unit when it is a density
	 * @param name   the input's name for messages
	 * @throws UserInputException when the volume is constant or no bone is left
	 */
	public static Result segment(ShortVolume image, ValueCalibration values, CtSettings s, String name, Parallel parallel, Progress progress) {
		int[] range = range(image, parallel);
		if (range[0] == range[1]) {
			throw new UserInputException(name + " is an empty or constant volume: every voxel has the grey value " + range[0] + ", so there is no bone to find");
		}
		progress.report("smoothing", 0);
		double sigma = s.autoSigma() ? autoSigma(image, parallel).sigmaMm() : s.sigmaMm();
		ShortVolume smooth = sigma > 0 ? Gaussian.smooth(image, sigma, parallel) : image;
		progress.checkCancelled();
		progress.report("threshold", 0.4);
		CtSegmentation.Threshold t = threshold(smooth, values, s, parallel);
		int lowest = t.raw();
		ByteVolume bone = new ByteVolume(image.width(), image.height(), image.depth(), image.spacing());
		long[] counts = new long[image.depth()];
		parallel.forRange(0, image.depth(), z -> {
			short[] g = smooth.slice(z);
			byte[] b = bone.slice(z);
			long c = 0;
			for (int i = 0; i < g.length; i++) {
				if ((g[i] & 0xffff) >= lowest) {
					b[i] = 1;
					c++;
				}
			}
			counts[z] = c;
		});
		long n = 0;
		for (long c : counts) n += c;
		String at = " at the threshold " + describe(t);
		if (n == 0) throw new UserInputException(name + ": no voxel is bone" + at + " (grey values run from " + range[0] + " to " + range[1] + "); lower --threshold");
		if (n == image.size()) throw new UserInputException(name + ": every voxel is bone" + at + "; raise --threshold");
		progress.checkCancelled();
		progress.report("removing specks", 0.6);
		Labeling.Result labels = Labeling.label(bone, Connectivity.TWENTY_SIX, parallel);
		int found = labels.count();
		Labeling.Result kept = Labeling.keepMinVolume(labels, s.minSpeckMm3(), parallel);
		if (kept.count() == 0) {
			throw new UserInputException(name + ": every piece of bone" + at + " is smaller than --min-speck-mm3 " + s.minSpeckMm3() + " mm^3");
		}
		if (s.keepLargest()) kept = keepLargestWithItsContents(kept, parallel);
		ByteVolume mask = Labeling.mask(kept, parallel);
		progress.report("segmentation", 1);
		return new Result(mask, t, found, kept.count());
	}

	/**
	 * The largest piece of bone and every other piece lying mostly inside its cross-section
	 * (each slice of the largest piece with its holes filled): new bone growing in the marrow
	 * cavity, or trabeculae cut off by the scan, belong to the bone of interest; a neighbouring
	 * bone (a fibula beside a tibia) does not.
	 */
	static Labeling.Result keepLargestWithItsContents(Labeling.Result pieces, Parallel parallel) {
		int largest = LabelStats.of(pieces, parallel).largest();
		ByteVolume only = new ByteVolume(pieces.labels().width(), pieces.labels().height(), pieces.labels().depth(), pieces.labels().spacing());
		parallel.forRange(0, only.depth(), z -> {
			int[] l = pieces.labels().slice(z);
			byte[] o = only.slice(z);
			for (int i = 0; i < l.length; i++) o[i] = l[i] == largest ? (byte) 1 : 0;
		});
		ByteVolume inside = FillHoles.fill2d(only, parallel);
		long[] in = new long[pieces.count() + 1], all = new long[pieces.count() + 1];
		for (int z = 0; z < only.depth(); z++) {
			int[] l = pieces.labels().slice(z);
			byte[] f = inside.slice(z);
			for (int i = 0; i < l.length; i++) {
				if (l[i] > 0) {
					all[l[i]]++;
					if (f[i] != 0) in[l[i]]++;
				}
			}
		}
		boolean[] keep = new boolean[pieces.count() + 1];
		for (int k = 1; k <= pieces.count(); k++) keep[k] = k == largest || 2 * in[k] > all[k];
		return Labeling.keep(pieces, keep, parallel);
	}

	/**
	 * How many noise standard deviations (after smoothing) must separate each class's peak from
	 * the half-way level between the peaks for the automatic smoothing: at 5 a voxel is misclassified by noise alone
	 * with probability 3e-7.
	 */
	public static final double AUTO_SIGMA_MARGIN_SD = 5;
	/** Step of the automatic smoothing search, in voxels of the smallest size. */
	static final double AUTO_SIGMA_STEP_VOXELS = 0.05;
	/** Fewest voxels on the outer side of a class peak for its noise to be measured. */
	static final long AUTO_SIGMA_MIN_VOXELS = 1000;

	/**
	 * The automatic smoothing ({@code --sigma-um auto}) and how it was chosen.
	 *
	 * @param sigmaMm  the standard deviation used, mm
	 * @param noiseSd  the measured noise standard deviation, raw grey (NaN when not measurable)
	 * @param marginSd half the distance between the background and bone peaks, raw grey (NaN when not measurable)
	 * @param reason   one sentence for the provenance
	 */
	public record AutoSigma(double sigmaMm, double noiseSd, double marginSd, String reason) {}

	/**
	 * The automatic smoothing: just enough to stop noise alone from crossing the threshold.
	 * Gaussian smoothing suppresses noise but also widens every edge, and a threshold above the
	 * half-way level of a structure (thin or less mineralised new bone under a threshold set by
	 * the cortex) then erodes it: at the former fixed 0.8 voxels the sample study's periosteal
	 * spicules (40 um rods) lost 38 % of their volume. So the smoothing is chosen from the noise:
	 * Otsu's threshold of the unsmoothed histogram splits it into background and bone; each
	 * class's peak m and its noise sd, measured on the side away from the other class (the side
	 * free of partial-volume voxels: below m - sd lie 15.87 % of the voxels, as for a Gaussian;
	 * see {@link #refinePeak}), give the margin (m_bone - m_background) / 2 (the distance from
	 * either peak to the half-way level) and the noise max(sd_background, sd_bone). The smoothing
	 * is the smallest sigma (steps of 0.05 voxel) whose discrete kernel brings the noise sd to at
	 * most margin / {@link #AUTO_SIGMA_MARGIN_SD},
	 * never more than {@link CtSettings#AUTO_SIGMA_VOXELS} (the former default, used as well when
	 * the noise cannot be measured: no distinct peak on one side of the threshold (a class whose
	 * highest bin touches the threshold), too few voxels beside a peak, as in a noise-free image, or
	 * the sd's quantile falling on values clipped at the end of the grey range). The end values
	 * of the grey range (clipped voxels) are never taken as a peak.
	 *
	 * @param image grey values with their spacing
	 */
	public static AutoSigma autoSigma(ShortVolume image, Parallel parallel) {
		org.bonelesion.core.Spacing sp = image.requireSpacing();
		double smallest = Math.min(sp.x(), Math.min(sp.y(), image.depth() > 1 ? sp.z() : sp.y()));
		double cap = CtSettings.AUTO_SIGMA_VOXELS * smallest;
		long[] h = Thresholds.histogram(image, null, parallel);
		int t = Thresholds.threshold16(h, Thresholds.Method.OTSU);
		int min = -1, max = -1;
		for (int i = 0; i < h.length; i++) {
			if (h[i] > 0) {
				if (min < 0) min = i;
				max = i;
			}
		}
		if (min < 0 || min == max || t >= max) return new AutoSigma(cap, Double.NaN, Double.NaN, "noise not measurable (too few grey values): the default 0.8 voxel");
		long[] bins = Thresholds.bin256(h, min, max);
		int tb = Thresholds.bin256Index(t, min, max);
		// the end bins hold the values clipped at the ends of the grey range (air at 0, saturated
		// voxels): never a peak
		int lowMode = -1, highMode = -1;
		for (int b = 1; b <= Math.min(tb, 254); b++) if (lowMode < 0 || bins[b] > bins[lowMode]) lowMode = b;
		for (int b = 254; b > Math.max(tb, 0); b--) if (highMode < 0 || bins[b] > bins[highMode]) highMode = b;
		// a class whose highest bin touches the threshold has no peak of its own (a tail or plateau)
		if (lowMode < 0 || highMode < 0 || lowMode == tb || highMode == tb + 1) {
			return new AutoSigma(cap, Double.NaN, Double.NaN, "noise not measurable (no distinct background and bone peaks): the default 0.8 voxel");
		}
		double width = (max - min) / 256.0;
		double mLow = min + (lowMode + 0.5) * width, mHigh = min + (highMode + 0.5) * width;
		double[] low = refinePeak(h, mLow, -1, min, max), high = refinePeak(h, mHigh, +1, min, max);
		mLow = low[0];
		mHigh = high[0];
		double sdLow = low[1], sdHigh = high[1];
		if (Double.isNaN(sdLow) || Double.isNaN(sdHigh)) {
			return new AutoSigma(cap, Double.NaN, Double.NaN, "noise not measurable beside the background or bone peak: the default 0.8 voxel");
		}
		double noise = Math.max(sdLow, sdHigh);
		// half the peaks' distance: the half-way (ISO-50) level's distance from either peak; Otsu's
		// own threshold may sit anywhere in an empty gap between well separated peaks
		double margin = (mHigh - mLow) / 2;
		for (int k = 0;; k++) {
			double sigma = k * AUTO_SIGMA_STEP_VOXELS * smallest;
			if (sigma >= cap - 1e-12) return new AutoSigma(cap, noise, margin, "noise needs the most smoothing allowed, 0.8 voxel");
			if (noise * noiseGain(sp, image.depth() > 1, sigma) <= margin / AUTO_SIGMA_MARGIN_SD) {
				return new AutoSigma(sigma, noise, margin, "the smallest smoothing keeping the noise sd under 1/10 of the distance between the background and bone peaks");
			}
		}
	}

	/**
	 * A peak's centre and noise sd, {centre, sd} (sd NaN when not measurable): from the bin mode,
	 * three rounds of sd on the outer side, then the centre as the mean grey within one sd of it
	 * (unbiased for a symmetric peak; the bin mode alone wanders by a bin or two and biased the
	 * sd by several per cent).
	 */
	static double[] refinePeak(long[] h, double mode, int direction, int min, int max) {
		double m = mode, sd = Double.NaN;
		for (int round = 0; round < 3; round++) {
			sd = outerSd(h, m, direction, min, max);
			if (Double.isNaN(sd)) return new double[] { m, Double.NaN };
			int from = (int) Math.max(min, Math.ceil(m - sd)), to = (int) Math.min(max, Math.floor(m + sd));
			double sum = 0;
			long n = 0;
			for (int v = from; v <= to; v++) {
				sum += (double) v * h[v];
				n += h[v];
			}
			if (n > 0) m = sum / n;
		}
		return new double[] { m, outerSd(h, m, direction, min, max) };
	}

	/**
	 * The noise sd on the outer side of a peak at {@code mode}: direction -1 looks below it, +1
	 * above it; NaN with too few voxels there.
	 */
	static double outerSd(long[] h, double mode, int direction, int min, int max) {
		long outer = 0;
		if (direction < 0) {
			for (int v = min; v < mode; v++) outer += h[v];
		} else {
			for (int v = max; v > mode; v--) outer += h[v];
		}
		if (outer < AUTO_SIGMA_MIN_VOXELS) return Double.NaN;
		double target = outer * (0.158655 / 0.5);
		long c = 0;
		// the quantile falling on the end value (clipped voxels) would not measure the noise
		if (direction < 0) {
			for (int v = min; v < mode; v++) {
				c += h[v];
				if (c >= target) return v == min ? Double.NaN : mode - v;
			}
		} else {
			for (int v = max; v > mode; v--) {
				c += h[v];
				if (c >= target) return v == max ? Double.NaN : v - mode;
			}
		}
		return Double.NaN;
	}

	/**
	 * The factor by which Gaussian smoothing of {@code sigmaMm} (the discrete kernels of
	 * {@link Gaussian}) scales the sd of white noise: the root of the summed squared weights.
	 */
	static double noiseGain(org.bonelesion.core.Spacing sp, boolean threeD, double sigmaMm) {
		if (sigmaMm <= 0) return 1;
		double g = axisGain(sigmaMm / sp.x()) * axisGain(sigmaMm / sp.y());
		if (threeD) g *= axisGain(sigmaMm / sp.z());
		return g;
	}

	private static double axisGain(double sigmaVoxels) {
		float[] k = Gaussian.halfKernel(sigmaVoxels);
		double s = k[0] * (double) k[0];
		for (int i = 1; i < k.length; i++) s += 2 * k[i] * (double) k[i];
		return Math.sqrt(s);
	}

	/** "63 grey" or "650 mgHA/cm^3 (grey 1234)". */
	static String describe(CtSegmentation.Threshold t) {
		if (t.unit().equals("grey")) return t.raw() + " (grey)";
		return String.format(java.util.Locale.ROOT, "%.1f %s (grey %d)", t.physical(), t.unit(), t.raw());
	}

	/** The threshold on the smoothed image. */
	static CtSegmentation.Threshold threshold(ShortVolume smooth, ValueCalibration values, CtSettings s, Parallel parallel) {
		boolean density = values.isDensity();
		String unit = density ? values.unit() : "grey";
		if (s.fixedThreshold()) {
			double v = s.thresholdValue();
			double rawValue = v;
			if (density) {
				if (!(values.slope() > 0)) throw new UserInputException("the density calibration decreases with grey value; a fixed threshold cannot be applied");
				rawValue = values.invert(v);
			}
			int raw = (int) Math.max(0, Math.min(65536, Math.ceil(rawValue - 1e-9)));
			return new CtSegmentation.Threshold("fixed", raw, density ? values.apply(raw) : raw, unit);
		}
		long[] hist = Thresholds.histogram(smooth, null, parallel);
		int t = Thresholds.threshold16(hist, s.threshold().equals("otsu") ? Thresholds.Method.OTSU : Thresholds.Method.ISODATA);
		int raw = t + 1;
		return new CtSegmentation.Threshold(s.threshold(), raw, density ? values.apply(raw) : raw, unit);
	}

	/** {min, max} grey value. */
	static int[] range(ShortVolume v, Parallel parallel) {
		int d = v.depth();
		int[] mins = new int[d], maxs = new int[d];
		parallel.forRange(0, d, z -> {
			int mn = 65535, mx = 0;
			for (short s : v.slice(z)) {
				int g = s & 0xffff;
				if (g < mn) mn = g;
				if (g > mx) mx = g;
			}
			mins[z] = mn;
			maxs[z] = mx;
		});
		int mn = 65535, mx = 0;
		for (int z = 0; z < d; z++) {
			mn = Math.min(mn, mins[z]);
			mx = Math.max(mx, maxs[z]);
		}
		return new int[] { mn, mx };
	}
}
