package org.bonelesion.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An analytic model of a mouse proximal tibia-like long bone in a 2 x 2 x 2 mm field of view,
 * in physical coordinates (mm, z = 0 at the metaphyseal end): an elliptical cortical tube
 * whose semi-axes, thickness and centre vary smoothly (quadratically) along z, a growth-plate
 * band of cartilage, trabecular rods and plates in the metaphysis and epiphysis, marrow
 * inside, soft tissue outside, plus designed lesions. Immutable; {@link #plus} adds a lesion.
 *
 * <p>Materials (with their rendered density, mgHA/cm^3): {@link #SOFT} 20, {@link #MARROW} 0,
 * {@link #CORTEX} 1150, {@link #TRABECULAR} 950, {@link #NEW_BONE} 850, {@link #CARTILAGE}
 * 250. Bone = cortex, trabecular or new bone.
 */
public final class CtBoneModel {

	public static final int SOFT = 0, MARROW = 1, CORTEX = 2, TRABECULAR = 3, NEW_BONE = 4, CARTILAGE = 5;
	/** Density of each material in mgHA/cm^3, indexed by material code. */
	public static final double[] DENSITY = { 20, 0, 1150, 950, 850, 250 };
	/** Bits of {@link #classify}'s code holding the material; the rest hold the lesion id (1-based, 0 none). */
	public static final int MATERIAL_BITS = 4;

	/** One designed lesion: its kind, its shape, and the design parameters for the truth file. */
	public record Lesion(CtLesionKind kind, Shape3 shape, double thetaDeg, double zMm, Map<String, Object> design, double[] axisPoint,
		double[] axisDir) {}

	private final long seed;
	private final double a0, bRatio, t0, cx1, cy1, psi, cosPsi, sinPsi, gpPhase;
	private final List<Shape3> trabeculae;
	private final Shape3[][] grid;
	private final List<Lesion> lesions;

	private static final double GRID = 0.1, GRID_X0 = -0.5, GRID_Z0 = -0.5;
	private static final int GRID_NX = 30, GRID_NZ = 15;
	/** Bottom of the metaphysis (mm from the top): no trabeculae below. */
	public static final double METAPHYSIS_END = 0.6;

	/** A lesion-free bone whose anatomy is drawn from the seed. */
	public CtBoneModel(long seed) {
		this.seed = seed;
		Random r = new Random(seed);
		a0 = 0.58 + 0.04 * r.nextDouble();
		bRatio = 0.80 + 0.05 * r.nextDouble();
		t0 = 0.16 + 0.02 * r.nextDouble();
		cx1 = 0.03 * (2 * r.nextDouble() - 1);
		cy1 = 0.03 * (2 * r.nextDouble() - 1);
		psi = Math.toRadians(10 + 20 * r.nextDouble());
		cosPsi = Math.cos(psi);
		sinPsi = Math.sin(psi);
		gpPhase = 2 * Math.PI * r.nextDouble();
		trabeculae = Collections.unmodifiableList(makeTrabeculae(r));
		grid = buildGrid(trabeculae);
		lesions = List.of();
	}

	private CtBoneModel(CtBoneModel o, List<Lesion> lesions) {
		seed = o.seed;
		a0 = o.a0;
		bRatio = o.bRatio;
		t0 = o.t0;
		cx1 = o.cx1;
		cy1 = o.cy1;
		psi = o.psi;
		cosPsi = o.cosPsi;
		sinPsi = o.sinPsi;
		gpPhase = o.gpPhase;
		trabeculae = o.trabeculae;
		grid = o.grid;
		this.lesions = List.copyOf(lesions);
	}

	/** The designed lesions, in order (lesion id = index + 1). */
	public List<Lesion> lesions() {
		return lesions;
	}

	/** Outer (periosteal) semi-major axis at z, mm. */
	public double outerA(double z) {
		double u = z - 1.0;
		return a0 - 0.045 * u + 0.025 * u * u;
	}

	/** Outer semi-minor axis at z, mm. */
	public double outerB(double z) {
		return outerA(z) * bRatio;
	}

	/** Cortical thickness (outer minus inner semi-axis) at z, mm. */
	public double thickness(double z) {
		double u = z - 1.0;
		return t0 + 0.02 * u - 0.015 * u * u;
	}

	/** Centre of the bone's cross-section at z, {x, y} mm. */
	public double[] centre(double z) {
		double u = z - 1.0;
		return new double[] { 1.0 + cx1 * u, 1.0 + cy1 * u };
	}

	private double growthPlateTop(double x, double y) {
		return 0.07 + 0.012 * Math.sin(2 * Math.PI * x / 0.9 + gpPhase) + 0.008 * Math.cos(2 * Math.PI * y / 0.7);
	}

	/** Growth plate thickness, mm. */
	public static final double GROWTH_PLATE = 0.05;

	/**
	 * The material and lesion at a point (mm, baseline frame): material in the low
	 * {@link #MATERIAL_BITS} bits, lesion id (1-based index into {@link #lesions()}, 0 none)
	 * above. A lytic lesion's id marks cortex it removed; a blastic lesion's id marks bone it
	 * added; a trabecular resorption's id marks trabecular bone it removed.
	 */
	public int classify(double x, double y, double z) {
		double zc = z - 1.0;
		double a = a0 - 0.045 * zc + 0.025 * zc * zc;
		double b = a * bRatio;
		double t = t0 + 0.02 * zc - 0.015 * zc * zc;
		double dx = x - 1.0 - cx1 * zc, dy = y - 1.0 - cy1 * zc;
		double u = dx * cosPsi + dy * sinPsi, v = -dx * sinPsi + dy * cosPsi;
		double qo = (u * u) / (a * a) + (v * v) / (b * b);
		if (qo <= 1) {
			double ai = a - t, bi = b - t;
			double qi = (u * u) / (ai * ai) + (v * v) / (bi * bi);
			if (qi > 1) {
				for (int i = 0; i < lesions.size(); i++) {
					Lesion l = lesions.get(i);
					if (l.kind.type.equals("lytic") && Shape3.inBounds(l.shape, x, y, z) && l.shape.contains(x, y, z)) {
						return SOFT | ((i + 1) << MATERIAL_BITS);
					}
				}
				return CORTEX;
			}
			double gp = growthPlateTop(x, y);
			if (z >= gp && z < gp + GROWTH_PLATE) return CARTILAGE;
			if (z < METAPHYSIS_END + 0.3 && trabecularAt(x, y, z)) {
				for (int i = 0; i < lesions.size(); i++) {
					Lesion l = lesions.get(i);
					if (l.kind == CtLesionKind.TRABECULAR_RESORPTION && Shape3.inBounds(l.shape, x, y, z) && l.shape.contains(x, y, z)) {
						return MARROW | ((i + 1) << MATERIAL_BITS);
					}
				}
				return TRABECULAR;
			}
			for (int i = 0; i < lesions.size(); i++) {
				Lesion l = lesions.get(i);
				if (l.kind == CtLesionKind.MARROW_FILL && Shape3.inBounds(l.shape, x, y, z) && l.shape.contains(x, y, z)) {
					return NEW_BONE | ((i + 1) << MATERIAL_BITS);
				}
			}
			return MARROW;
		}
		for (int i = 0; i < lesions.size(); i++) {
			Lesion l = lesions.get(i);
			if ((l.kind == CtLesionKind.PERIOSTEAL_NODULE || l.kind == CtLesionKind.PERIOSTEAL_SPICULES) && Shape3.inBounds(l.shape, x, y, z)
				&& l.shape.contains(x, y, z)) {
				return NEW_BONE | ((i + 1) << MATERIAL_BITS);
			}
		}
		return SOFT;
	}

	/** True for the bone materials. */
	public static boolean isBone(int material) {
		return material == CORTEX || material == TRABECULAR || material == NEW_BONE;
	}

	private boolean trabecularAt(double x, double y, double z) {
		int gx = (int) Math.floor((x - GRID_X0) / GRID), gy = (int) Math.floor((y - GRID_X0) / GRID), gz = (int) Math.floor((z - GRID_Z0) / GRID);
		if (gx < 0 || gy < 0 || gz < 0 || gx >= GRID_NX || gy >= GRID_NX || gz >= GRID_NZ) return false;
		Shape3[] cell = grid[(gz * GRID_NX + gy) * GRID_NX + gx];
		if (cell == null) return false;
		for (Shape3 s : cell) {
			if (Shape3.inBounds(s, x, y, z) && s.contains(x, y, z)) return true;
		}
		return false;
	}

	private static Shape3[][] buildGrid(List<Shape3> shapes) {
		Shape3[][] g = new Shape3[GRID_NX * GRID_NX * GRID_NZ][];
		List<List<Shape3>> lists = new ArrayList<>();
		for (int i = 0; i < g.length; i++) lists.add(null);
		for (Shape3 s : shapes) {
			double[] b = s.bounds();
			int x0 = cellOf(b[0], GRID_X0, GRID_NX), x1 = cellOf(b[3], GRID_X0, GRID_NX);
			int y0 = cellOf(b[1], GRID_X0, GRID_NX), y1 = cellOf(b[4], GRID_X0, GRID_NX);
			int z0 = cellOf(b[2], GRID_Z0, GRID_NZ), z1 = cellOf(b[5], GRID_Z0, GRID_NZ);
			for (int z = z0; z <= z1; z++) {
				for (int y = y0; y <= y1; y++) {
					for (int x = x0; x <= x1; x++) {
						int k = (z * GRID_NX + y) * GRID_NX + x;
						if (lists.get(k) == null) lists.set(k, new ArrayList<>());
						lists.get(k).add(s);
					}
				}
			}
		}
		for (int i = 0; i < g.length; i++) if (lists.get(i) != null) g[i] = lists.get(i).toArray(new Shape3[0]);
		return g;
	}

	private static int cellOf(double v, double origin, int n) {
		return Math.max(0, Math.min(n - 1, (int) Math.floor((v - origin) / GRID)));
	}

	private List<Shape3> makeTrabeculae(Random r) {
		List<Shape3> out = new ArrayList<>();
		// metaphysis: mostly longitudinal rods and plates, denser near the growth plate
		int made = 0;
		while (made < 110) {
			double z = 0.12 + (METAPHYSIS_END - 0.12) * r.nextDouble();
			double keep = 1 - 0.8 * (z - 0.12) / (METAPHYSIS_END - 0.12);
			if (r.nextDouble() > keep) continue;
			double[] c = randomInside(r, z, 0.85);
			if (r.nextDouble() < 0.75) {
				double tilt = Math.toRadians(40 * r.nextDouble()), az = 2 * Math.PI * r.nextDouble();
				double[] d = { Math.sin(tilt) * Math.cos(az), Math.sin(tilt) * Math.sin(az), Math.cos(tilt) };
				double half = 0.05 + 0.07 * r.nextDouble();
				out.add(Shape3.capsule(Vec3.sub(c, Vec3.scale(d, half)), Vec3.add(c, Vec3.scale(d, half)), 0.019 + 0.007 * r.nextDouble()));
			} else {
				out.add(plate(r, c, true));
			}
			made++;
		}
		// epiphysis above the growth plate (and beyond the top of the field): random rods and plates
		for (int i = 0; i < 45; i++) {
			double z = -0.3 + 0.34 * r.nextDouble();
			double[] c = randomInside(r, z, 0.85);
			if (r.nextDouble() < 0.6) {
				double[] d = Vec3.unit(new double[] { r.nextGaussian(), r.nextGaussian(), r.nextGaussian() });
				double half = 0.05 + 0.06 * r.nextDouble();
				out.add(Shape3.capsule(Vec3.sub(c, Vec3.scale(d, half)), Vec3.add(c, Vec3.scale(d, half)), 0.02 + 0.006 * r.nextDouble()));
			} else {
				out.add(plate(r, c, false));
			}
		}
		return out;
	}

	private static Shape3 plate(Random r, double[] c, boolean longitudinal) {
		double[] n;
		if (longitudinal) {
			double az = 2 * Math.PI * r.nextDouble();
			n = Vec3.unit(new double[] { Math.cos(az), Math.sin(az), 0.3 * (2 * r.nextDouble() - 1) });
		} else {
			n = Vec3.unit(new double[] { r.nextGaussian(), r.nextGaussian(), r.nextGaussian() });
		}
		double[] helper = Math.abs(n[2]) < 0.9 ? new double[] { 0, 0, 1 } : new double[] { 1, 0, 0 };
		double[] e1 = Vec3.unit(Vec3.cross(n, helper));
		double[] e2 = Vec3.cross(n, e1);
		return Shape3.ellipsoid(c, n, 0.020 + 0.006 * r.nextDouble(), e1, 0.06 + 0.04 * r.nextDouble(), e2, 0.08 + 0.05 * r.nextDouble());
	}

	/** A random point inside the endosteal ellipse at z, scaled by f (0..1). */
	private double[] randomInside(Random r, double z, double f) {
		double ai = outerA(z) - thickness(z), bi = outerB(z) - thickness(z);
		double u, v;
		do {
			u = 2 * r.nextDouble() - 1;
			v = 2 * r.nextDouble() - 1;
		} while (u * u + v * v > 1);
		u *= ai * f;
		v *= bi * f;
		double[] c = centre(z);
		return new double[] { c[0] + u * cosPsi - v * sinPsi, c[1] + u * sinPsi + v * cosPsi, z };
	}

	/** The unit direction at world angle theta (degrees) in the xy plane. */
	private static double[] dir(double thetaDeg) {
		double t = Math.toRadians(thetaDeg);
		return new double[] { Math.cos(t), Math.sin(t), 0 };
	}

	/** Point of the outer (f = 1) or inner (f = 0) surface at world angle theta and height z. */
	public double[] surfacePoint(double thetaDeg, double z, boolean outer) {
		double[] d = dir(thetaDeg);
		double a = outerA(z) - (outer ? 0 : thickness(z)), b = outerB(z) - (outer ? 0 : thickness(z));
		double du = d[0] * cosPsi + d[1] * sinPsi, dv = -d[0] * sinPsi + d[1] * cosPsi;
		double rad = 1 / Math.sqrt(du * du / (a * a) + dv * dv / (b * b));
		double[] c = centre(z);
		return new double[] { c[0] + rad * d[0], c[1] + rad * d[1], z };
	}

	/** Outward unit normal (in the xy plane) of the outer or inner ellipse at a surface point. */
	private double[] normalAt(double[] p, boolean outer) {
		double z = p[2];
		double a = outerA(z) - (outer ? 0 : thickness(z)), b = outerB(z) - (outer ? 0 : thickness(z));
		double[] c = centre(z);
		double dx = p[0] - c[0], dy = p[1] - c[1];
		double u = dx * cosPsi + dy * sinPsi, v = -dx * sinPsi + dy * cosPsi;
		double gu = u / (a * a), gv = v / (b * b);
		return Vec3.unit(new double[] { gu * cosPsi - gv * sinPsi, gu * sinPsi + gv * cosPsi, 0 });
	}

	/**
	 * This bone with one more lesion at world angle {@code thetaDeg} (degrees, about the bone
	 * axis) and height {@code zMm}. Sizes (mm) by kind: hole {radius}; pits {depth as a
	 * fraction of the cortical thickness, half-width, half-length}; nodule and spicules
	 * {height, half-width, half-length}; marrow fill {radius x, radius y, radius z, offset
	 * from the axis}; trabecular resorption {radius, offset from the axis}.
	 */
	public CtBoneModel plus(CtLesionKind kind, double thetaDeg, double zMm, double... sizes) {
		Map<String, Object> design = new LinkedHashMap<>();
		design.put("theta_deg", thetaDeg);
		design.put("z_mm", zMm);
		double[] ez = { 0, 0, 1 };
		Shape3 shape;
		double[] axisPoint, axisDir;
		switch (kind) {
			case PERFORATING_HOLE -> {
				double[] c = centre(zMm);
				double[] p = { c[0], c[1], zMm };
				shape = Shape3.cylinder(p, dir(thetaDeg), sizes[0], 1.5);
				design.put("radius_mm", sizes[0]);
				axisPoint = p;
				axisDir = dir(thetaDeg);
			}
			case PERIOSTEAL_PIT, ENDOSTEAL_PIT -> {
				boolean outer = kind == CtLesionKind.PERIOSTEAL_PIT;
				double[] p = surfacePoint(thetaDeg, zMm, outer);
				double[] n = normalAt(p, outer);
				double[] tang = Vec3.cross(ez, n);
				double depth = sizes[0] * thickness(zMm);
				shape = Shape3.ellipsoid(p, n, depth, tang, sizes[1], ez, sizes[2]);
				design.put("depth_mm", depth);
				design.put("depth_fraction_of_cortex", sizes[0]);
				design.put("half_width_mm", sizes[1]);
				design.put("half_length_mm", sizes[2]);
				double[] c = centre(zMm);
				axisPoint = new double[] { c[0], c[1], zMm };
				axisDir = Vec3.unit(Vec3.sub(p, axisPoint));
			}
			case PERIOSTEAL_NODULE -> {
				double[] p = surfacePoint(thetaDeg, zMm, true);
				double[] n = normalAt(p, true);
				shape = Shape3.ellipsoid(p, n, sizes[0], Vec3.cross(ez, n), sizes[1], ez, sizes[2]);
				design.put("height_mm", sizes[0]);
				design.put("half_width_mm", sizes[1]);
				design.put("half_length_mm", sizes[2]);
				double[] c = centre(zMm);
				axisPoint = new double[] { c[0], c[1], zMm };
				axisDir = Vec3.unit(Vec3.sub(p, axisPoint));
			}
			case PERIOSTEAL_SPICULES -> {
				double[] p = surfacePoint(thetaDeg, zMm, true);
				double[] n = normalAt(p, true);
				List<Shape3> parts = new ArrayList<>();
				parts.add(Shape3.ellipsoid(p, n, 0.04, Vec3.cross(ez, n), sizes[1], ez, sizes[2]));
				double rOuter = Math.hypot(p[0] - centre(zMm)[0], p[1] - centre(zMm)[1]);
				double dTheta = Math.toDegrees(0.06 / rOuter);
				int nt = (int) Math.floor(sizes[1] / 0.06), nz = (int) Math.floor(sizes[2] / 0.06);
				for (int i = -nt; i <= nt; i++) {
					for (int k = -nz; k <= nz; k++) {
						double fi = nt == 0 ? 0 : (double) i / (nt + 0.5), fk = nz == 0 ? 0 : (double) k / (nz + 0.5);
						if (fi * fi + fk * fk > 1) continue;
						double[] q = surfacePoint(thetaDeg + i * dTheta, zMm + k * 0.06, true);
						double[] nq = normalAt(q, true);
						double len = sizes[0] * (1 - 0.4 * (fi * fi + fk * fk));
						parts.add(Shape3.capsule(Vec3.sub(q, Vec3.scale(nq, 0.02)), Vec3.add(q, Vec3.scale(nq, len)), 0.02));
					}
				}
				shape = Shape3.union(parts.toArray(new Shape3[0]));
				design.put("height_mm", sizes[0]);
				design.put("half_width_mm", sizes[1]);
				design.put("half_length_mm", sizes[2]);
				design.put("spicules", parts.size() - 1);
				double[] c = centre(zMm);
				axisPoint = new double[] { c[0], c[1], zMm };
				axisDir = Vec3.unit(Vec3.sub(p, axisPoint));
			}
			case MARROW_FILL, TRABECULAR_RESORPTION -> {
				double[] c = centre(zMm);
				double off = kind == CtLesionKind.MARROW_FILL ? sizes[3] : sizes[1];
				double[] d = dir(thetaDeg);
				double[] p = { c[0] + off * d[0], c[1] + off * d[1], zMm };
				if (kind == CtLesionKind.MARROW_FILL) {
					shape = Shape3.ellipsoid(p, new double[] { 1, 0, 0 }, sizes[0], new double[] { 0, 1, 0 }, sizes[1], ez, sizes[2]);
					design.put("radii_mm", new double[] { sizes[0], sizes[1], sizes[2] });
				} else {
					shape = Shape3.ellipsoid(p, new double[] { 1, 0, 0 }, sizes[0], new double[] { 0, 1, 0 }, sizes[0], ez, sizes[0]);
					design.put("radius_mm", sizes[0]);
				}
				design.put("centre_mm", p);
				axisPoint = new double[] { c[0], c[1], zMm };
				axisDir = d;
			}
			default -> throw new IllegalArgumentException(kind.toString());
		}
		List<Lesion> l = new ArrayList<>(lesions);
		l.add(new Lesion(kind, shape, thetaDeg, zMm, design, axisPoint, axisDir));
		return new CtBoneModel(this, l);
	}

	/** The anatomy parameters, for the truth file. */
	public Map<String, Object> anatomy() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("seed", seed);
		m.put("outer_semi_major_mm_at_z0_z1_z2", new double[] { outerA(0), outerA(1), outerA(2) });
		m.put("minor_to_major_ratio", bRatio);
		m.put("cortical_thickness_mm_at_z0_z1_z2", new double[] { thickness(0), thickness(1), thickness(2) });
		m.put("major_axis_angle_deg", Math.toDegrees(psi));
		m.put("growth_plate_mm", "z from about 0.07 (undulating by 0.02) for " + GROWTH_PLATE);
		m.put("trabecular_elements", trabeculae.size());
		return m;
	}
}
