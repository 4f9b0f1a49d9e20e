package org.bonelesion.histo;

import java.nio.file.Path;
import java.util.Locale;

import org.bonelesion.core.Options;
import org.bonelesion.core.UsageException;

/**
 * The parameters of a TRAP analysis (tissue or culture), in physical units. Thresholds are
 * stain amounts in optical-density units (an amount of 1 is the quantity of stain whose OD
 * vector has unit length; see {@code ops.ColourDeconvolution}).
 *
 * @param culture          true for culture wells (no bone, no tumour)
 * @param counterstain     matrix counterstain: fast-green, methyl-green, light-green, aniline-blue or none
 * @param stains           "default" (named vectors), "estimate" (Macenko on the image) or "x,y,w,h", a rectangle of pure TRAP stain
 * @param background       "auto" (brightest 1 % of the image), or one grey level, or "r,g,b", the blank-glass intensity
 * @param minNuclei        nuclei an osteoclast (culture: a TRAP+ multinucleated cell) must have
 * @param contactUm        largest gap between a TRAP+ profile and the bone surface for an osteoclast, um
 * @param trapOd           TRAP amount above which a pixel is TRAP-positive; NaN = automatic (from the glass noise, see {@link TrapStains#trapOd})
 * @param nucleusOd        haematoxylin amount above which a pixel belongs to a nucleus
 * @param boneOd           counterstain amount above which a pixel is bone matrix
 * @param tissueOd         mean optical density (of red, green, blue) above which a pixel is tissue
 * @param smoothUm         half-width of the box that smooths the stain amounts before thresholding, um
 * @param nucleusRadiusUm  smallest inscribed radius of a nucleus, um
 * @param minCellAreaUm2   smallest TRAP+ profile considered a cell, um^2 (smaller: debris)
 * @param maxCellUm        largest extent of a cell, um; sets the tile overlap
 * @param tissueCloseUm    half-width of the closing that joins tissue across small empty spaces (fat cells), um
 * @param tumourRadiusUm   half-width of the window in which the density of large nuclei is measured, um ({@link TumourDetector})
 * @param tumourDensity    area fraction (0..1) of large nuclei in packed tumour: seeds at 2/3, edge at 1/2 of it
 * @param tumourMask       a binary image of the section's size, nonzero = tumour (replaces detection), or null
 * @param tileSize         tile side in pixels (without the overlap)
 * @param paleNucleusOd    culture: contrast (OD) by which a pale nucleus is lighter than its cell's surrounding cytoplasm; 0 = pale nuclei not sought
 */
public record HistoSettings(boolean culture, String counterstain, String stains, String background, int minNuclei, double contactUm,
	double trapOd, double nucleusOd, double boneOd, double tissueOd, double smoothUm, double nucleusRadiusUm, double minCellAreaUm2,
	double maxCellUm, double tissueCloseUm, double tumourRadiusUm, double tumourDensity, Path tumourMask, int tileSize, double paleNucleusOd) {

	/** Counterstain names accepted by {@code --counterstain}. */
	public static final String[] COUNTERSTAINS = { "fast-green", "methyl-green", "light-green", "aniline-blue", "none" };

	/** The declared options (defaults differ between tissue and culture). */
	public static Options options(boolean culture) {
		Options o = new Options();
		// options shared by both modes have mode-dependent defaults given as "" (the command line
		// lists one set of options for both modes, so their default text must not differ)
		o.optional("counterstain", "", "",
			"matrix counterstain besides haematoxylin: fast-green, methyl-green, light-green, aniline-blue or none [default: fast-green in tissue, none in culture]");
		o.optional("stains", "", "", "stain vectors: default (published/derived vectors), estimate (Macenko on the image, falling back to the default vectors when the estimate is implausible) or x,y,w,h (pixels: a rectangle of pure TRAP stain) [default: default in tissue, estimate in culture]");
		o.optional("background", "auto", "grey level 0-255", "blank-glass intensity: auto (brightest 1 % of the image), one value, or r,g,b");
		o.optional("min-nuclei", "", "nuclei", "nuclei an osteoclast (culture: a TRAP+ multinucleated cell) must have [default: 2 in tissue, 3 in culture]");
		if (!culture) o.optional("contact-um", "3", "um", "largest gap between a TRAP+ cell and the bone surface for it to count as an osteoclast");
		o.optional("trap-od", "", "OD", "TRAP amount above which a pixel is TRAP-positive, or auto (10 robust standard deviations above blank glass) [default: 0.15 in tissue, auto in culture]");
		o.optional("nucleus-od", "0.3", "OD", "haematoxylin amount above which a pixel belongs to a nucleus");
		if (!culture) o.optional("bone-od", "0.12", "OD", "counterstain amount above which a pixel is bone matrix");
		o.optional("tissue-od", "0.04", "OD", "mean optical density above which a pixel is tissue rather than empty glass");
		o.optional("smooth-um", "1", "um", "half-width of the box smoothing the stain amounts");
		o.optional("nucleus-radius-um", "", "um", "smallest inscribed radius of a nucleus [default: 1.5 in tissue, 3 in culture]");
		if (culture) o.optional("pale-nucleus-od", "0.04", "OD", "contrast by which a pale nucleus is lighter than the cytoplasm around it (0: count only dark nuclei)");
		o.optional("min-cell-um2", "", "um^2", "smallest TRAP+ profile considered a cell, smaller ones are debris [default: 40 in tissue, 150 in culture]");
		o.optional("max-cell-um", "", "um", "largest cell extent, sets the tile overlap [default: 150 in tissue, 300 in culture]");
		if (!culture) {
			o.optional("tissue-close-um", "15", "um", "closing that joins tissue across small empty spaces such as fat cells");
			o.optional("tumour-radius-um", "20", "um", "half-width of the window measuring the density of large nuclei");
			o.optional("tumour-density", "0.3", "fraction", "area fraction of large nuclei in packed tumour (seeds at 2/3, edge at 1/2 of it)");
			o.optional("tumour-mask", "", "", "a binary image of the section's size (nonzero = tumour) replacing tumour detection");
			CycleSettings.declare(o); // woven bone, osteoblasts, eroded surface, tumour-bone interface
		}
		o.optional("tile", "3072", "pixels", "tile side for large sections (an overlap is added)");
		return o;
	}

	/** Settings from parsed options. */
	public static HistoSettings from(Options.Parsed p, boolean culture) {
		String counter = p.has("counterstain") ? p.choice("counterstain", COUNTERSTAINS) : culture ? "none" : "fast-green";
		String stains = p.has("stains") && !p.get("stains").isBlank() ? p.get("stains").trim().toLowerCase(Locale.ROOT) : culture ? "estimate" : "default";
		if (!stains.equals("default") && !stains.equals("estimate") && parseInts(stains, 4, "stains") == null) throw new UsageException("--stains must be default, estimate or x,y,w,h");
		String background = p.get("background").trim().toLowerCase(Locale.ROOT);
		if (!background.equals("auto")) parseBackground(background);
		int minNuclei = p.has("min-nuclei") ? p.integer("min-nuclei") : culture ? 3 : 2;
		if (minNuclei < 1) throw new UsageException("--min-nuclei must be at least 1");
		int tile = p.integer("tile");
		if (tile < 64) throw new UsageException("--tile must be at least 64 pixels");
		double tumourDensity = culture ? 1 : p.positive("tumour-density");
		if (tumourDensity > 1) throw new UsageException("--tumour-density is a fraction between 0 and 1");
		double trapOd;
		if (!p.has("trap-od") || p.get("trap-od").isBlank()) trapOd = culture ? Double.NaN : 0.15;
		else if (p.get("trap-od").trim().equalsIgnoreCase("auto")) trapOd = Double.NaN;
		else trapOd = p.positive("trap-od");
		double paleNucleusOd = culture ? nonNegative(p, "pale-nucleus-od") : 0;
		return new HistoSettings(culture, counter, stains, background, minNuclei, culture ? 0 : nonNegative(p, "contact-um"), trapOd,
			p.positive("nucleus-od"), culture ? 1 : p.positive("bone-od"), p.positive("tissue-od"), nonNegative(p, "smooth-um"),
			p.has("nucleus-radius-um") && !p.get("nucleus-radius-um").isBlank() ? p.positive("nucleus-radius-um") : culture ? 3 : 1.5, p.has("min-cell-um2") ? nonNegative(p, "min-cell-um2") : culture ? 150 : 40,
			p.has("max-cell-um") ? p.positive("max-cell-um") : culture ? 300 : 150, culture ? 0 : nonNegative(p, "tissue-close-um"),
			culture ? 1 : p.positive("tumour-radius-um"), tumourDensity, culture ? null : p.path("tumour-mask"), tile, paleNucleusOd);
	}

	/** Defaults of a mode (as if no option were given). */
	public static HistoSettings defaults(boolean culture) {
		return from(options(culture).parse(new String[0]), culture);
	}

	private static double nonNegative(Options.Parsed p, String name) {
		double v = p.number(name);
		if (!(v >= 0) || !Double.isFinite(v)) throw new UsageException("--" + name + " must be zero or positive, got '" + p.get(name) + "'");
		return v;
	}

	/** Comma-separated whole numbers, exactly n of them, or null if the text is not that. */
	static int[] parseInts(String text, int n, String what) {
		String[] parts = text.split(",");
		if (parts.length != n) return null;
		int[] v = new int[n];
		try {
			for (int i = 0; i < n; i++) v[i] = Integer.parseInt(parts[i].trim());
		} catch (NumberFormatException e) {
			return null;
		}
		return v;
	}

	/** The background as three intensities, from "g" or "r,g,b" (0 < value <= 255). */
	static double[] parseBackground(String text) {
		String[] parts = text.split(",");
		if (parts.length != 1 && parts.length != 3) throw new UsageException("--background must be auto, one grey level or r,g,b");
		double[] bg = new double[3];
		for (int c = 0; c < 3; c++) {
			try {
				bg[c] = Double.parseDouble(parts[parts.length == 1 ? 0 : c].trim());
			} catch (NumberFormatException e) {
				throw new UsageException("--background must be auto, one grey level or r,g,b, got '" + text + "'");
			}
			if (!(bg[c] > 0 && bg[c] <= 255)) throw new UsageException("--background levels must lie in (0, 255], got '" + text + "'");
		}
		return bg;
	}

	/** This with another tile size (for tests of tiling independence). */
	public HistoSettings withTileSize(int tile) {
		return new HistoSettings(culture, counterstain, stains, background, minNuclei, contactUm, trapOd, nucleusOd, boneOd, tissueOd, smoothUm,
			nucleusRadiusUm, minCellAreaUm2, maxCellUm, tissueCloseUm, tumourRadiusUm, tumourDensity, tumourMask, tile, paleNucleusOd);
	}

	/** This with another TRAP threshold (NaN = automatic). */
	public HistoSettings withTrapOd(double od) {
		return new HistoSettings(culture, counterstain, stains, background, minNuclei, contactUm, od, nucleusOd, boneOd, tissueOd, smoothUm,
			nucleusRadiusUm, minCellAreaUm2, maxCellUm, tissueCloseUm, tumourRadiusUm, tumourDensity, tumourMask, tileSize, paleNucleusOd);
	}

	/** This with a user tumour mask. */
	public HistoSettings withTumourMask(Path mask) {
		return new HistoSettings(culture, counterstain, stains, background, minNuclei, contactUm, trapOd, nucleusOd, boneOd, tissueOd, smoothUm,
			nucleusRadiusUm, minCellAreaUm2, maxCellUm, tissueCloseUm, tumourRadiusUm, tumourDensity, mask, tileSize, paleNucleusOd);
	}
}
