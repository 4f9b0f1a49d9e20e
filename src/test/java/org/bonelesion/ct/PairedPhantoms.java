package org.bonelesion.ct;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.RigidTransform3D;

/**
 * Paired phantoms: an elliptical, capped tube with a few periosteal bumps (so that every degree
 * of freedom is visible), rendered analytically with a one-voxel soft edge; the follow-up adds
 * a nodule and drills a hole, and is seen through a known rigid motion.
 */
final class PairedPhantoms {

	static final Spacing SPACING = Spacing.isotropicMicrons(20);
	static final int SIZE = 120;
	static final int THRESHOLD = 1100;

	private PairedPhantoms() {
	}

	/** Occupancy (0..1) of the object at a point given in baseline voxel coordinates. */
	static double occupancy(double x, double y, double z, boolean followUp) {
		double c = 60;
		double px = x - c, py = y - c;
		double ax = 24, ay = 19, wall = 8;
		double re = Math.sqrt(px * px / (ax * ax) + py * py / (ay * ay));
		double meanAxis = 0.5 * (ax + ay);
		double outer = (1 - re) * meanAxis, inner = (re - (1 - wall / meanAxis)) * meanAxis;
		double dz = Math.min(z - 18, 102 - z);
		double o = clamp(0.5 + Math.min(Math.min(outer, inner), dz));
		// an end cap: a solid disc at one end so that z is pinned
		o = Math.max(o, clamp(0.5 + Math.min(outer, Math.min(z - 18, 24 - z))));
		o = Math.max(o, ball(x, y, z, c + 24, c, 40, 6));
		o = Math.max(o, ball(x, y, z, c - 10, c + 19, 70, 5));
		o = Math.max(o, ball(x, y, z, c, c - 19, 88, 4));
		if (followUp) {
			o = Math.max(o, ball(x, y, z, c - 30, c, 55, 12));
			// drilled hole along y through the upper wall, radius 12, at x = c + 8, z = 78
			double dh = Math.hypot(x - (c + 8), z - 78) - 12;
			if (y > c) o = Math.min(o, clamp(0.5 + dh));
		}
		return o;
	}

	private static double ball(double x, double y, double z, double cx, double cy, double cz, double r) {
		double d = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz));
		return clamp(0.5 + r - d);
	}

	private static double clamp(double v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}

	/**
	 * Renders the object seen through {@code truth} (baseline -> follow-up map): the follow-up
	 * voxel q shows the object at truth^-1(q). {@code truth} null renders in baseline space.
	 */
	static ShortVolume render(boolean followUp, RigidTransform3D truth, long seed) {
		ShortVolume v = new ShortVolume(SIZE, SIZE, SIZE, SPACING);
		double s = SPACING.x();
		Random r = new Random(seed);
		double[] m = truth == null ? null : truth.rotationMatrix();
		double[] t = truth == null ? null : truth.translationMm(), c = truth == null ? null : truth.centreMm();
		for (int z = 0; z < SIZE; z++) for (int y = 0; y < SIZE; y++) for (int x = 0; x < SIZE; x++) {
			double px = x * s, py = y * s, pz = z * s;
			if (truth != null) {
				if (truth.mirrored()) px = truth.mirrorWidthMm() - px;
				double qx = px - c[0] - t[0], qy = py - c[1] - t[1], qz = pz - c[2] - t[2];
				// R^T q + c
				px = m[0] * qx + m[3] * qy + m[6] * qz + c[0];
				py = m[1] * qx + m[4] * qy + m[7] * qz + c[1];
				pz = m[2] * qx + m[5] * qy + m[8] * qz + c[2];
			}
			double o = occupancy(px / s, py / s, pz / s, followUp);
			int g = (int) Math.round(200 + 1800 * o + 30 * r.nextGaussian());
			v.set(x, y, z, Math.max(0, Math.min(65535, g)));
		}
		return v;
	}

	static ByteVolume threshold(ShortVolume v) {
		ByteVolume m = new ByteVolume(v.width(), v.height(), v.depth(), v.spacing());
		Parallel.of(1).forRange(0, v.depth(), z -> {
			short[] a = v.slice(z);
			byte[] b = m.slice(z);
			for (int i = 0; i < a.length; i++) b[i] = (a[i] & 0xffff) >= THRESHOLD ? (byte) 1 : 0;
		});
		return m;
	}

	/** RMS distance (in voxels) between two transforms' images of the mask's voxels. */
	static double rmsError(ByteVolume mask, RigidTransform3D a, RigidTransform3D b) {
		double s = SPACING.x(), sum = 0;
		long n = 0;
		double[] qa = new double[3], qb = new double[3];
		for (int z = 0; z < mask.depth(); z++) for (int y = 0; y < mask.height(); y++) for (int x = 0; x < mask.width(); x++) {
			if (mask.get(x, y, z) == 0) continue;
			a.apply(x * s, y * s, z * s, qa);
			b.apply(x * s, y * s, z * s, qb);
			double dx = qa[0] - qb[0], dy = qa[1] - qb[1], dz = qa[2] - qb[2];
			sum += dx * dx + dy * dy + dz * dz;
			n++;
		}
		return Math.sqrt(sum / n) / s;
	}
}
