package org.bonelesion.sample;

/** Small 3-vector helpers for the phantom geometry (arrays of length 3, in mm). */
final class Vec3 {

	private Vec3() {}

	static double[] of(double x, double y, double z) {
		return new double[] { x, y, z };
	}

	static double[] add(double[] a, double[] b) {
		return new double[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] };
	}

	static double[] sub(double[] a, double[] b) {
		return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
	}

	static double[] scale(double[] a, double s) {
		return new double[] { a[0] * s, a[1] * s, a[2] * s };
	}

	static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}

	static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}

	static double[] unit(double[] a) {
		return scale(a, 1 / norm(a));
	}
}
