package org.bonelesion.ct;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Spacing;

/**
 * Long-bone phantoms for the lesion tests: a tube along z (cortex between two radii) with
 * lesions whose true volumes are counted voxel by voxel from the shapes that made them.
 */
final class LesionPhantoms {

	/** Voxel size of the phantoms: 20 um. */
	static final Spacing SPACING = Spacing.isotropicMicrons(20);

	private LesionPhantoms() {
	}

	/** A lesion made in a phantom: its kind, where it is (voxels) and its true voxel count. */
	record Truth(Lesion.Type type, double x, double y, double z, long voxels, boolean perforating) {
		double volumeMm3() {
			return voxels * SPACING.voxelVolume();
		}
	}

	/** A phantom: the mask and its lesions. */
	record Phantom(ByteVolume bone, List<Truth> lesions) {
	}

	/** A shape in voxel coordinates. */
	interface Shape {
		boolean contains(double x, double y, double z);
	}

	static Shape ball(double cx, double cy, double cz, double r) {
		return (x, y, z) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= r * r;
	}

	/** A radial cylinder of radius r through the tube axis at angle theta, at height cz, from radius r0 to r1. */
	static Shape radialDrill(double cx, double cy, double cz, double theta, double r, double r0, double r1) {
		double ux = Math.cos(theta), uy = Math.sin(theta);
		return (x, y, z) -> {
			double px = x - cx, py = y - cy, pz = z - cz;
			double along = px * ux + py * uy;
			if (along < r0 || along > r1) return false;
			double qx = px - along * ux, qy = py - along * uy;
			return qx * qx + qy * qy + pz * pz <= r * r;
		};
	}

	/** A tube along z: centre (c, c), radii ro > ri, filling the whole depth. */
	static ByteVolume tube(int size, int depth, double ro, double ri) {
		ByteVolume m = new ByteVolume(size, size, depth, SPACING);
		double c = (size - 1) / 2.0;
		for (int z = 0; z < depth; z++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			double r = Math.hypot(x - c, y - c);
			if (r <= ro && r >= ri) m.set(x, y, z, 1);
		}
		return m;
	}

	/** Removes the bone inside a shape; returns the voxels removed. */
	static long carve(ByteVolume m, Shape s) {
		long n = 0;
		for (int z = 0; z < m.depth(); z++) for (int y = 0; y < m.height(); y++) for (int x = 0; x < m.width(); x++) {
			if (m.get(x, y, z) != 0 && s.contains(x, y, z)) {
				m.set(x, y, z, 0);
				n++;
			}
		}
		return n;
	}

	/** Adds bone inside a shape; returns the voxels added. */
	static long add(ByteVolume m, Shape s) {
		long n = 0;
		for (int z = 0; z < m.depth(); z++) for (int y = 0; y < m.height(); y++) for (int x = 0; x < m.width(); x++) {
			if (m.get(x, y, z) == 0 && s.contains(x, y, z)) {
				m.set(x, y, z, 1);
				n++;
			}
		}
		return n;
	}

	/**
	 * A 20 um tube (outer radius 35 voxels = 0.7 mm, wall 10 voxels = 0.2 mm) with lytic defects
	 * of several sizes, depths (perforating, partial from outside, partial from inside) and
	 * positions around the cortex, two periosteal nodules and one marrow nodule.
	 */
	static Phantom lesionTube() {
		int size = 100, depth = 100;
		double c = (size - 1) / 2.0, ro = 35, ri = 25;
		ByteVolume m = tube(size, depth, ro, ri);
		List<Truth> t = new ArrayList<>();
		// lytic: perforating drills of radius 5, 3 and 9 voxels
		lytic(m, t, radialDrill(c, c, 20, 0.0, 5, 20, 40), true, c, 20, 0.0, 30);
		lytic(m, t, radialDrill(c, c, 45, 2.2, 3, 20, 40), true, c, 45, 2.2, 30);
		lytic(m, t, radialDrill(c, c, 75, 4.0, 9, 20, 40), true, c, 75, 4.0, 30);
		// partial from outside: ball of radius 6 centred on the outer surface (6 of 10 voxels deep)
		lytic(m, t, ball(c + ro * Math.cos(1.2), c + ro * Math.sin(1.2), 30, 6), false, c, 30, 1.2, ro - 3);
		// partial from inside: ball of radius 6 centred on the inner surface
		lytic(m, t, ball(c + ri * Math.cos(3.3), c + ri * Math.sin(3.3), 60, 6), false, c, 60, 3.3, ri + 3);
		// shallow wide dish from outside: radius 8, 5 voxels deep
		lytic(m, t, ball(c + (ro + 3) * Math.cos(5.3), c + (ro + 3) * Math.sin(5.3), 88, 8), false, c, 88, 5.3, ro - 2);
		// blastic: periosteal nodules (balls half out of the cortex) and a marrow nodule
		blastic(m, t, ball(c + (ro + 3) * Math.cos(0.6), c + (ro + 3) * Math.sin(0.6), 60, 7), c, 60, 0.6, ro + 5);
		blastic(m, t, ball(c + (ro + 2) * Math.cos(3.9), c + (ro + 2) * Math.sin(3.9), 40, 5), c, 40, 3.9, ro + 4);
		blastic(m, t, ball(c, c, 50, 8), c, 50, 0, 0);
		// periosteal spicules: nine rods of radius 1.2 voxels (48 um across, thinner than the minimum
		// lesion thickness) rising 7 voxels (0.14 mm) out of a base 2 voxels thick
		blastic(m, t, spicules(c, ro, 1.9, 72), c, 72, 1.9, ro + 3);
		return new Phantom(m, t);
	}

	/**
	 * Periosteal spicules on a tube of outer radius ro: a base patch from ro to ro + 2 (13 x 13
	 * voxels along the arc and z) carrying 3 x 3 radial rods of radius 1.2 voxels, 4 voxels apart,
	 * from ro - 1 to ro + 7.
	 */
	static Shape spicules(double c, double ro, double theta, double cz) {
		return (x, y, z) -> {
			double r = Math.hypot(x - c, y - c);
			double dth = Math.atan2(y - c, x - c) - theta;
			dth = Math.atan2(Math.sin(dth), Math.cos(dth));
			double arc = dth * ro, dz = z - cz;
			if (r > ro && r <= ro + 2 && Math.abs(arc) <= 6.5 && Math.abs(dz) <= 6.5) return true;
			if (r < ro - 1 || r > ro + 7) return false;
			for (int i = -1; i <= 1; i++) for (int k = -1; k <= 1; k++) {
				// distance to the radial axis at arc offset 4i, height 4k (small-angle: arc ~ tangential)
				double ta = arc - 4 * i, tz = dz - 4 * k;
				if (ta * ta + tz * tz <= 1.2 * 1.2) return true;
			}
			return false;
		};
	}

	private static void lytic(ByteVolume m, List<Truth> t, Shape s, boolean perforating, double c, double z, double theta, double r) {
		long n = carve(m, s);
		t.add(new Truth(Lesion.Type.LYTIC, c + r * Math.cos(theta), c + r * Math.sin(theta), z, n, perforating));
	}

	private static void blastic(ByteVolume m, List<Truth> t, Shape s, double c, double z, double theta, double r) {
		long n = add(m, s);
		t.add(new Truth(Lesion.Type.BLASTIC, c + r * Math.cos(theta), c + r * Math.sin(theta), z, n, false));
	}

	/**
	 * A healthy tube with what real bones have and lesions do not: a rough periosteal and
	 * endosteal surface (smooth random ripples of up to 1.5 voxels = 30 um), foramina (canals of
	 * 2.4 voxels = 48 um diameter, oblique through the cortex), a metaphyseal flare at one end
	 * (both radii growing by 12 voxels over the last 40 slices) with thin trabecular struts,
	 * and salt-and-pepper noise (0.2 % of the voxels flipped).
	 */
	static ByteVolume healthyTube(long seed) {
		int size = 120, depth = 100;
		double c = (size - 1) / 2.0;
		Random r = new Random(seed);
		int waves = 6;
		double[] amp = new double[waves], kt = new double[waves], kz = new double[waves], ph = new double[waves];
		for (int k = 0; k < waves; k++) {
			amp[k] = 0.25 + 0.25 * r.nextDouble();
			kt[k] = 2 + r.nextInt(10);
			kz[k] = 2 * Math.PI / (8 + 30 * r.nextDouble());
			ph[k] = 2 * Math.PI * r.nextDouble();
		}
		ByteVolume m = new ByteVolume(size, size, depth, SPACING);
		for (int z = 0; z < depth; z++) {
			double flare = z > 60 ? 12 * Math.pow((z - 60) / 40.0, 2) : 0;
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
				double th = Math.atan2(y - c, x - c), rad = Math.hypot(x - c, y - c);
				double rough = 0;
				for (int k = 0; k < waves; k++) rough += amp[k] * Math.sin(kt[k] * th + kz[k] * z + ph[k]);
				double ro = 35 + flare + rough, ri = 25 + 1.1 * flare + rough * 0.7;
				if (rad <= ro && rad >= ri) m.set(x, y, z, 1);
			}
		}
		// foramina: oblique canals of radius 1.2 voxels through the cortex
		for (int k = 0; k < 6; k++) {
			double th = 2 * Math.PI * r.nextDouble(), z0 = 10 + 45 * r.nextDouble();
			double tilt = 0.6;
			for (double s = 20; s <= 42; s += 0.25) {
				double px = c + s * Math.cos(th), py = c + s * Math.sin(th), pz = z0 + tilt * (s - 20);
				setBall(m, px, py, pz, 1.2, 0);
			}
		}
		// metaphyseal struts: thin rods (radius 1.5 voxels) across the marrow in the flare
		for (int k = 0; k < 4; k++) {
			double th = Math.PI * k / 4, z0 = 80 + 4 * k;
			for (double s = -40; s <= 40; s += 0.5) setBall(m, c + s * Math.cos(th), c + s * Math.sin(th), z0, 1.5, 1);
		}
		// noise
		for (int z = 0; z < depth; z++) {
			byte[] a = m.slice(z);
			for (int i = 0; i < a.length; i++) if (r.nextDouble() < 0.002) a[i] = (byte) (1 - a[i]);
		}
		return m;
	}

	/** Sets the voxels of a ball (centre and radius in voxels) to a value. */
	static void setBall(ByteVolume m, double x, double y, double z, double rad, int value) {
		int x0 = (int) Math.floor(x - rad), x1 = (int) Math.ceil(x + rad);
		int y0 = (int) Math.floor(y - rad), y1 = (int) Math.ceil(y + rad);
		int z0 = (int) Math.floor(z - rad), z1 = (int) Math.ceil(z + rad);
		for (int zz = z0; zz <= z1; zz++) for (int yy = y0; yy <= y1; yy++) for (int xx = x0; xx <= x1; xx++) {
			if (!m.contains(xx, yy, zz)) continue;
			if ((xx - x) * (xx - x) + (yy - y) * (yy - y) + (zz - z) * (zz - z) <= rad * rad) m.set(xx, yy, zz, value);
		}
	}

	static long count(ByteVolume m) {
		long n = 0;
		for (int z = 0; z < m.depth(); z++) for (byte b : m.slice(z)) if (b != 0) n++;
		return n;
	}
}
