package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;

/**
 * Grey-level histograms and global thresholds that agree bin for bin with ImageJ 1.x's
 * {@code ij.process.AutoThresholder} (1.54p) on the same histogram.
 *
 * <p>Convention (ImageJ's): a threshold {@code t} returned for a histogram splits it into
 * bins {@code <= t} (one class) and bins {@code > t} (the other). Like
 * {@code AutoThresholder.getThreshold}: a histogram with only one or two occupied bins gets
 * the bin just below the highest occupied one; a histogram longer than 256 bins is first
 * trimmed to its occupied range; a method that finds nothing gives 0 (plus the trim offset).
 *
 * <p>Counts are {@code long}. ImageJ sums some of them in 32-bit {@code int}; on
 * histograms whose sums (of counts and of count x bin) fit in an {@code int}, the results
 * are identical, beyond that ours are the correct, non-overflowed ones.
 *
 * <p>16-bit images: {@link #threshold16} bins the 65536-bin histogram into 256 bins between
 * the lowest and highest occupied grey values, as ImageJ does for a 16-bit image in its
 * Threshold dialog and {@code setAutoThreshold}, thresholds that, and maps the bin back to a
 * grey value. {@link #threshold} applied directly to the 65536-bin histogram is ImageJ's
 * "16-bit histogram" variant (full resolution); IsoData-type methods depend on the binning,
 * so the two may differ by a little more than one 256th of the grey range.
 */
public final class Thresholds {

	/** The thresholding methods, named as in ImageJ. */
	public enum Method {
		/** ImageJ's "Default": IJ_IsoData with the dominant mode damped (see {@link #DEFAULT}). */
		DEFAULT,
		/** ImageJ's "IJ_IsoData": iterative intermeans over the histogram without its end bins. */
		IJ_ISODATA,
		/** Ridler and Calvard's IsoData as in ImageJ's "IsoData". */
		ISODATA,
		/** Otsu's maximum between-class variance. */
		OTSU
	}

	/** Number of bins of a 16-bit histogram. */
	public static final int BINS_16 = 65536;

	private Thresholds() {
	}

	/**
	 * The 65536-bin histogram of a 16-bit volume, counting only voxels where {@code mask} is
	 * non-zero (all voxels if {@code mask} is null).
	 */
	public static long[] histogram(ShortVolume v, ByteVolume mask, Parallel parallel) {
		if (mask != null) v.requireSameShape(mask);
		int d = v.depth();
		// One histogram per block of slices, merged afterwards: integer sums do not depend on order.
		int blocks = Math.min(d, parallel.threads() == 1 ? 1 : parallel.threads() * 2);
		long[][] perBlock = new long[blocks][];
		parallel.forRange(0, blocks, b -> {
			int z0 = (int) ((long) d * b / blocks);
			int z1 = (int) ((long) d * (b + 1) / blocks);
			int[] h = new int[BINS_16];
			long[] acc = new long[BINS_16];
			for (int z = z0; z < z1; z++) {
				short[] s = v.slice(z);
				if (mask == null) {
					for (short value : s) h[value & 0xffff]++;
				} else {
					byte[] m = mask.slice(z);
					for (int i = 0; i < s.length; i++) if (m[i] != 0) h[s[i] & 0xffff]++;
				}
				// flush per slice so int counters cannot overflow
				for (int i = 0; i < BINS_16; i++) {
					acc[i] += h[i];
					h[i] = 0;
				}
			}
			perBlock[b] = acc;
		});
		long[] hist = new long[BINS_16];
		for (long[] p : perBlock) for (int i = 0; i < BINS_16; i++) hist[i] += p[i];
		return hist;
	}

	/**
	 * The threshold of a 16-bit volume's grey values (inside {@code mask} if not null), as a
	 * grey value: {@link #threshold16} of its {@link #histogram}. Voxels {@code <=} the result
	 * form the lower (darker) class.
	 */
	public static int threshold(ShortVolume v, ByteVolume mask, Method method, Parallel parallel) {
		return threshold16(histogram(v, mask, parallel), method);
	}

	/** ImageJ's "Default" threshold bin of a histogram. */
	public static int isoDataDefault(long[] histogram) {
		return threshold(histogram, Method.DEFAULT);
	}

	/** ImageJ's "IsoData" threshold bin of a histogram. */
	public static int isoData(long[] histogram) {
		return threshold(histogram, Method.ISODATA);
	}

	/** Otsu's threshold bin of a histogram (as ImageJ's "Otsu"). */
	public static int otsu(long[] histogram) {
		return threshold(histogram, Method.OTSU);
	}

	/**
	 * The threshold bin of a histogram of any length, as {@code AutoThresholder.getThreshold}
	 * computes it.
	 */
	public static int threshold(long[] histogram, Method method) {
		if (histogram == null || histogram.length == 0) throw new IllegalArgumentException("histogram is empty");
		int two = twoLevels(histogram);
		if (two >= 0) return two;
		long[] h = histogram;
		int offset = 0;
		if (histogram.length > 256) {
			int first = -1;
			int last = -1;
			for (int i = 0; i < histogram.length; i++) {
				if (histogram[i] > 0) {
					if (first < 0) first = i;
					last = i;
				}
			}
			if (first < 0) {
				first = 0;
				last = histogram.length - 1;
			}
			h = java.util.Arrays.copyOfRange(histogram, first, last + 1);
			offset = first;
		}
		int t = switch (method) {
			case DEFAULT -> defaultIsoData(h);
			case IJ_ISODATA -> ijIsoData(h.clone());
			case ISODATA -> ridlerIsoData(h);
			case OTSU -> otsuBin(h);
		};
		if (t == -1) t = 0;
		return t + offset;
	}

	/**
	 * Threshold of a 65536-bin 16-bit histogram, computed on 256 bins spanning the occupied
	 * grey range [min, max] (bin of grey v: {@code (int)((v - min) * 256.0 / (max - min))},
	 * 255 for v = max) and returned as the highest grey value whose bin is at or below the
	 * threshold bin: voxels {@code <= } the result form the lower class. Returns the single
	 * grey value of a histogram with one occupied value, and 0 for an empty histogram.
	 */
	public static int threshold16(long[] histogram16, Method method) {
		if (histogram16.length != BINS_16) throw new IllegalArgumentException("a 16-bit histogram has 65536 bins, got " + histogram16.length);
		int min = -1;
		int max = -1;
		for (int i = 0; i < BINS_16; i++) {
			if (histogram16[i] > 0) {
				if (min < 0) min = i;
				max = i;
			}
		}
		if (min < 0) return 0;
		if (min == max) return min;
		long[] binned = bin256(histogram16, min, max);
		int level = threshold(binned, method);
		int t = min;
		for (int v = min; v <= max; v++) {
			if (bin256Index(v, min, max) <= level) t = v;
			else break;
		}
		return t;
	}

	/** The 256-bin histogram of a 16-bit histogram between min and max, as {@link #threshold16} bins it. */
	public static long[] bin256(long[] histogram16, int min, int max) {
		long[] b = new long[256];
		for (int v = min; v <= max; v++) b[bin256Index(v, min, max)] += histogram16[v];
		return b;
	}

	/** The bin (0..255) of grey value v when [min, max] is split into 256 bins. */
	public static int bin256Index(int v, int min, int max) {
		if (max <= min) return 0;
		int i = (int) ((v - min) * 256.0 / (max - min));
		return Math.min(255, Math.max(0, i));
	}

	/** ImageJ's bilevel rule: one or two occupied bins give the highest one minus 1. */
	private static int twoLevels(long[] h) {
		int first = -1;
		int second = -1;
		int occupied = 0;
		for (int i = 0; i < h.length; i++) {
			if (h[i] > 0) {
				occupied++;
				if (occupied > 2) return -1;
				if (first == -1) first = i;
				else second = i;
			}
		}
		if (occupied == 1) return first - 1;
		if (occupied == 2) return second - 1;
		return -1;
	}

	/** "Default": a mode more than twice the next highest bin is cut to 1.5 times it, then IJ_IsoData. */
	private static int defaultIsoData(long[] h) {
		long[] c = h.clone();
		int mode = 0;
		long modeCount = 0;
		for (int i = 0; i < c.length; i++) {
			if (c[i] > modeCount) {
				modeCount = c[i];
				mode = i;
			}
		}
		long second = 0;
		for (int i = 0; i < c.length; i++) {
			if (c[i] > second && i != mode) second = c[i];
		}
		if (modeCount > second * 2 && second != 0) c[mode] = (long) (second * 1.5);
		return ijIsoData(c);
	}

	/** IJ_IsoData on a histogram it may modify: end bins ignored, intermeans moved up until stable. */
	private static int ijIsoData(long[] h) {
		int last = h.length - 1;
		h[0] = 0;
		h[last] = 0;
		int min = 0;
		while (h[min] == 0 && min < last) min++;
		int max = last;
		while (h[max] == 0 && max > 0) max--;
		if (min >= max) return h.length / 2;
		int moving = min;
		double result;
		do {
			double sumLow = 0;
			double countLow = 0;
			double sumHigh = 0;
			double countHigh = 0;
			for (int i = min; i <= moving; i++) {
				sumLow += (double) i * h[i];
				countLow += h[i];
			}
			for (int i = moving + 1; i <= max; i++) {
				sumHigh += (double) i * h[i];
				countHigh += h[i];
			}
			result = (sumLow / countLow + sumHigh / countHigh) / 2.0;
			moving++;
		} while ((moving + 1) <= result && moving < max - 1);
		return (int) Math.round(result);
	}

	/**
	 * Ridler and Calvard's IsoData in ImageJ's form: the candidate bin g itself belongs to
	 * neither class, class means are truncated to integers, and the first g equal to the
	 * rounded midpoint of the means wins; -1 if none.
	 */
	private static int ridlerIsoData(long[] h) {
		int g = 0;
		for (int i = 1; i < h.length; i++) {
			if (h[i] > 0) {
				g = i + 1;
				break;
			}
		}
		while (true) {
			long low = 0;
			long lowCount = 0;
			for (int i = 0; i < g; i++) {
				lowCount += h[i];
				low += h[i] * i;
			}
			long high = 0;
			long highCount = 0;
			for (int i = g + 1; i < h.length; i++) {
				highCount += h[i];
				high += h[i] * i;
			}
			if (lowCount > 0 && highCount > 0) {
				low /= lowCount;
				high /= highCount;
				if (g == (int) Math.round((low + high) / 2.0)) return g;
			}
			g++;
			if (g > h.length - 2) return -1;
		}
	}

	/**
	 * Otsu's method as Celebi formulates it (the form ImageJ uses): maximise
	 * {@code (mu_T * omega_k - mu_k)^2 / (omega_k (1 - omega_k))} over k, first maximum wins.
	 * The floating-point operations are done in the same order as ImageJ so that ties and
	 * near-ties resolve to the same bin.
	 */
	private static int otsuBin(long[] h) {
		int n = h.length;
		long total = 0;
		for (long c : h) total += c;
		double norm = 1.0 / total;
		double[] cumulative = new double[n];
		double[] mean = new double[n];
		cumulative[0] = norm * h[0];
		for (int i = 1; i < n; i++) cumulative[i] = cumulative[i - 1] + norm * h[i];
		mean[0] = 0;
		for (int i = 1; i < n; i++) mean[i] = mean[i - 1] + i * (norm * h[i]);
		double totalMean = mean[n - 1];
		int best = Integer.MIN_VALUE;
		double bestVariance = 0;
		for (int i = 0; i < n; i++) {
			double v = totalMean * cumulative[i] - mean[i];
			v *= v / (cumulative[i] * (1.0 - cumulative[i]));
			if (bestVariance < v) {
				bestVariance = v;
				best = i;
			}
		}
		return best;
	}
}
