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
 * Bone segmentation: Gaussian smoothing, one global threshold (Otsu, IsoData, or a fixed value
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
		ShortVolume smooth = s.sigmaMm() > 0 ? Gaussian.smooth(image, s.sigmaMm(), parallel) : image;
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
