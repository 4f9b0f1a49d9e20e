package org.bonelesion.ops;

import java.util.Locale;

/**
 * A rigid transform of 3D space in millimetres, optionally followed by a mirror in x: maps a
 * point p of the fixed (baseline) image to the point of the moving (follow-up) image that
 * matches it,
 * {@code q = R (p - c) + c + t}, then {@code q.x = mirrorWidth - q.x} when mirrored.
 *
 * <p>Coordinates: the centre of voxel (i, j, k) is at {@code (i sx, j sy, k sz)} mm, as in
 * MetaImage/ITK with origin 0. The rotation is {@code R = Rz Rx Ry} of the angles (ITK's
 * Euler3DTransform and elastix's EulerTransform convention), so angles compare directly.
 */
public final class RigidTransform3D {

	private final double rx, ry, rz;
	private final double[] t;
	private final double[] c;
	private final double mirrorWidthMm;
	private final double[] m;

	/**
	 * @param rx rotation about x (radians)
	 * @param ry rotation about y (radians)
	 * @param rz rotation about z (radians)
	 * @param translation (tx, ty, tz) in mm
	 * @param centre centre of rotation (mm)
	 * @param mirrorWidthMm NaN for no mirror; else the moving image is mirrored as x -> width - x
	 */
	public RigidTransform3D(double rx, double ry, double rz, double[] translation, double[] centre, double mirrorWidthMm) {
		this.rx = rx;
		this.ry = ry;
		this.rz = rz;
		this.t = translation.clone();
		this.c = centre.clone();
		this.mirrorWidthMm = mirrorWidthMm;
		this.m = matrix(rx, ry, rz);
	}

	/** The identity (centre at the origin, no mirror). */
	public static RigidTransform3D identity() {
		return new RigidTransform3D(0, 0, 0, new double[3], new double[3], Double.NaN);
	}

	/** {@code Rz Rx Ry}, row-major 3x3. */
	static double[] matrix(double rx, double ry, double rz) {
		double cx = Math.cos(rx), sx = Math.sin(rx), cy = Math.cos(ry), sy = Math.sin(ry), cz = Math.cos(rz), sz = Math.sin(rz);
		// Rx Ry
		double[] a = { cy, 0, sy, sx * sy, cx, -sx * cy, -cx * sy, sx, cx * cy };
		return new double[] {
				cz * a[0] - sz * a[3], cz * a[1] - sz * a[4], cz * a[2] - sz * a[5],
				sz * a[0] + cz * a[3], sz * a[1] + cz * a[4], sz * a[2] + cz * a[5],
				a[6], a[7], a[8] };
	}

	/** Angles (rx, ry, rz) in radians of a rotation matrix {@code Rz Rx Ry} (row-major). */
	static double[] angles(double[] r) {
		double rx = Math.asin(Math.max(-1, Math.min(1, r[7])));
		double ry = Math.atan2(-r[6], r[8]);
		double rz = Math.atan2(-r[1], r[4]);
		return new double[] { rx, ry, rz };
	}

	/** Maps a fixed-image point (mm) to the moving image (mm). */
	public double[] apply(double[] p) {
		double[] q = new double[3];
		apply(p[0], p[1], p[2], q);
		return q;
	}

	/** Maps (x, y, z) mm into {@code out}. */
	public void apply(double x, double y, double z, double[] out) {
		double px = x - c[0], py = y - c[1], pz = z - c[2];
		double qx = m[0] * px + m[1] * py + m[2] * pz + c[0] + t[0];
		out[1] = m[3] * px + m[4] * py + m[5] * pz + c[1] + t[1];
		out[2] = m[6] * px + m[7] * py + m[8] * pz + c[2] + t[2];
		out[0] = Double.isNaN(mirrorWidthMm) ? qx : mirrorWidthMm - qx;
	}

	/** Rotation about x in degrees. */
	public double rxDegrees() { return Math.toDegrees(rx); }
	/** Rotation about y in degrees. */
	public double ryDegrees() { return Math.toDegrees(ry); }
	/** Rotation about z in degrees. */
	public double rzDegrees() { return Math.toDegrees(rz); }
	/** Rotation angles in radians (rx, ry, rz). */
	public double[] anglesRadians() { return new double[] { rx, ry, rz }; }
	/** Translation (mm), a copy. */
	public double[] translationMm() { return t.clone(); }
	/** Centre of rotation (mm), a copy. */
	public double[] centreMm() { return c.clone(); }
	/** True if the moving image is mirrored in x. */
	public boolean mirrored() { return !Double.isNaN(mirrorWidthMm); }
	/** Mirror width (mm), NaN if not mirrored. */
	public double mirrorWidthMm() { return mirrorWidthMm; }

	/** The rotation matrix, row-major, a copy. */
	public double[] rotationMatrix() { return m.clone(); }

	/**
	 * The whole map as a 3x4 row-major matrix [A | b] with {@code q = A p + b} (mm), mirror included.
	 */
	public double[] affineMatrix() {
		double[] a = new double[12];
		for (int r = 0; r < 3; r++) {
			double off = c[r] + t[r];
			for (int k = 0; k < 3; k++) {
				a[r * 4 + k] = m[r * 3 + k];
				off -= m[r * 3 + k] * c[k];
			}
			a[r * 4 + 3] = off;
		}
		if (mirrored()) {
			for (int k = 0; k < 4; k++) a[k] = -a[k];
			a[3] += mirrorWidthMm;
		}
		return a;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "rotation (%.3f, %.3f, %.3f) deg, translation (%.4f, %.4f, %.4f) mm, centre (%.4f, %.4f, %.4f) mm%s",
				rxDegrees(), ryDegrees(), rzDegrees(), t[0], t[1], t[2], c[0], c[1], c[2], mirrored() ? ", mirrored in x" : "");
	}
}
