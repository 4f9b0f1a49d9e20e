package org.bonelesion.sample;

/**
 * The stain optical densities used to render the synthetic TRAP sections and culture wells
 * (Beer-Lambert: {@code I = 255 * 10^-(sum_k c_k OD_k)} per RGB channel, c_k the amount of
 * stain k at the pixel). Each vector is the optical density (R, G, B) of one unit of stain,
 * normalised to length 1.
 * <ul>
 * <li>{@link #HAEMATOXYLIN}: blue-purple nuclei; the Ruifrok and Johnston (2001) vector
 * (0.650, 0.704, 0.286).</li>
 * <li>{@link #TRAP}: the red-violet azo product of the TRAP reaction (naphthol AS-BI phosphate
 * with Fast Red Violet LB or Fast Garnet); absorbs green most, some blue:
 * (0.28, 0.88, 0.38) before normalising.</li>
 * <li>{@link #FAST_GREEN}: pale blue-green counterstain of bone matrix (Fast Green FCF or Light
 * Green SF absorb red): (0.83, 0.20, 0.52) before normalising.</li>
 * </ul>
 */
public final class StainVectors {

	private StainVectors() {}

	public static final double[] HAEMATOXYLIN = unit(0.650, 0.704, 0.286);
	public static final double[] TRAP = unit(0.28, 0.88, 0.38);
	public static final double[] FAST_GREEN = unit(0.83, 0.20, 0.52);
	/** Optical density of the empty slide (glass, mounting medium), every channel. */
	public static final double SLIDE_OD = 0.02;

	private static double[] unit(double r, double g, double b) {
		double n = Math.sqrt(r * r + g * g + b * b);
		return new double[] { r / n, g / n, b / n };
	}

	/**
	 * Renders stain amounts to packed RGB with Gaussian camera noise of {@code noiseSd} grey
	 * levels (from the given generator).
	 */
	static int rgb(double h, double t, double g, double noiseSd, java.util.Random rnd) {
		int out = 0;
		for (int c = 0; c < 3; c++) {
			double od = SLIDE_OD + h * HAEMATOXYLIN[c] + t * TRAP[c] + g * FAST_GREEN[c];
			double v = 255 * Math.pow(10, -od) + noiseSd * rnd.nextGaussian();
			int q = (int) Math.max(0, Math.min(255, Math.round(v)));
			out = (out << 8) | q;
		}
		return out;
	}
}
