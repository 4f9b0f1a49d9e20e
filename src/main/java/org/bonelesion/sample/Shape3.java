package org.bonelesion.sample;

/**
 * A solid in physical space (millimetres) with an axis-aligned bounding box, used to build
 * the analytic micro-CT phantoms: bones, trabeculae and lesions are unions of these.
 */
interface Shape3 {

	/** True if the point (x, y, z) in mm lies inside. */
	boolean contains(double x, double y, double z);

	/** Bounding box {xmin, ymin, zmin, xmax, ymax, zmax} in mm. */
	double[] bounds();

	/** An ellipsoid with centre c and orthonormal axes e0, e1, e2 of half-lengths r0, r1, r2. */
	static Shape3 ellipsoid(double[] c, double[] e0, double r0, double[] e1, double r1, double[] e2, double r2) {
		double[] a0 = Vec3.scale(e0, 1 / r0), a1 = Vec3.scale(e1, 1 / r1), a2 = Vec3.scale(e2, 1 / r2);
		double[] b = new double[6];
		for (int k = 0; k < 3; k++) {
			double ext = Math.sqrt(Math.pow(e0[k] * r0, 2) + Math.pow(e1[k] * r1, 2) + Math.pow(e2[k] * r2, 2));
			b[k] = c[k] - ext;
			b[k + 3] = c[k] + ext;
		}
		return new Shape3() {
			@Override
			public boolean contains(double x, double y, double z) {
				double dx = x - c[0], dy = y - c[1], dz = z - c[2];
				double u = dx * a0[0] + dy * a0[1] + dz * a0[2];
				double v = dx * a1[0] + dy * a1[1] + dz * a1[2];
				double w = dx * a2[0] + dy * a2[1] + dz * a2[2];
				return u * u + v * v + w * w <= 1;
			}

			@Override
			public double[] bounds() {
				return b;
			}
		};
	}

	/** A capsule (rod with round ends) from p to q of radius r. */
	static Shape3 capsule(double[] p, double[] q, double r) {
		double[] d = Vec3.sub(q, p);
		double len2 = Vec3.dot(d, d);
		double[] b = new double[6];
		for (int k = 0; k < 3; k++) {
			b[k] = Math.min(p[k], q[k]) - r;
			b[k + 3] = Math.max(p[k], q[k]) + r;
		}
		double r2 = r * r;
		return new Shape3() {
			@Override
			public boolean contains(double x, double y, double z) {
				double wx = x - p[0], wy = y - p[1], wz = z - p[2];
				double t = len2 > 0 ? (wx * d[0] + wy * d[1] + wz * d[2]) / len2 : 0;
				t = Math.max(0, Math.min(1, t));
				double ex = wx - t * d[0], ey = wy - t * d[1], ez = wz - t * d[2];
				return ex * ex + ey * ey + ez * ez <= r2;
			}

			@Override
			public double[] bounds() {
				return b;
			}
		};
	}

	/**
	 * A straight cylinder of radius r starting at p (flat end, through p perpendicular to the
	 * unit direction u) and running a length len along u.
	 */
	static Shape3 cylinder(double[] p, double[] u, double r, double len) {
		double[] q = Vec3.add(p, Vec3.scale(u, len));
		double[] b = new double[6];
		for (int k = 0; k < 3; k++) {
			b[k] = Math.min(p[k], q[k]) - r;
			b[k + 3] = Math.max(p[k], q[k]) + r;
		}
		double r2 = r * r;
		return new Shape3() {
			@Override
			public boolean contains(double x, double y, double z) {
				double wx = x - p[0], wy = y - p[1], wz = z - p[2];
				double t = wx * u[0] + wy * u[1] + wz * u[2];
				if (t < 0 || t > len) return false;
				double e2 = wx * wx + wy * wy + wz * wz - t * t;
				return e2 <= r2;
			}

			@Override
			public double[] bounds() {
				return b;
			}
		};
	}

	/** The union of shapes. */
	static Shape3 union(Shape3... parts) {
		double[] b = { Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
		for (Shape3 s : parts) {
			double[] pb = s.bounds();
			for (int k = 0; k < 3; k++) {
				b[k] = Math.min(b[k], pb[k]);
				b[k + 3] = Math.max(b[k + 3], pb[k + 3]);
			}
		}
		return new Shape3() {
			@Override
			public boolean contains(double x, double y, double z) {
				for (Shape3 s : parts) {
					double[] pb = s.bounds();
					if (x < pb[0] || y < pb[1] || z < pb[2] || x > pb[3] || y > pb[4] || z > pb[5]) continue;
					if (s.contains(x, y, z)) return true;
				}
				return false;
			}

			@Override
			public double[] bounds() {
				return b;
			}
		};
	}

	/** True if the point is inside the bounding box of s (a cheap pre-test). */
	static boolean inBounds(Shape3 s, double x, double y, double z) {
		double[] b = s.bounds();
		return x >= b[0] && y >= b[1] && z >= b[2] && x <= b[3] && y <= b[4] && z <= b[5];
	}
}
