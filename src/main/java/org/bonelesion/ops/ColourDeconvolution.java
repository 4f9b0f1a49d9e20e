package org.bonelesion.ops;

import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;

/**
 * Colour deconvolution (Ruifrok &amp; Johnston 2001): a brightfield RGB image is turned into
 * optical densities per channel and then into the amount of each of three stains.
 *
 * <p>Optical density of channel c with intensity {@code I} (0..255) and background (blank
 * glass) intensity {@code I0_c}: {@code OD = -log10((I + 1) / (I0_c + 1))}. The +1 keeps black
 * pixels finite (OD at most log10(I0 + 1), 2.41 for I0 = 255) and makes a pixel at the
 * background intensity exactly 0. ODs are not clipped, so pixels brighter than the background
 * get small negative values and the amounts stay linear in the ODs. The background defaults
 * to 255 in every channel; {@link StainEstimation#estimateBackground} estimates it from the
 * image.
 *
 * <p>Amounts: {@code c = od * M^-1} (see {@link StainMatrix}), in OD units: an amount of 1 is
 * the quantity of stain whose OD vector has unit length. All arithmetic goes through
 * per-channel lookup tables of 256 entries, so each pixel costs three table reads and two
 * additions per stain, and the result is identical whatever the tiling or thread count.
 *
 * <p>Scale: the whole-image methods produce only the outputs asked for (one float per pixel
 * and stain); {@link #forEachRowBlock} streams row blocks with one buffer per block for
 * images whose outputs should never exist whole, and the array methods work on any tile of
 * packed pixels.
 */
public final class ColourDeconvolution {

	/** Default background (blank glass) intensity. */
	public static final double DEFAULT_BACKGROUND = 255;

	private final StainMatrix stains;
	private final double[] background;
	/** od[c][I]: optical density of channel c at intensity I. */
	private final float[][] od;
	/** amount[k][c][I]: contribution of channel c at intensity I to stain k's amount. */
	private final float[][][] amount;

	/** Deconvolution with the background 255 in every channel. */
	public ColourDeconvolution(StainMatrix stains) {
		this(stains, new double[] { DEFAULT_BACKGROUND, DEFAULT_BACKGROUND, DEFAULT_BACKGROUND });
	}

	/**
	 * Deconvolution with a background intensity per channel (red, green, blue), each in
	 * (0, 255].
	 */
	public ColourDeconvolution(StainMatrix stains, double[] background) {
		if (background.length != 3) throw new IllegalArgumentException("background needs 3 values (red, green, blue)");
		for (double b : background) {
			if (!(b > 0 && b <= 255)) throw new org.bonelesion.core.UserInputException("background intensity must be in (0, 255], got " + b);
		}
		this.stains = stains;
		this.background = background.clone();
		od = new float[3][256];
		amount = new float[3][3][256];
		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < 256; i++) {
				double d = opticalDensity(i, background[c]);
				od[c][i] = (float) d;
				for (int k = 0; k < 3; k++) amount[k][c][i] = (float) (d * stains.inverse(c, k));
			}
		}
	}

	/** {@code -log10((intensity + 1) / (background + 1))}. */
	public static double opticalDensity(int intensity, double background) {
		return -Math.log10((intensity + 1.0) / (background + 1.0));
	}

	public StainMatrix stains() {
		return stains;
	}

	/** Background intensities (red, green, blue); a copy. */
	public double[] background() {
		return background.clone();
	}

	/** Concentration (amount) of stain k for one packed 0xRRGGBB pixel. */
	public float concentration(int rgb, int stain) {
		float[][] t = amount[stain];
		return t[0][(rgb >> 16) & 0xff] + t[1][(rgb >> 8) & 0xff] + t[2][rgb & 0xff];
	}

	/** Optical density of channel c (0 red, 1 green, 2 blue) at an 8-bit intensity. */
	public float opticalDensityOf(int channel, int intensity) {
		return od[channel][intensity];
	}

	/**
	 * Tile API: concentrations (amounts) of the stains for the packed pixels {@code rgb[from..to)}, written to
	 * {@code out[k][outFrom + (i - from)]} for every stain k whose {@code out[k]} is not null.
	 */
	public void concentrations(int[] rgb, int from, int to, float[][] out, int outFrom) {
		for (int k = 0; k < 3; k++) {
			float[] o = out[k];
			if (o == null) continue;
			float[] tr = amount[k][0], tg = amount[k][1], tb = amount[k][2];
			for (int i = from, j = outFrom; i < to; i++, j++) {
				int p = rgb[i];
				o[j] = tr[(p >> 16) & 0xff] + tg[(p >> 8) & 0xff] + tb[p & 0xff];
			}
		}
	}

	/**
	 * Tile API: optical densities (red, green, blue) of {@code rgb[from..to)} into
	 * {@code out[c][outFrom + (i - from)]} for every channel whose {@code out[c]} is not null.
	 */
	public void opticalDensities(int[] rgb, int from, int to, float[][] out, int outFrom) {
		for (int c = 0; c < 3; c++) {
			float[] o = out[c];
			if (o == null) continue;
			float[] t = od[c];
			int shift = 16 - 8 * c;
			for (int i = from, j = outFrom; i < to; i++, j++) o[j] = t[(rgb[i] >> shift) & 0xff];
		}
	}

	/** Concentration image of one stain (0, 1 or 2): a depth-1 FloatVolume with the image's pixel size. */
	public FloatVolume concentration(RgbImage image, int stain, Parallel parallel) {
		boolean[] want = new boolean[3];
		want[stain] = true;
		return concentrations(image, want, parallel)[stain];
	}

	/** Concentration images of all three stains. */
	public FloatVolume[] concentrations(RgbImage image, Parallel parallel) {
		return concentrations(image, new boolean[] { true, true, true }, parallel);
	}

	/** Concentration images of the stains with {@code want[k]} true (others null). */
	public FloatVolume[] concentrations(RgbImage image, boolean[] want, Parallel parallel) {
		FloatVolume[] vols = new FloatVolume[3];
		float[][] out = new float[3][];
		for (int k = 0; k < 3; k++) {
			if (!want[k]) continue;
			vols[k] = new FloatVolume(image.width(), image.height(), 1, spacing(image));
			out[k] = vols[k].slice(0);
		}
		int w = image.width();
		int[] px = image.pixels();
		parallel.forBlocks(0, image.height(), (y0, y1) -> concentrations(px, y0 * w, y1 * w, out, y0 * w));
		return vols;
	}

	/** Optical-density image: depth 3, slice 0 red, 1 green, 2 blue. */
	public FloatVolume opticalDensity(RgbImage image, Parallel parallel) {
		FloatVolume v = new FloatVolume(image.width(), image.height(), 3, spacing(image));
		float[][] out = { v.slice(0), v.slice(1), v.slice(2) };
		int w = image.width();
		int[] px = image.pixels();
		parallel.forBlocks(0, image.height(), (y0, y1) -> opticalDensities(px, y0 * w, y1 * w, out, y0 * w));
		return v;
	}

	/** Receives the stain amounts of a block of rows. */
	@FunctionalInterface
	public interface RowBlockConsumer {
		/**
		 * @param y0 first row of the block
		 * @param y1 one past the last row
		 * @param amounts amounts[k][(y - y0) * width + x] for each stain k (buffers are the
		 *        block's own; copy what must outlive the call)
		 */
		void accept(int y0, int y1, float[][] amounts);
	}

	/**
	 * Streams the image in blocks of {@code rowsPerBlock} rows, blocks running in parallel:
	 * memory is one block's amounts per running thread, not the whole image's. The consumer
	 * must be thread-safe for different blocks (write disjoint outputs).
	 */
	public void forEachRowBlock(RgbImage image, int rowsPerBlock, Parallel parallel, RowBlockConsumer consumer) {
		if (rowsPerBlock <= 0) throw new IllegalArgumentException("rowsPerBlock must be positive");
		int w = image.width(), h = image.height();
		int blocks = (h + rowsPerBlock - 1) / rowsPerBlock;
		int[] px = image.pixels();
		parallel.forRange(0, blocks, b -> {
			int y0 = b * rowsPerBlock, y1 = Math.min(h, y0 + rowsPerBlock);
			int n = (y1 - y0) * w;
			float[][] buf = { new float[n], new float[n], new float[n] };
			concentrations(px, y0 * w, y1 * w, buf, 0);
			consumer.accept(y0, y1, buf);
		});
	}

	private static Spacing spacing(RgbImage image) {
		Spacing s = image.spacing();
		return s;
	}
}
