package org.bonelesion.core;

import java.util.Locale;

/** Turns calibration found in a file, and an optional user override, into a {@link Spacing}. */
public final class Calibrations {

	private Calibrations() {}

	/**
	 * Converts a length in the given unit to millimetres.
	 *
	 * @return the length in mm, or NaN if the unit is not a physical length unit
	 *         (for example "pixel" or an empty string, which mean "uncalibrated")
	 */
	public static double toMillimetres(double value, String unit) {
		if (unit == null) return Double.NaN;
		String u = unit.trim().toLowerCase(Locale.ROOT);
		return switch (u) {
			case "mm", "millimeter", "millimetre", "millimeters", "millimetres" -> value;
			case "um", "µm", "\u03bcm", "micron", "microns", "micrometer", "micrometre", "micrometers", "micrometres" -> value / 1000.0;
			case "nm", "nanometer", "nanometre" -> value / 1e6;
			case "cm", "centimeter", "centimetre" -> value * 10.0;
			case "m", "meter", "metre" -> value * 1000.0;
			case "inch", "in" -> value * 25.4;
			default -> Double.NaN;
		};
	}

	/**
	 * Decides the spacing of an image.
	 *
	 * @param fromFile   spacing read from the image's calibration, or null if it has none
	 * @param overrideUm the user's voxel size in micrometres (applied isotropically in-plane and,
	 *                   for volumes, along z), or NaN / non-positive for none
	 * @param what       a short name of the input for the message, e.g. the file name
	 * @param option     the option a user can set, e.g. "--voxel-um"
	 * @throws UserInputException if there is neither a calibration nor an override
	 */
	public static Spacing resolve(Spacing fromFile, double overrideUm, String what, String option) {
		if (overrideUm > 0 && Double.isFinite(overrideUm)) {
			return Spacing.isotropicMicrons(overrideUm);
		}
		if (fromFile != null) return fromFile;
		throw new UserInputException(what + " is not calibrated: its pixel size is unknown. "
			+ "Set it in Image > Properties, or give " + option + " (micrometres). "
			+ "Bone Lesion never assumes 1 pixel = 1 unit.");
	}
}
