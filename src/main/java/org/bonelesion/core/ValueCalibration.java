package org.bonelesion.core;

/**
 * The linear map from stored grey values to physical values: {@code value = intercept + slope * raw}.
 * {@code unit} names the physical quantity ("mgHA/cm^3" for density, "HU", "1/cm" for
 * attenuation); {@link #NONE} means the grey values have no physical meaning.
 */
public record ValueCalibration(double intercept, double slope, String unit) {

	/** Raw grey values, no physical meaning. */
	public static final ValueCalibration NONE = new ValueCalibration(0, 1, "");

	public double apply(double raw) {
		return intercept + slope * raw;
	}

	/** The raw value giving a physical value. */
	public double invert(double value) {
		return (value - intercept) / slope;
	}

	/** True if the values are a bone mineral density in mg HA/cm^3. */
	public boolean isDensity() {
		return unit != null && unit.replace(" ", "").toLowerCase(java.util.Locale.ROOT).matches("mg(ha)?/c(m\\^?3|cm)");
	}

	/** A calibration applied after another: raw -> this(other(raw)). */
	public ValueCalibration after(ValueCalibration other) {
		return new ValueCalibration(intercept + slope * other.intercept, slope * other.slope, unit);
	}
}
