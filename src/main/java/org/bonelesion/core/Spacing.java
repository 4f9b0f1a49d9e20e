package org.bonelesion.core;

/**
 * Physical size of one voxel (or pixel, with {@code z} = 1 slice thickness) in millimetres.
 * Every measurement leaves the program in physical units derived from this record; a
 * volume without a known spacing never gets here (see {@link Calibrations#resolve}).
 */
public record Spacing(double x, double y, double z) {

	public Spacing {
		if (!(x > 0) || !(y > 0) || !(z > 0) || Double.isInfinite(x) || Double.isInfinite(y) || Double.isInfinite(z)) {
			throw new IllegalArgumentException("voxel size must be positive and finite, got " + x + " x " + y + " x " + z + " mm");
		}
	}

	/** Isotropic spacing given in micrometres. */
	public static Spacing isotropicMicrons(double um) {
		return new Spacing(um / 1000.0, um / 1000.0, um / 1000.0);
	}

	/** Spacing given in micrometres. */
	public static Spacing microns(double xUm, double yUm, double zUm) {
		return new Spacing(xUm / 1000.0, yUm / 1000.0, zUm / 1000.0);
	}

	/** Volume of one voxel in mm^3. */
	public double voxelVolume() {
		return x * y * z;
	}

	/** Area of one in-plane pixel in mm^2. */
	public double pixelArea() {
		return x * y;
	}

	public double xUm() { return x * 1000.0; }
	public double yUm() { return y * 1000.0; }
	public double zUm() { return z * 1000.0; }

	/** True when all three sizes agree within one part in a million. */
	public boolean isIsotropic() {
		return Math.abs(x - y) <= 1e-6 * x && Math.abs(x - z) <= 1e-6 * x;
	}

	/** Size along axis 0 (x), 1 (y) or 2 (z). */
	public double get(int axis) {
		return switch (axis) {
			case 0 -> x;
			case 1 -> y;
			case 2 -> z;
			default -> throw new IllegalArgumentException("axis " + axis);
		};
	}
}
