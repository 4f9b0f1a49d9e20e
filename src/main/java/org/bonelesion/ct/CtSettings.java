package org.bonelesion.ct;

import java.util.Locale;

import org.bonelesion.core.Options;
import org.bonelesion.core.UsageException;

/**
 * The parameters of the micro-CT pipeline, in physical units, as the {@code ct} options give
 * them (see {@link CtAnalysis#options()} and docs/ct-morphometry.md).
 *
 * @param threshold          "otsu", "isodata", or a number (mg HA/cm^3 on a density-calibrated image, else raw grey)
 * @param sigmaMm            Gaussian smoothing standard deviation in mm (0 = none; NaN = automatic, from the
 *                           image's noise: {@link BoneSegmenter#autoSigma})
 * @param minSpeckMm3        bone pieces smaller than this are removed (mm^3)
 * @param keepLargest        keep only the largest bone (else every bone)
 * @param cortex             "auto", "yes" or "no": whether the scan has a cortex to separate
 * @param envelopeCloseMm    closing radius sealing the periosteal surface before filling (mm)
 * @param poreMm             opening radius: marrow spaces narrower than twice this belong to the cortex (mm)
 * @param trabecularCloseMm  closing radius drawing the trabeculae into the marrow compartment (mm)
 * @param voi                "whole" or "slab"
 * @param voiReference       "growth-plate" or a slice number (1 = first slice)
 * @param voiStartMm         slab start, from the reference, in mm along the slab direction
 * @param voiLengthMm        slab length in mm
 * @param voiDirection       "auto", "up" (increasing slice numbers) or "down"
 */
public record CtSettings(String threshold, double sigmaMm, double minSpeckMm3, boolean keepLargest, String cortex,
	double envelopeCloseMm, double poreMm, double trabecularCloseMm, String voi, String voiReference, double voiStartMm,
	double voiLengthMm, String voiDirection) {

	/**
	 * The most "auto" smoothing, as a fraction of the smallest voxel size (and the smoothing used
	 * when the noise cannot be measured); see {@link BoneSegmenter#autoSigma}.
	 */
	public static final double AUTO_SIGMA_VOXELS = 0.8;

	/** The defaults of {@link CtAnalysis#options()}, with the given smoothing in mm (NaN = automatic). */
	public static CtSettings defaults(double sigmaMm) {
		return new CtSettings("otsu", sigmaMm, 0.001, true, "auto", 0.1, 0.03, 0.08, "whole", "growth-plate", 0.1, 1.0, "auto");
	}

	/** True if the smoothing is automatic (chosen from the image's noise). */
	public boolean autoSigma() {
		return Double.isNaN(sigmaMm);
	}

	/** A copy with another smoothing (mm; NaN = automatic). */
	public CtSettings withSigmaMm(double sigma) {
		return new CtSettings(threshold, sigma, minSpeckMm3, keepLargest, cortex, envelopeCloseMm, poreMm, trabecularCloseMm, voi, voiReference,
			voiStartMm, voiLengthMm, voiDirection);
	}

	/** A copy with another threshold. */
	public CtSettings withThreshold(String t) {
		return new CtSettings(t, sigmaMm, minSpeckMm3, keepLargest, cortex, envelopeCloseMm, poreMm, trabecularCloseMm, voi, voiReference,
			voiStartMm, voiLengthMm, voiDirection);
	}

	/** A copy with other speck and keep settings. */
	public CtSettings withSpecks(double minMm3, boolean largest) {
		return new CtSettings(threshold, sigmaMm, minMm3, largest, cortex, envelopeCloseMm, poreMm, trabecularCloseMm, voi, voiReference,
			voiStartMm, voiLengthMm, voiDirection);
	}

	/** A copy with another cortex mode. */
	public CtSettings withCortex(String c) {
		return new CtSettings(threshold, sigmaMm, minSpeckMm3, keepLargest, c, envelopeCloseMm, poreMm, trabecularCloseMm, voi, voiReference,
			voiStartMm, voiLengthMm, voiDirection);
	}

	/** A copy with another volume of interest. */
	public CtSettings withVoi(String v, String reference, double startMm, double lengthMm, String direction) {
		return new CtSettings(threshold, sigmaMm, minSpeckMm3, keepLargest, cortex, envelopeCloseMm, poreMm, trabecularCloseMm, v, reference,
			startMm, lengthMm, direction);
	}

	/** True if the threshold is a fixed number. */
	public boolean fixedThreshold() {
		return !threshold.equals("otsu") && !threshold.equals("isodata");
	}

	/** The fixed threshold value. */
	public double thresholdValue() {
		try {
			return Double.parseDouble(threshold);
		} catch (NumberFormatException e) {
			throw new UsageException("--threshold must be otsu, isodata or a number, got '" + threshold + "'");
		}
	}

	/** Reads the settings from parsed options; "auto" smoothing is NaN (resolved on the image). */
	static CtSettings from(Options.Parsed p) {
		String t = p.get("threshold").trim().toLowerCase(Locale.ROOT);
		String sigma = p.get("sigma-um").trim();
		double sigmaMm;
		if (sigma.equalsIgnoreCase("auto")) {
			sigmaMm = Double.NaN;
		} else {
			sigmaMm = p.number("sigma-um") / 1000.0;
			if (!(sigmaMm >= 0) || Double.isInfinite(sigmaMm)) throw new UsageException("--sigma-um must be auto or a length >= 0, got '" + sigma + "'");
		}
		double speck = nonNegative(p, "min-speck-mm3");
		boolean largest = p.choice("keep", "largest", "all").equals("largest");
		String cortex = p.choice("cortex", "auto", "yes", "no");
		String voi = p.choice("voi", "whole", "slab");
		String ref = p.get("voi-reference").trim();
		if (!ref.equals("growth-plate")) {
			try {
				if (Integer.parseInt(ref) < 1) throw new NumberFormatException();
			} catch (NumberFormatException e) {
				throw new UsageException("--voi-reference must be growth-plate or a slice number (1 = first slice), got '" + ref + "'");
			}
		}
		CtSettings s = new CtSettings(t, sigmaMm, speck, largest, cortex, positive(p, "envelope-close-um") / 1000.0,
			positive(p, "pore-um") / 1000.0, positive(p, "trabecular-close-um") / 1000.0, voi, ref, p.number("voi-start-mm"),
			positive(p, "voi-length-mm"), p.choice("voi-direction", "auto", "up", "down"));
		if (s.fixedThreshold()) s.thresholdValue();
		if (Double.isNaN(s.voiStartMm)) throw new UsageException("--voi-start-mm must be a number");
		return s;
	}

	private static double nonNegative(Options.Parsed p, String name) {
		double v = p.number(name);
		if (!(v >= 0) || Double.isInfinite(v)) throw new UsageException("--" + name + " must be a number >= 0, got '" + p.get(name) + "'");
		return v;
	}

	private static double positive(Options.Parsed p, String name) {
		double v = p.positive(name);
		if (Double.isNaN(v)) throw new UsageException("--" + name + " needs a value");
		return v;
	}
}
