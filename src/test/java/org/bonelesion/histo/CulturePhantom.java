package org.bonelesion.histo;

import java.util.Random;

import org.bonelesion.core.RgbImage;

/**
 * A rendered osteoclast culture well: TRAP+ multinucleated cells (3 to 8 nuclei, some
 * touching), binucleated TRAP+ cells, TRAP+ mononuclear cells, haematoxylin-only mononuclear
 * cells and TRAP+ debris on glass. {@link #multinucleated} is the number of TRAP+ cells with
 * at least three nuclei.
 */
final class CulturePhantom {

	final RgbImage image;
	final int multinucleated;
	final double mncArea;

	CulturePhantom(long seed, int width, int height) {
		Random rnd = new Random(seed);
		TrapPhantom p = new TrapPhantom(width, height, 1.0, 235);
		int mnc = 0;
		double area = 0;
		// cells on a jittered grid so that they do not touch
		int step = 90;
		int k = 0;
		for (int gy = step / 2; gy + step / 2 <= height; gy += step) {
			for (int gx = step / 2; gx + step / 2 <= width; gx += step, k++) {
				double x = gx + (rnd.nextDouble() - 0.5) * 10, y = gy + (rnd.nextDouble() - 0.5) * 10;
				int kind = k % 5;
				if (kind == 0 || kind == 1) { // multinucleated: a disc with nuclei on a ring, some pairs touching
					double r = 28 + rnd.nextDouble() * 10;
					p.paintDisc(x, y, r, TrapPhantom.TRAP, 0.5);
					int nuclei = 3 + rnd.nextInt(6);
					double ring = r - 10;
					for (int u = 0; u < nuclei; u++) {
						double a = 2 * Math.PI * u / nuclei;
						p.paintDisc(x + ring * Math.cos(a), y + ring * Math.sin(a), 4, TrapPhantom.HEM, 0.9);
					}
					mnc++;
					area += Math.PI * r * r;
				} else if (kind == 2) { // binucleated TRAP+: not counted
					p.paintDisc(x, y, 17, TrapPhantom.TRAP, 0.5);
					p.paintDisc(x - 4.5, y, 4, TrapPhantom.HEM, 0.9);
					p.paintDisc(x + 4.5, y, 4, TrapPhantom.HEM, 0.9);
				} else if (kind == 3) { // TRAP+ mononuclear and debris
					p.paintDisc(x, y, 10, TrapPhantom.TRAP, 0.5);
					p.paintDisc(x, y, 4, TrapPhantom.HEM, 0.9);
					p.paintDisc(x + 25, y + 20, 3, TrapPhantom.TRAP, 0.6);
					p.paintDisc(x - 25, y - 20, 2.5, TrapPhantom.TRAP, 0.6);
				} else { // haematoxylin-only mononuclear cells, some clustered
					for (int u = 0; u < 4; u++) p.paintDisc(x + (u % 2) * 9, y + (u / 2) * 9, 4.5, TrapPhantom.HEM, 0.9);
				}
			}
		}
		multinucleated = mnc;
		mncArea = area;
		image = p.render(2.0, seed);
	}
}
