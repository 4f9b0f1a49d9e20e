package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The perimeter estimator on digitised discs and rotated squares of known perimeter. */
class ContourLengthTest {

	@Test
	void discs() {
		Random rnd = new Random(7);
		for (double r = 10; r <= 60; r += 5) {
			int size = (int) (2 * r) + 8;
			double cx = size / 2.0 + rnd.nextDouble() - 0.5, cy = size / 2.0 + rnd.nextDouble() - 0.5;
			byte[] m = new byte[size * size];
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r) m[y * size + x] = 1;
			double p = ContourLength.ofMask(m, size, size);
			double truth = 2 * Math.PI * r;
			// 2 %: the boundary of a digitised disc is known only to about half a pixel; the
			// pixel-edge count would be 27 % over (4/pi)
			assertEquals(truth, p, 0.02 * truth, "disc r=" + r);
		}
	}

	@Test
	void rotatedSquares() {
		for (int deg = 0; deg <= 45; deg += 5) {
			double side = 60, a = Math.toRadians(deg), c = Math.cos(a), s = Math.sin(a);
			int size = 100;
			byte[] m = new byte[size * size];
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
				double dx = x + 0.5 - 50.3, dy = y + 0.5 - 49.8;
				double u = dx * c + dy * s, v = -dx * s + dy * c;
				if (Math.abs(u) <= side / 2 && Math.abs(v) <= side / 2) m[y * size + x] = 1;
			}
			double p = ContourLength.ofMask(m, size, size);
			// 2 %: the 3 x 3 smoothing rounds each corner (about 4 x (2 - pi/2) x 0.5 px lost,
			// under 1 %) and half-pixel digitisation of the sides
			assertEquals(4 * side, p, 0.02 * 4 * side, "square at " + deg + " degrees");
		}
	}

	@Test
	void straightEdgeCellIsExact() {
		// a vertical edge crossing the cell at x = 0.3: length 1 whatever the level position
		assertEquals(1.0, ContourLength.cell(1, 0, 0, 1, 0.7), 1e-12);
		// a diagonal through the corners' midpoints: sqrt(0.5)
		assertEquals(Math.sqrt(0.5), ContourLength.cell(1, 0, 0, 0, 0.5), 1e-12);
	}
}
