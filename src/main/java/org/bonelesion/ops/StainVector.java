package org.bonelesion.ops;

import java.util.List;
import java.util.Locale;

/**
 * The optical-density colour of one stain: how much a unit amount of it absorbs in the red,
 * green and blue channels, as a unit vector (Ruifrok &amp; Johnston 2001). The constructor
 * normalises; components may be negative only for a completing (residual) vector.
 *
 * <p>Where the named vectors come from:
 * <ul>
 * <li>{@link #HAEMATOXYLIN}, {@link #EOSIN}: the H&amp;E vectors of Ruifrok &amp; Johnston
 * (Anal Quant Cytol Histol 23:291, 2001) as distributed with G. Landini's Colour
 * Deconvolution plugin (0.644211, 0.716556, 0.266844) and (0.092789, 0.954111, 0.283111).</li>
 * <li>{@link #DAB}: Ruifrok &amp; Johnston's DAB vector (0.268, 0.570, 0.776).</li>
 * <li>{@link #FAST_RED}: the Fast Red vector of Landini's "FastRed FastBlue DAB" set
 * (0.21393921, 0.85112669, 0.47794022).</li>
 * <li>{@link #METHYL_GREEN}: Landini's "Methyl Green DAB" set (0.98003, 0.144316, 0.133146).</li>
 * <li>{@link #ANILINE_BLUE}: Landini's "Azan-Mallory" aniline blue (0.853033, 0.508733, 0.112656).</li>
 * <li>{@link #FAST_GREEN}: no measured vector is published for Fast Green FCF; it is a
 * triarylmethane dye with practically the absorption spectrum of Light Green SF (peak 625 vs
 * 630 nm, same secondary band near 425 nm), so Ruifrok's Light Green vector (Landini's
 * "Feulgen Light Green" set: 0.94705542, 0.25373821, 0.19650764) is used.</li>
 * <li>{@link #TRAP}: the red-violet azo dye formed by naphthol AS-BI phosphate and Fast Red
 * Violet LB salt, for which no measured vector is published. It is DERIVED with
 * {@link #fromAbsorptionBand} from an absorption band centred at 540 nm (standard deviation
 * 30 nm): the dye looks red-violet (magenta) because it absorbs green, and 540 nm is the
 * middle of the green band, the complement of magenta. The result is about 20 degrees from
 * haematoxylin, so TRAP/haematoxylin amounts are more noise-sensitive than H&amp;E. That model reproduces the
 * published Fast Red vector within about 3 degrees (tested) but is only approximate; on real
 * slides prefer {@link StainEstimation#fromRegion} or {@link StainEstimation#macenko}.</li>
 * </ul>
 */
public record StainVector(String name, double r, double g, double b) {

	/** Haematoxylin (H&amp;E), Ruifrok &amp; Johnston 2001. */
	public static final StainVector HAEMATOXYLIN = new StainVector("Haematoxylin", 0.644211, 0.716556, 0.266844);
	/** Eosin, Ruifrok &amp; Johnston 2001. */
	public static final StainVector EOSIN = new StainVector("Eosin", 0.092789, 0.954111, 0.283111);
	/** DAB (3,3'-diaminobenzidine), Ruifrok &amp; Johnston 2001. */
	public static final StainVector DAB = new StainVector("DAB", 0.268, 0.570, 0.776);
	/** Fast Red (as in Landini's Fast Red / Fast Blue / DAB set). */
	public static final StainVector FAST_RED = new StainVector("Fast Red", 0.21393921, 0.85112669, 0.47794022);
	/** Fast Green FCF, taken as Light Green SF (see the class notes). */
	public static final StainVector FAST_GREEN = new StainVector("Fast Green", 0.94705542, 0.25373821, 0.19650764);
	/** Methyl green. */
	public static final StainVector METHYL_GREEN = new StainVector("Methyl Green", 0.98003, 0.144316, 0.133146);
	/** Aniline blue. */
	public static final StainVector ANILINE_BLUE = new StainVector("Aniline Blue", 0.853033, 0.508733, 0.112656);
	/** TRAP reaction product with Fast Red Violet LB (red-violet), derived from an absorption band at 540 nm. */
	public static final StainVector TRAP = fromAbsorptionBand("TRAP (Fast Red Violet LB)", 540, 30);

	/** Normalises the vector to unit length. */
	public StainVector {
		if (name == null || name.isBlank()) throw new IllegalArgumentException("a stain needs a name");
		double n = Math.sqrt(r * r + g * g + b * b);
		if (!(n > 1e-12) || !Double.isFinite(n)) {
			throw new IllegalArgumentException("stain '" + name + "' needs a nonzero finite optical-density vector, got (" + r + ", " + g + ", " + b + ")");
		}
		r /= n;
		g /= n;
		b /= n;
	}

	/** The named vectors, in the order of the constants above. */
	public static List<StainVector> named() {
		return List.of(HAEMATOXYLIN, EOSIN, DAB, TRAP, FAST_RED, FAST_GREEN, METHYL_GREEN, ANILINE_BLUE);
	}

	/**
	 * A named vector by name, case-insensitive, spaces/dashes/underscores ignored; accepts
	 * "haematoxylin", "hematoxylin", "eosin", "dab", "trap", "fastredviolet", "fastred",
	 * "fastgreen", "methylgreen", "anilineblue".
	 */
	public static StainVector named(String name) {
		String key = name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
		return switch (key) {
			case "haematoxylin", "hematoxylin", "h" -> HAEMATOXYLIN;
			case "eosin", "e" -> EOSIN;
			case "dab" -> DAB;
			case "trap", "fastredviolet", "fastredvioletlb", "frv" -> TRAP;
			case "fastred" -> FAST_RED;
			case "fastgreen", "fastgreenfcf", "lightgreen" -> FAST_GREEN;
			case "methylgreen" -> METHYL_GREEN;
			case "anilineblue" -> ANILINE_BLUE;
			default -> throw new org.bonelesion.core.UserInputException("unknown stain '" + name
					+ "': use haematoxylin, eosin, dab, trap, fastred, fastgreen, methylgreen or anilineblue, or give r,g,b optical densities");
		};
	}

	/**
	 * The stain vector of a colour seen through the stain alone, e.g. picked from a pure-stain
	 * pixel: OD per channel {@code -log10((I + 1) / (I0 + 1))} with background {@code I0}.
	 */
	public static StainVector fromColour(String name, int red, int green, int blue, double background) {
		return new StainVector(name, ColourDeconvolution.opticalDensity(red, background),
				ColourDeconvolution.opticalDensity(green, background), ColourDeconvolution.opticalDensity(blue, background));
	}

	/**
	 * A vector derived from a dye's absorption spectrum modelled as one Gaussian band (centre
	 * and standard deviation in nm), seen by a camera whose red, green and blue sensitivities
	 * are Gaussians centred at 610, 540 and 465 nm with standard deviation 40 nm: the OD of
	 * each channel is the band averaged over the channel's sensitivity (the small-absorbance
	 * limit), integrated from 380 to 720 nm in 1 nm steps.
	 */
	public static StainVector fromAbsorptionBand(String name, double peakNm, double sdNm) {
		double[] centre = { 610, 540, 465 };
		double[] od = new double[3];
		for (int c = 0; c < 3; c++) {
			double num = 0, den = 0;
			for (int lambda = 380; lambda <= 720; lambda++) {
				double s = Math.exp(-0.5 * sq((lambda - centre[c]) / 40.0));
				num += s * Math.exp(-0.5 * sq((lambda - peakNm) / sdNm));
				den += s;
			}
			od[c] = num / den;
		}
		return new StainVector(name, od[0], od[1], od[2]);
	}

	private static double sq(double v) {
		return v * v;
	}

	/** Angle to another vector in degrees (0 to 180). */
	public double angleDegrees(StainVector o) {
		double c = r * o.r + g * o.g + b * o.b;
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
	}

	/** The same direction under another name. */
	public StainVector withName(String newName) {
		return new StainVector(newName, r, g, b);
	}

	/** (r, g, b) as an array. */
	public double[] toArray() {
		return new double[] { r, g, b };
	}
}
