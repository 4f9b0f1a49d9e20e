package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bonelesion.core.RgbImage;

/**
 * Rendered phantoms for the vicious-cycle measurements whose truth is computed from the
 * geometry: bone ellipses in marrow, some with a scalloped stretch of circular resorption
 * lacunae (exact eroded length by fine sampling of the outline), rows of osteoblasts
 * (cuboidal basophilic cells with a dense nucleus on the surface), and distractors that must
 * not count as osteoblasts: marrow nuclei close to bone without lining cytoplasm, and a tumour
 * patch (basophilic stroma, large nuclei) touching bone.
 */
final class CyclePhantom {

	static final double BONE_OD = 0.5, STROMA_OD = 0.10, CYTOPLASM_OD = 0.35, OB_NUCLEUS_OD = 1.0, MARROW_NUCLEUS_OD = 0.85,
		TUMOUR_STROMA_OD = 0.28, TUMOUR_NUCLEUS_OD = 0.8;

	final RgbImage image;
	double bonePerimeter, erodedPerimeter;
	int osteoblasts, marrowDistractors, tumourDistractors;

	private final List<double[]> bones = new ArrayList<>(); // cx, cy, a, b, angle
	private final List<double[]> lacunae = new ArrayList<>(); // cx, cy, R

	/**
	 * @param seed       layout
	 * @param withCells  osteoblast rows and distractors
	 */
	CyclePhantom(long seed, boolean withCells) {
		Random rnd = new Random(seed);
		int width = 700, height = 560;
		TrapPhantom p = new TrapPhantom(width, height, 1.0, 240);
		double m = 20;
		for (int i = 0; i < 3; i++) {
			double cx = 130 + 220 * i, cy = 160 + (i % 2) * 220 + 20 * rnd.nextDouble();
			bones.add(new double[] { cx, cy, 85 + 10 * rnd.nextDouble(), 45 + 10 * rnd.nextDouble(), (rnd.nextDouble() - 0.5) * 0.6 });
		}
		// scalloped stretches on the flat side of the first two bones: contiguous circular lacunae
		for (int i = 0; i < 2; i++) {
			double[] b = bones.get(i);
			double t = Math.PI / 2 - 0.35 + 0.2 * rnd.nextDouble();
			for (int k = 0; k < 5; k++) {
				double R = 8 + 4 * rnd.nextDouble(), d = 3.5 + 1.5 * rnd.nextDouble();
				double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], t);
				double half = Math.sqrt(R * R - (R - d) * (R - d));
				if (k > 0) { // move on by half this chord so that neighbours meet at a cusp
					t += half / speed(b, t);
					q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], t);
				}
				lacunae.add(new double[] { q[0] + q[2] * (R - d), q[1] + q[3] * (R - d), R });
				t += half / speed(b, t);
			}
		}
		TrapPhantom.Shape bone = (x, y) -> {
			for (double[] c : lacunae) if ((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]) <= c[2] * c[2]) return false;
			for (double[] b : bones) if (TrapPhantom.ellipse(b[0], b[1], b[2], b[3], b[4]).inside(x, y)) return true;
			return false;
		};
		measureOutline(bone);
		TrapPhantom.Shape tumour = withCells ? TrapPhantom.minus(TrapPhantom.disc(bones.get(2)[0], bones.get(2)[1] - bones.get(2)[3], 45), bone) : (x, y) -> false;
		TrapPhantom.Shape marrow = TrapPhantom.minus(TrapPhantom.minus(TrapPhantom.rect(m, m, width - m, height - m), bone), tumour);
		p.paint(marrow, m, m, width - m, height - m, TrapPhantom.HEM, STROMA_OD);
		p.paint(bone, 0, 0, width, height, TrapPhantom.GREEN, BONE_OD);
		if (withCells) {
			double[] b2 = bones.get(2);
			p.paint(tumour, b2[0] - 50, b2[1] - b2[3] - 50, b2[0] + 50, b2[1] - b2[3] + 50, TrapPhantom.HEM, TUMOUR_STROMA_OD);
			// tumour nuclei touching bone: large, 1.5 um off the surface
			for (double t = -2.2; t <= -0.9; t += 0.22) {
				double[] q = TrapPhantom.boundary(b2[0], b2[1], b2[2], b2[3], b2[4], t);
				double r = 5;
				double cx = q[0] + q[2] * (1.5 + r), cy = q[1] + q[3] * (1.5 + r);
				if (!tumour.inside(cx, cy)) continue;
				p.paintDisc(cx, cy, r, TrapPhantom.HEM, TUMOUR_NUCLEUS_OD - TUMOUR_STROMA_OD);
				tumourDistractors++;
			}
			// osteoblast rows on the far side of each bone: cells 10 um wide, 8 um high, nucleus 4.5 um out
			for (double[] b : bones) {
				int count = 6 + rnd.nextInt(4);
				double t = -Math.PI / 2 + 0.2 * (rnd.nextDouble() - 0.5) + (b == bones.get(2) ? Math.PI : 0);
				for (int k = 0; k < count; k++) {
					double t0 = t, t1 = t + 10 / speed(b, t);
					double tm = (t0 + t1) / 2;
					double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], tm);
					double[] c = b;
					TrapPhantom.Shape cell = (x, y) -> {
						if (bone.inside(x, y)) return false;
						// between the normals at t0 and t1, within 8 um of the surface
						double[] qa = TrapPhantom.boundary(c[0], c[1], c[2], c[3], c[4], t0), qb = TrapPhantom.boundary(c[0], c[1], c[2], c[3], c[4], t1);
						double ta = (x - qa[0]) * -qa[3] + (y - qa[1]) * qa[2], tb = (x - qb[0]) * -qb[3] + (y - qb[1]) * qb[2];
						double n = (x - q[0]) * q[2] + (y - q[1]) * q[3];
						return ta * tb <= 0 && n <= 8;
					};
					p.paint(cell, q[0] - 15, q[1] - 15, q[0] + 15, q[1] + 15, TrapPhantom.HEM, CYTOPLASM_OD - STROMA_OD);
					p.paintDisc(q[0] + q[2] * 4.5, q[1] + q[3] * 4.5, 3.0, TrapPhantom.HEM, OB_NUCLEUS_OD - CYTOPLASM_OD);
					osteoblasts++;
					t = t1;
				}
				// marrow nuclei near bone without lining cytoplasm: 1.5 to 3 um off the surface, beside the row
				for (int k = 0; k < 4; k++) {
					double tt = t + (12 + 14 * k) / speed(b, t);
					double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], tt);
					double r = 3, gap = 1.5 + 1.5 * rnd.nextDouble();
					p.paintDisc(q[0] + q[2] * (gap + r), q[1] + q[3] * (gap + r), r, TrapPhantom.HEM, MARROW_NUCLEUS_OD - STROMA_OD);
					marrowDistractors++;
				}
			}
		}
		image = p.render(2, seed);
	}

	/** |d boundary / dt| of ellipse b at parameter t. */
	private static double speed(double[] b, double t) {
		double[] q0 = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], t - 1e-5), q1 = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], t + 1e-5);
		return Math.hypot(q1[0] - q0[0], q1[1] - q0[1]) / 2e-5;
	}

	/** B.Pm and E.Pm from the outline: ellipse arcs outside every lacuna plus lacuna arcs inside the ellipse. */
	private void measureOutline(TrapPhantom.Shape bone) {
		int n = 200000;
		for (double[] b : bones) {
			double[] prev = null;
			boolean prevIn = false;
			for (int i = 0; i <= n; i++) {
				double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], 2 * Math.PI * i / n);
				boolean cut = false;
				for (double[] c : lacunae) if (Math.hypot(q[0] - c[0], q[1] - c[1]) < c[2]) cut = true;
				if (prev != null && !cut && !prevIn) bonePerimeter += Math.hypot(q[0] - prev[0], q[1] - prev[1]);
				prev = q;
				prevIn = cut;
			}
		}
		for (double[] c : lacunae) {
			double[] prev = null;
			boolean prevOk = false;
			for (int i = 0; i <= n / 10; i++) {
				double a = 2 * Math.PI * i / (n / 10);
				double x = c[0] + c[2] * Math.cos(a), y = c[1] + c[2] * Math.sin(a);
				boolean ok = false;
				for (double[] b : bones) if (TrapPhantom.ellipse(b[0], b[1], b[2], b[3], b[4]).inside(x, y)) ok = true;
				for (double[] o : lacunae) if (o != c && Math.hypot(x - o[0], y - o[1]) < o[2]) ok = false;
				if (prev != null && ok && prevOk) {
					double len = Math.hypot(x - prev[0], y - prev[1]);
					bonePerimeter += len;
					erodedPerimeter += len;
				}
				prev = new double[] { x, y };
				prevOk = ok;
			}
		}
	}
}
