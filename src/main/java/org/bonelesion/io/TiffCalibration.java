package org.bonelesion.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonelesion.core.Calibrations;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;

/**
 * Calibration found in TIFF tags: ImageJ's ImageDescription ({@code unit=}, {@code spacing=},
 * {@code cf=0}, {@code c0=}, {@code c1=}, {@code vunit=}) with X/YResolution, Aperio's
 * {@code MPP = } in the description, or X/YResolution with ResolutionUnit centimetre or inch.
 */
final class TiffCalibration {

	private static final Pattern APERIO_MPP = Pattern.compile("\\|\\s*MPP\\s*=\\s*([0-9.eE+-]+)");

	private TiffCalibration() {}

	/** key=value lines of an ImageJ description, or an empty map. */
	static Map<String, String> imageJProperties(String description) {
		Map<String, String> m = new LinkedHashMap<>();
		if (description == null || !description.startsWith("ImageJ=")) return m;
		for (String line : description.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return m;
	}

	/** The pixel/voxel size in mm, or null when the file has none. */
	static Spacing spacing(TiffFile.Ifd ifd) {
		String desc = ifd.text(TiffFile.IMAGE_DESCRIPTION);
		Map<String, String> ij = imageJProperties(desc);
		double xres = ifd.real(TiffFile.X_RESOLUTION), yres = ifd.real(TiffFile.Y_RESOLUTION);
		if (!(yres > 0)) yres = xres;
		if (ij.containsKey("unit") && xres > 0) {
			String unit = ij.get("unit").replace("\\u00B5", "\u00b5");
			double x = Calibrations.toMillimetres(1 / xres, unit), y = Calibrations.toMillimetres(1 / yres, unit);
			double z = ij.containsKey("spacing") ? Calibrations.toMillimetres(parse(ij.get("spacing")), unit) : x;
			if (x > 0 && y > 0) return new Spacing(x, y, z > 0 ? z : x);
			return null;
		}
		if (desc != null) {
			Matcher m = APERIO_MPP.matcher(desc);
			if (m.find()) {
				double um = parse(m.group(1));
				if (um > 0) return Spacing.microns(um, um, um);
			}
		}
		long unit = ifd.get(TiffFile.RESOLUTION_UNIT, 2);
		if (!(xres > 0) || ij.size() > 0) return null;
		double perUnitMm = unit == 3 ? 10.0 : unit == 2 ? 25.4 : Double.NaN;
		// 72 and 96 dpi are screen defaults written by many programs, not a calibration
		if (unit == 2 && (xres == 72 || xres == 96)) return null;
		if (!(perUnitMm > 0)) return null;
		double x = perUnitMm / xres, y = perUnitMm / yres;
		return new Spacing(x, y, x);
	}

	/** ImageJ's straight-line value calibration (function 0), or NONE. */
	static ValueCalibration values(TiffFile.Ifd ifd) {
		Map<String, String> ij = imageJProperties(ifd.text(TiffFile.IMAGE_DESCRIPTION));
		if (!"0".equals(ij.get("cf")) || !ij.containsKey("c0") || !ij.containsKey("c1")) return ValueCalibration.NONE;
		double c0 = parse(ij.get("c0")), c1 = parse(ij.get("c1"));
		if (!Double.isFinite(c0) || !(c1 != 0) || !Double.isFinite(c1)) return ValueCalibration.NONE;
		String unit = ij.getOrDefault("vunit", "");
		if (unit.equalsIgnoreCase("Gray Value")) unit = "";
		return new ValueCalibration(c0, c1, unit);
	}

	static double parse(String s) {
		try {
			return Double.parseDouble(s.trim());
		} catch (RuntimeException e) {
			return Double.NaN;
		}
	}
}
