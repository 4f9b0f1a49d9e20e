package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.RgbImage;

/**
 * A rendered culture well (Beer-Lambert mixing, {@link TrapPhantom}, 1 um pixels) of cells whose
 * nuclei are PALE (lighter than the cytoplasm: they hold no TRAP+ cytoplasm and little
 * haematoxylin), with the distractors that pass for pale nuclei on the real culture image:
 * <ul>
 * <li>pale multinucleated cells (3 to 6 oval pale nuclei, contrast about 0.11 and 0.08 OD, one with a
 * dark nucleus among the pale ones): counted;</li>
 * <li>spread mononuclear cells with pale gaps of thin cytoplasm between their processes (a web,
 * TRAP+ but at half the cytoplasm's amount, opening onto the glass between two processes): not
 * counted;</li>
 * <li>binucleated cells whose processes enclose glass (a ring of cytoplasm around a glass hole
 * that hole filling makes part of the cell): not counted;</li>
 * <li>binucleated pale cells (2 pale nuclei): not counted.</li>
 * </ul>
 * Cells do not touch; {@link #multinucleated} is the number of TRAP+ cells with at least 3 nuclei.
 */
final class PaleCulturePhantom {

	/** TRAP amount of the cytoplasm; haematoxylin amount of the cytoplasm (a faint background tint), of pale and of dark nuclei. */
	static final double CYTOPLASM = 0.5, CYTO_HEM = 0.05, PALE_HEM = 0.15, DARK_HEM = 0.9;

	final RgbImage image;
	final int multinucleated;
	/** Centres (px) of the cells that must be counted, and of those that must not. */
	final List<double[]> counted = new ArrayList<>(), notCounted = new ArrayList<>();

	private final TrapPhantom p;

	PaleCulturePhantom(long seed) {
		p = new TrapPhantom(960, 720, 1.0, 235);
		java.util.Random rnd = new java.util.Random(seed);
		double[][] slot = new double[12][];
		for (int k = 0; k < 12; k++) slot[k] = new double[] { 120 + 240 * (k % 4) + (rnd.nextDouble() - 0.5) * 8, 120 + 240 * (k / 4) + (rnd.nextDouble() - 0.5) * 8 };
		double turn = rnd.nextDouble() * 2 * Math.PI;
		// pale multinucleated cells: strong contrast (nucleus TRAP 0.1 of the cytoplasm's 0.5), 3 to 6 nuclei
		paleCell(slot[0], 34, 3, 0.1, 0, turn);
		paleCell(slot[1], 36, 5, 0.1, 0, turn + 1);
		paleCell(slot[2], 38, 6, 0.1, 0, turn + 2);
		// lower contrast: the nuclei keep 0.2 of TRAP (a thick cytoplasm above and below them)
		paleCell(slot[3], 34, 3, 0.2, 0, turn + 3);
		paleCell(slot[4], 36, 4, 0.2, 0, turn + 4);
		// one dark nucleus among pale ones
		paleCell(slot[5], 34, 3, 0.1, 1, turn + 5);
		// distractors
		spreadCell(slot[6], turn);
		spreadCell(slot[7], turn + 2.1);
		ringCell(slot[8], turn);
		ringCell(slot[9], turn + 1.3);
		paleCell(slot[10], 26, 2, 0.1, 0, turn + 6);
		spreadCell(slot[11], turn + 4.2);
		multinucleated = counted.size();
		image = p.render(2.0, seed);
	}

	/**
	 * A round cell of radius r with n oval pale nuclei (semi-axes 5 and 4 px, long axis tangential) on a ring of 0.5 r; the first
	 * {@code dark} of them dark instead. A pale nucleus holds {@code paleTrap} TRAP and {@link #PALE_HEM} haematoxylin.
	 */
	private void paleCell(double[] at, double r, int n, double paleTrap, int dark, double angle) {
		List<TrapPhantom.Shape> nuclei = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			double a = angle + 2 * Math.PI * k / n;
			nuclei.add(TrapPhantom.ellipse(at[0] + 0.5 * r * Math.cos(a), at[1] + 0.5 * r * Math.sin(a), 5, 4, a + Math.PI / 2));
		}
		TrapPhantom.Shape any = (x, y) -> {
			for (TrapPhantom.Shape s : nuclei) if (s.inside(x, y)) return true;
			return false;
		};
		TrapPhantom.Shape body = TrapPhantom.disc(at[0], at[1], r);
		p.paint(TrapPhantom.minus(body, any), at[0] - r, at[1] - r, at[0] + r, at[1] + r, TrapPhantom.TRAP, CYTOPLASM);
		p.paint(TrapPhantom.minus(body, any), at[0] - r, at[1] - r, at[0] + r, at[1] + r, TrapPhantom.HEM, CYTO_HEM);
		for (int k = 0; k < n; k++) {
			TrapPhantom.Shape s = nuclei.get(k);
			if (k < dark) {
				p.paint(s, at[0] - r, at[1] - r, at[0] + r, at[1] + r, TrapPhantom.HEM, DARK_HEM);
			} else {
				p.paint(s, at[0] - r, at[1] - r, at[0] + r, at[1] + r, TrapPhantom.TRAP, paleTrap);
				p.paint(s, at[0] - r, at[1] - r, at[0] + r, at[1] + r, TrapPhantom.HEM, PALE_HEM);
			}
		}
		(n >= 3 ? counted : notCounted).add(at);
	}

	/**
	 * A spread mononuclear cell: a body of radius 14 with a dark nucleus, four processes 7 px wide and 44 px long, and between two
	 * pairs of neighbouring processes a web of thin cytoplasm (half the body's TRAP, no haematoxylin) reaching 22 px out (8 px beyond the body, about 2.5 nucleus radii), whose
	 * outer edge is the cell's border: a pale gap open to the glass.
	 */
	private void spreadCell(double[] at, double angle) {
		double[] dirs = { 0, 1.2, 2.6, 4.3 };
		List<TrapPhantom.Shape> arms = new ArrayList<>();
		for (double d : dirs) arms.add(arm(at, angle + d, 3.5, 44));
		TrapPhantom.Shape body = TrapPhantom.disc(at[0], at[1], 14);
		TrapPhantom.Shape webs = (x, y) -> {
			double dx = x - at[0], dy = y - at[1], rr = Math.hypot(dx, dy);
			if (rr > 22) return false;
			double t = Math.atan2(dy, dx) - angle;
			t = ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
			return (t > 0 && t < 1.2) || (t > 2.6 && t < 4.3);
		};
		TrapPhantom.Shape dense = (x, y) -> {
			if (body.inside(x, y)) return true;
			for (TrapPhantom.Shape s : arms) if (s.inside(x, y)) return true;
			return false;
		};
		double b0 = at[0] - 50, b1 = at[1] - 50, b2 = at[0] + 50, b3 = at[1] + 50;
		p.paint(dense, b0, b1, b2, b3, TrapPhantom.TRAP, CYTOPLASM);
		p.paint(TrapPhantom.minus(webs, dense), b0, b1, b2, b3, TrapPhantom.TRAP, CYTOPLASM / 2);
		p.paintDisc(at[0], at[1], 5, TrapPhantom.HEM, DARK_HEM);
		notCounted.add(at);
	}

	/** A straight process of half-width hw and length len from the centre in direction a. */
	private static TrapPhantom.Shape arm(double[] at, double a, double hw, double len) {
		double c = Math.cos(a), s = Math.sin(a);
		return (x, y) -> {
			double u = (x - at[0]) * c + (y - at[1]) * s, v = -(x - at[0]) * s + (y - at[1]) * c;
			return u >= 0 && u <= len && Math.abs(v) <= hw;
		};
	}

	/**
	 * A binucleated cell whose processes enclose glass: a ring of cytoplasm (outer semi-axes 28 and 20 px) around an elongated glass hole (semi-axes 16 and
	 * 7 px), with two dark nuclei in the ring on either side of the hole's long axis.
	 */
	private void ringCell(double[] at, double angle) {
		TrapPhantom.Shape hole = TrapPhantom.ellipse(at[0], at[1], 16, 7, angle);
		TrapPhantom.Shape outer = TrapPhantom.ellipse(at[0], at[1], 28, 20, angle);
		p.paint(TrapPhantom.minus(outer, hole), at[0] - 30, at[1] - 30, at[0] + 30, at[1] + 30, TrapPhantom.TRAP, CYTOPLASM);
		double c = Math.cos(angle), s = Math.sin(angle);
		p.paintDisc(at[0] - 13.5 * s, at[1] + 13.5 * c, 3.5, TrapPhantom.HEM, DARK_HEM);
		p.paintDisc(at[0] + 13.5 * s, at[1] - 13.5 * c, 3.5, TrapPhantom.HEM, DARK_HEM);
		notCounted.add(at);
	}
}
