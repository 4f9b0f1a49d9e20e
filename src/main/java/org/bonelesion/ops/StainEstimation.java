package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.UserInputException;

/**
 * Stain vectors and background estimated from an image. All sums are accumulated over fixed
 * row blocks (independent of the thread count) and added in block order, so the results are
 * identical on any number of threads.
 */
public final class StainEstimation {

	/** Rows per accumulation block (fixed so that sums do not depend on the thread count). */
	private static final int BLOCK_ROWS = 32;
	/** Angle histogram resolution for Macenko's percentiles: 2 pi / 65536 = 0.0055 degrees. */
	private static final int ANGLE_BINS = 1 << 16;

	private StainEstimation() {
	}

	/** Options of Macenko's method: OD threshold beta and percentile alpha (in %). */
	public record MacenkoOptions(double odThreshold, double percentile) {
		/** Macenko et al.'s defaults: beta = 0.15, alpha = 1 %. */
		public static final MacenkoOptions DEFAULTS = new MacenkoOptions(0.15, 1.0);

		public MacenkoOptions {
			if (!(odThreshold >= 0)) throw new IllegalArgumentException("OD threshold must be >= 0, got " + odThreshold);
			if (!(percentile >= 0 && percentile < 50)) throw new IllegalArgumentException("percentile must be in [0, 50), got " + percentile);
		}
	}

	/**
	 * Background (blank glass) intensity per channel: the mean colour of the brightest 1 % of
	 * pixels by R + G + B. Meant for images that include some glass; on a fully covered
	 * field it returns the brightest tissue, so give the background explicitly there.
	 */
	public static double[] estimateBackground(RgbImage image, Parallel parallel) {
		int[] px = image.pixels();
		int w = image.width(), h = image.height();
		int blocks = (h + BLOCK_ROWS - 1) / BLOCK_ROWS;
		long[][] hist = new long[blocks][];
		parallel.forRange(0, blocks, b -> {
			long[] hs = new long[766];
			for (int i = b * BLOCK_ROWS * w, e = Math.min(h, (b + 1) * BLOCK_ROWS) * w; i < e; i++) {
				int p = px[i];
				hs[((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)]++;
			}
			hist[b] = hs;
		});
		long[] total = new long[766];
		for (long[] hs : hist) for (int i = 0; i < 766; i++) total[i] += hs[i];
		long want = Math.max(1, (long) Math.ceil(0.01 * px.length));
		long seen = 0;
		int cut = 765;
		while (cut > 0 && seen + total[cut] < want) seen += total[cut--];
		int threshold = cut;
		long[][] sums = new long[blocks][];
		parallel.forRange(0, blocks, b -> {
			long[] s = new long[4];
			for (int i = b * BLOCK_ROWS * w, e = Math.min(h, (b + 1) * BLOCK_ROWS) * w; i < e; i++) {
				int p = px[i];
				int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, bl = p & 0xff;
				if (r + g + bl < threshold) continue;
				s[0] += r;
				s[1] += g;
				s[2] += bl;
				s[3]++;
			}
			sums[b] = s;
		});
		long[] s = new long[4];
		for (long[] part : sums) for (int i = 0; i < 4; i++) s[i] += part[i];
		double[] bg = new double[3];
		for (int c = 0; c < 3; c++) bg[c] = Math.max(1, (double) s[c] / s[3]);
		return bg;
	}

	/** {@link #macenko(RgbImage, double[], MacenkoOptions, Parallel)} with the default options. */
	public static StainMatrix macenko(RgbImage image, double[] background, Parallel parallel) {
		return macenko(image, background, MacenkoOptions.DEFAULTS, parallel);
	}

	/**
	 * Macenko et al. (ISBI 2009): the two stain vectors of a two-stain image. Pixels whose OD
	 * vector is longer than beta (tissue) are kept (the original drops a pixel when ANY channel
	 * is below beta, which discards pure stains with one weak channel, such as eosin's red); the plane of the two largest principal
	 * directions of their OD vectors (eigenvectors of the uncentred 3x3 second-moment matrix,
	 * i.e. the SVD of the OD matrix) is found; each pixel's angle in that plane is taken, and
	 * the directions at the alpha and (100 - alpha) percentiles of the angle are the stains.
	 * The stain with the larger red OD comes first (haematoxylin before eosin); the third row
	 * is the residual (cross product).
	 *
	 * @throws UserInputException if fewer than 100 pixels are stained
	 */
	public static StainMatrix macenko(RgbImage image, double[] background, MacenkoOptions options, Parallel parallel) {
		StainVector[] v = macenkoVectors(image, background, options, parallel);
		StainVector a = v[0].withName("Stain 1"), b = v[1].withName("Stain 2");
		return a.r() >= b.r() ? StainMatrix.of(a, b) : StainMatrix.of(b.withName("Stain 1"), a.withName("Stain 2"));
	}

	/**
	 * Macenko's method with the two estimated vectors matched to two reference stains (the
	 * pairing with the smaller total angle wins) and named after them, e.g. TRAP and
	 * haematoxylin; the third row is the residual.
	 */
	public static StainMatrix macenko(RgbImage image, double[] background, MacenkoOptions options, Parallel parallel,
			StainVector firstReference, StainVector secondReference) {
		StainVector[] v = macenkoVectors(image, background, options, parallel);
		double straight = v[0].angleDegrees(firstReference) + v[1].angleDegrees(secondReference);
		double crossed = v[1].angleDegrees(firstReference) + v[0].angleDegrees(secondReference);
		StainVector a = straight <= crossed ? v[0] : v[1];
		StainVector b = straight <= crossed ? v[1] : v[0];
		return StainMatrix.of(a.withName(firstReference.name()), b.withName(secondReference.name()));
	}

	private static StainVector[] macenkoVectors(RgbImage image, double[] background, MacenkoOptions options, Parallel parallel) {
		double[][] od = odTables(background);
		int[] px = image.pixels();
		int w = image.width(), h = image.height();
		int blocks = (h + BLOCK_ROWS - 1) / BLOCK_ROWS;
		double beta2 = options.odThreshold() * options.odThreshold();
		// pass 1: second moments of the tissue ODs, per fixed block
		double[][] partial = new double[blocks][];
		parallel.forRange(0, blocks, b -> {
			double[] s = new double[7];
			for (int i = b * BLOCK_ROWS * w, e = Math.min(h, (b + 1) * BLOCK_ROWS) * w; i < e; i++) {
				int p = px[i];
				double r = od[0][(p >> 16) & 0xff], g = od[1][(p >> 8) & 0xff], bl = od[2][p & 0xff];
				if (r * r + g * g + bl * bl <= beta2) continue;
				s[0] += r * r;
				s[1] += r * g;
				s[2] += r * bl;
				s[3] += g * g;
				s[4] += g * bl;
				s[5] += bl * bl;
				s[6]++;
			}
			partial[b] = s;
		});
		double[] s = new double[7];
		for (double[] part : partial) for (int i = 0; i < 7; i++) s[i] += part[i];
		long tissue = (long) s[6];
		if (tissue < 100) {
			throw new UserInputException("too few stained pixels (" + tissue + ") to estimate stain vectors: is the image a brightfield stain on a light background?");
		}
		double[][] m = { { s[0], s[1], s[2] }, { s[1], s[3], s[4] }, { s[2], s[4], s[5] } };
		double[][] eig = SymmetricEigen3.vectorsByDecreasingValue(m);
		double[] e1 = eig[0], e2 = eig[1];
		if (e1[0] + e1[1] + e1[2] < 0) for (int c = 0; c < 3; c++) e1[c] = -e1[c];
		// pass 2: histogram of angles in the (e1, e2) plane, per fixed part
		int parts = 16;
		int[][] hist = new int[parts][];
		parallel.forRange(0, parts, q -> {
			int[] hs = new int[ANGLE_BINS];
			int y0 = (int) ((long) h * q / parts), y1 = (int) ((long) h * (q + 1) / parts);
			for (int i = y0 * w, e = y1 * w; i < e; i++) {
				int p = px[i];
				double r = od[0][(p >> 16) & 0xff], g = od[1][(p >> 8) & 0xff], bl = od[2][p & 0xff];
				if (r * r + g * g + bl * bl <= beta2) continue;
				double u = r * e1[0] + g * e1[1] + bl * e1[2];
				double v = r * e2[0] + g * e2[1] + bl * e2[2];
				hs[angleBin(Math.atan2(v, u))]++;
			}
			hist[q] = hs;
		});
		long[] total = new long[ANGLE_BINS];
		for (int[] hs : hist) for (int i = 0; i < ANGLE_BINS; i++) total[i] += hs[i];
		double lo = percentileAngle(total, tissue, options.percentile() / 100.0);
		double hi = percentileAngle(total, tissue, 1 - options.percentile() / 100.0);
		return new StainVector[] { inPlane(e1, e2, lo), inPlane(e1, e2, hi) };
	}

	private static int angleBin(double angle) {
		int bin = (int) ((angle + Math.PI) / (2 * Math.PI) * ANGLE_BINS);
		return Math.min(ANGLE_BINS - 1, Math.max(0, bin));
	}

	private static double percentileAngle(long[] hist, long n, double fraction) {
		long rank = Math.max(1, (long) Math.ceil(fraction * n));
		long seen = 0;
		for (int i = 0; i < hist.length; i++) {
			seen += hist[i];
			if (seen >= rank) return (i + 0.5) / ANGLE_BINS * 2 * Math.PI - Math.PI;
		}
		return Math.PI;
	}

	private static StainVector inPlane(double[] e1, double[] e2, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle);
		double r = c * e1[0] + s * e2[0], g = c * e1[1] + s * e2[1], b = c * e1[2] + s * e2[2];
		if (r + g + b < 0) {
			r = -r;
			g = -g;
			b = -b;
		}
		return new StainVector("estimated", r, g, b);
	}

	/**
	 * The vector of a single stain from a rectangle showing only that stain: the direction of
	 * the mean OD of its pixels whose summed OD exceeds 0.05 (glass left out).
	 */
	public static StainVector fromRegion(RgbImage image, int x0, int y0, int width, int height, double[] background, String name) {
		if (x0 < 0 || y0 < 0 || width <= 0 || height <= 0 || x0 + width > image.width() || y0 + height > image.height()) {
			throw new UserInputException("the region " + x0 + "," + y0 + " " + width + "x" + height + " is not inside the "
					+ image.width() + " x " + image.height() + " image");
		}
		double[][] od = odTables(background);
		double[] sum = new double[4];
		for (int y = y0; y < y0 + height; y++) {
			for (int x = x0; x < x0 + width; x++) accumulate(image.get(x, y), od, sum);
		}
		return fromSum(sum, name);
	}

	/** As {@link #fromRegion} for the pixels where a depth-1 mask of the image's size is nonzero. */
	public static StainVector fromMask(RgbImage image, ByteVolume mask, double[] background, String name) {
		if (mask.width() != image.width() || mask.height() != image.height() || mask.depth() != 1) {
			throw new UserInputException("the region mask is " + mask.dims() + " but the image is " + image.width() + " x " + image.height());
		}
		double[][] od = odTables(background);
		double[] sum = new double[4];
		byte[] m = mask.slice(0);
		int[] px = image.pixels();
		for (int i = 0; i < px.length; i++) if (m[i] != 0) accumulate(px[i], od, sum);
		return fromSum(sum, name);
	}

	private static void accumulate(int p, double[][] od, double[] sum) {
		double r = od[0][(p >> 16) & 0xff], g = od[1][(p >> 8) & 0xff], b = od[2][p & 0xff];
		if (r + g + b <= 0.05) return;
		sum[0] += r;
		sum[1] += g;
		sum[2] += b;
		sum[3]++;
	}

	private static StainVector fromSum(double[] sum, String name) {
		if (sum[3] == 0) throw new UserInputException("the region for stain '" + name + "' has no stained pixels (all look like background)");
		return new StainVector(name, sum[0], sum[1], sum[2]);
	}

	private static double[][] odTables(double[] background) {
		if (background.length != 3) throw new IllegalArgumentException("background needs 3 values (red, green, blue)");
		double[][] t = new double[3][256];
		for (int c = 0; c < 3; c++) for (int i = 0; i < 256; i++) t[c][i] = ColourDeconvolution.opticalDensity(i, background[c]);
		return t;
	}
}
