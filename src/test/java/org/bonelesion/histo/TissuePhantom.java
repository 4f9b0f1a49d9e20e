package org.bonelesion.histo;

import java.util.Random;

import org.bonelesion.core.RgbImage;

/**
 * A rendered TRAP section with its truth: a rectangle of marrow (pale haematoxylin stroma,
 * scattered nuclei), elliptical bone profiles (fast green), a tumour disc of densely packed
 * large nuclei, osteoclasts (TRAP caps on the bone surface with 2 to 5 nuclei, some touching
 * or overlapping) and distractors: TRAP+ mononuclear cells on bone, TRAP+ multinucleated
 * cells in the marrow away from bone, TRAP+ debris.
 */
final class TissuePhantom {

	static final double BONE_OD = 0.5, TRAP_OD = 0.6, NUCLEUS_OD = 0.9, STROMA_OD = 0.12;

	final RgbImage image;
	final double tissueArea, boneArea, bonePerimeter, ocPerimeter, tumourArea;
	final int osteoclasts;

	TissuePhantom(long seed, int width, int height) {
		Random rnd = new Random(seed);
		TrapPhantom p = new TrapPhantom(width, height, 1.0, 240);
		double m = 30;
		tissueArea = (width - 2 * m) * (height - 2 * m);
		// bones: a row of ellipses across the section
		int nb = 3;
		double[][] bones = new double[nb][];
		double ba = 0, bp = 0;
		for (int i = 0; i < nb; i++) {
			double cx = m + 60 + (width - 2 * m - 120) * (i + 0.5) / nb;
			double cy = m + 150 + (i % 2) * 60 + rnd.nextDouble() * 20;
			double a = (width - 2 * m - 120) / (nb * 2.0) - 25 - rnd.nextDouble() * 10, b = 35 + rnd.nextDouble() * 15;
			double angle = (rnd.nextDouble() - 0.5) * 0.8;
			bones[i] = new double[] { cx, cy, a, b, angle };
			ba += Math.PI * a * b;
			bp += TrapPhantom.ellipsePerimeter(a, b);
		}
		boneArea = ba;
		bonePerimeter = bp;
		TrapPhantom.Shape anyBone = (x, y) -> {
			for (double[] b : bones) if (TrapPhantom.ellipse(b[0], b[1], b[2], b[3], b[4]).inside(x, y)) return true;
			return false;
		};
		p.paint(TrapPhantom.minus(TrapPhantom.rect(m, m, width - m, height - m), anyBone), m, m, width - m, height - m, TrapPhantom.HEM, STROMA_OD);
		for (double[] b : bones) {
			double r = Math.max(b[2], b[3]);
			p.paint(TrapPhantom.ellipse(b[0], b[1], b[2], b[3], b[4]), b[0] - r, b[1] - r, b[0] + r, b[1] + r, TrapPhantom.GREEN, BONE_OD);
			p.occupied.add(new double[] { b[0], b[1], 0 }); // placeholder; bone tested separately below
		}
		p.occupied.clear();
		// osteoclasts and mononuclear TRAP+ cells on the bone surfaces
		int noc = 0;
		double ocpm = 0;
		for (double[] b : bones) {
			int k = 3;
			double t0 = rnd.nextDouble() * 2 * Math.PI;
			for (int j = 0; j < k + 1; j++) {
				double t = t0 + 2 * Math.PI * j / (k + 1) + (rnd.nextDouble() - 0.5) * 0.3;
				double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], t);
				boolean mono = j == k;
				double rc = mono ? 8 : 15 + rnd.nextInt(4);
				TrapPhantom.Shape cap = TrapPhantom.minus(TrapPhantom.disc(q[0], q[1], rc), anyBone);
				p.paint(cap, q[0] - rc, q[1] - rc, q[0] + rc, q[1] + rc, TrapPhantom.TRAP, TRAP_OD);
				p.occupied.add(new double[] { q[0], q[1], rc + 4 });
				double nx = q[2], ny = q[3], tx = -ny, ty = nx;
				if (mono) {
					p.paintDisc(q[0] + nx * 4.5, q[1] + ny * 4.5, 3.3, TrapPhantom.HEM, NUCLEUS_OD);
					continue;
				}
				int nuclei = 2 + rnd.nextInt(3);
				double spacing = rnd.nextBoolean() ? 8 : 6.8; // touching (gap 1 um) or overlapping nuclei
				for (int u = 0; u < nuclei; u++) {
					double off = (u - (nuclei - 1) / 2.0) * spacing;
					double normal = nuclei == 4 && rc < 17 ? 6.5 : 7;
					if (Math.hypot(off, normal) + 3.5 > rc - 0.5) { // keep nuclei inside the cap: two rows
						off = ((u % 2) - 0.5) * spacing;
						normal = u < 2 ? 5.5 : 5.5 + spacing;
					}
					p.paintDisc(q[0] + nx * normal + tx * off, q[1] + ny * normal + ty * off, 3.5, TrapPhantom.HEM, NUCLEUS_OD);
				}
				noc++;
				ocpm += TrapPhantom.arcInside(b[0], b[1], b[2], b[3], b[4], q[0], q[1], rc);
			}
		}
		osteoclasts = noc;
		ocPerimeter = ocpm;
		// tumour: a disc of packed nuclei away from the bones
		double tr = 70, tcx = width - m - tr - 20, tcy = height - m - tr - 20;
		tumourArea = Math.PI * tr * tr;
		for (double y = tcy - tr; y <= tcy + tr; y += 11 * Math.sqrt(3) / 2) {
			int row = (int) Math.round((y - tcy + tr) / (11 * Math.sqrt(3) / 2));
			for (double x = tcx - tr + (row % 2) * 5.5; x <= tcx + tr; x += 11) {
				if (Math.hypot(x - tcx, y - tcy) <= tr - 4.5) p.paintDisc(x, y, 4.5, TrapPhantom.HEM, NUCLEUS_OD);
			}
		}
		p.occupied.add(new double[] { tcx, tcy, tr + 8 });
		// distractors in the marrow: multinucleated TRAP+ cells off bone, debris
		int placed = 0;
		for (int tries = 0; placed < 3 && tries < 10_000; tries++) {
			double x = m + 25 + rnd.nextDouble() * (width - 2 * m - 50), y = m + 25 + rnd.nextDouble() * (height - 2 * m - 50);
			if (!farFromBone(bones, x, y, 16 + 25) || !p.free(x, y, 20)) continue;
			p.paintDisc(x, y, 16, TrapPhantom.TRAP, TRAP_OD);
			for (int u = 0; u < 3; u++) p.paintDisc(x + 8 * Math.cos(2.1 * u), y + 8 * Math.sin(2.1 * u), 3.3, TrapPhantom.HEM, NUCLEUS_OD);
			p.occupied.add(new double[] { x, y, 20 });
			placed++;
		}
		placed = 0;
		for (int tries = 0; placed < 12 && tries < 10_000; tries++) {
			double x = m + 10 + rnd.nextDouble() * (width - 2 * m - 20), y = m + 10 + rnd.nextDouble() * (height - 2 * m - 20);
			if (!farFromBone(bones, x, y, 2.5 + (placed % 2 == 0 ? 0.5 : 8)) || !p.free(x, y, 4)) continue;
			p.paintDisc(x, y, 2.5, TrapPhantom.TRAP, TRAP_OD);
			p.occupied.add(new double[] { x, y, 4 });
			placed++;
		}
		// marrow nuclei
		placed = 0;
		for (int tries = 0; placed < (int) (tissueArea / 2500) && tries < 100_000; tries++) {
			double x = m + 5 + rnd.nextDouble() * (width - 2 * m - 10), y = m + 5 + rnd.nextDouble() * (height - 2 * m - 10);
			if (!farFromBone(bones, x, y, 3 + 3) || !p.free(x, y, 3 + 4)) continue;
			p.paintDisc(x, y, 3, TrapPhantom.HEM, NUCLEUS_OD);
			p.occupied.add(new double[] { x, y, 3 });
			placed++;
		}
		image = p.render(2.0, seed);
	}

	/** True if (x, y) lies at least d outside every bone ellipse (checked by sampling its boundary). */
	private static boolean farFromBone(double[][] bones, double x, double y, double d) {
		for (double[] b : bones) {
			if (TrapPhantom.ellipse(b[0], b[1], b[2], b[3], b[4]).inside(x, y)) return false;
			for (int i = 0; i < 720; i++) {
				double[] q = TrapPhantom.boundary(b[0], b[1], b[2], b[3], b[4], 2 * Math.PI * i / 720);
				if (Math.hypot(q[0] - x, q[1] - y) < d) return false;
			}
		}
		return true;
	}
}
