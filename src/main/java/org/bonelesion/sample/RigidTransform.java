package org.bonelesion.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rigid motion in physical coordinates (mm): {@code p' = R (p - c) + c + t}, a rotation by
 * {@code angleDeg} about the unit {@code axis} through the centre {@code c}, then a translation
 * {@code t}. It maps a point of the baseline scan to the same material point in the follow-up
 * scan.
 */
public record RigidTransform(double[] axis, double angleDeg, double[] centre, double[] translation) {

	/** No motion. */
	public static RigidTransform identity(double[] centre) {
		return new RigidTransform(new double[] { 0, 0, 1 }, 0, centre, new double[3]);
	}

	/** The rotation matrix R (row-major 3x3). */
	public double[][] rotation() {
		double[] u = Vec3.unit(axis);
		double a = Math.toRadians(angleDeg), c = Math.cos(a), s = Math.sin(a), k = 1 - c;
		return new double[][] {
			{ c + u[0] * u[0] * k, u[0] * u[1] * k - u[2] * s, u[0] * u[2] * k + u[1] * s },
			{ u[1] * u[0] * k + u[2] * s, c + u[1] * u[1] * k, u[1] * u[2] * k - u[0] * s },
			{ u[2] * u[0] * k - u[1] * s, u[2] * u[1] * k + u[0] * s, c + u[2] * u[2] * k } };
	}

	/** The image of a baseline point. */
	public double[] apply(double[] p) {
		double[][] r = rotation();
		double[] d = Vec3.sub(p, centre);
		double[] out = new double[3];
		for (int i = 0; i < 3; i++) out[i] = r[i][0] * d[0] + r[i][1] * d[1] + r[i][2] * d[2] + centre[i] + translation[i];
		return out;
	}

	/** The baseline point that moves to p. */
	public double[] applyInverse(double[] p) {
		double[][] r = rotation();
		double[] d = Vec3.sub(Vec3.sub(p, centre), translation);
		double[] out = new double[3];
		for (int i = 0; i < 3; i++) out[i] = r[0][i] * d[0] + r[1][i] * d[1] + r[2][i] * d[2] + centre[i];
		return out;
	}

	/** True if this is the identity. */
	public boolean isIdentity() {
		return angleDeg == 0 && translation[0] == 0 && translation[1] == 0 && translation[2] == 0;
	}

	/** The 4x4 homogeneous matrix (row-major, mm) mapping baseline to follow-up coordinates. */
	public double[][] matrix() {
		double[][] r = rotation();
		double[][] m = new double[4][4];
		for (int i = 0; i < 3; i++) {
			double off = centre[i] + translation[i];
			for (int j = 0; j < 3; j++) {
				m[i][j] = r[i][j];
				off -= r[i][j] * centre[j];
			}
			m[i][3] = off;
		}
		m[3][3] = 1;
		return m;
	}

	/** The transform as a JSON-ready map. */
	public Map<String, Object> toJson() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("convention", "p_followup = R (p_baseline - centre) + centre + translation; points in mm, voxel (i,j,k) centre at ((i+0.5)*dx, (j+0.5)*dy, (k+0.5)*dz)");
		m.put("axis", Vec3.unit(axis));
		m.put("angle_deg", angleDeg);
		m.put("centre_mm", centre);
		m.put("translation_mm", translation);
		double[][] mat = matrix();
		m.put("matrix_baseline_to_followup", List.of(mat[0], mat[1], mat[2], mat[3]));
		return m;
	}
}
