package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.RgbImage;

/**
 * A rendered culture well (Beer-Lambert mixing, {@link TrapPhantom}, 1 um pixels) of TRAP+
 * cells that touch: pairs and triples of multinucleated cells joined through necks of known
 * half-width, multinucleated cells touching mono- and binucleated TRAP+ cells, and single large
 * irregular multinucleated cells (lobed, branched with nuclei in the arm, elongated, three
 * heavily overlapping discs) that must stay one; plus lone TRAP+ mononuclear and binucleated
 * cells, haematoxylin-only cells and TRAP+ debris. Every cell is a union of discs; cells of a
 * touching group share the union by the power diagram of their discs (a point belongs to the
 * disc of least power |p - c|^2 - r^2, which for two discs is the side of their common chord),
 * so that each cell's true area and outer perimeter are known by fine sampling.
 */
final class TouchingCulturePhantom {

	/** One disc of a cell. */
	record Disc(double x, double y, double r) {}

	/** One cell: its discs and its number of nuclei. */
	record Cell(List<Disc> discs, int nuclei) {
		boolean counted() {
			return nuclei >= 3;
		}
	}

	final RgbImage image;
	final List<List<Cell>> groups = new ArrayList<>();
	/** TRAP+ cells with at least 3 nuclei. */
	final int multinucleated;
	/** Summed true area of those cells, px^2. */
	final double mncArea;
	/** Summed length of their outer outline (not the cuts between touching cells), px. */
	final double mncPerimeter;

	private final TrapPhantom p;

	/** Centre distance of discs of radii r1, r2 whose circles cross on a chord of half-width w. */
	static double apart(double r1, double r2, double w) {
		return Math.sqrt(r1 * r1 - w * w) + Math.sqrt(r2 * r2 - w * w);
	}

	TouchingCulturePhantom(long seed) {
		p = new TrapPhantom(960, 720, 1.0, 235);
		java.util.Random rnd = new java.util.Random(seed);
		double j = 6; // jitter of each slot's centre, px
		double[][] slot = new double[12][];
		for (int k = 0; k < 12; k++) slot[k] = new double[] { 120 + 240 * (k % 4) + (rnd.nextDouble() - 0.5) * j, 120 + 240 * (k / 4) + (rnd.nextDouble() - 0.5) * j };
		double turn = rnd.nextDouble() * Math.PI; // the orientation of every group
		// The neck the splitter sees is that of the thresholded mask: the 3 px smoothing fills the
		// sharp glass wedges beside a chord by 3-5 px (measured saddles: w + 3 to w + 5.5), so the
		// chords are chosen to give saddles clear of NECK x radius, and the single cells' passages
		// wider still.
		// pairs of equal cells (r 28) through necks of w / r = 0.1 and 0.25
		pair(slot[0], 28, 4, 28, 4, 0.1 * 28, turn);
		pair(slot[1], 28, 3, 28, 5, 0.25 * 28, turn + 0.5);
		// unequal pair (r 34 and 22) through w = 0.15 of the smaller radius
		pair(slot[2], 34, 6, 22, 3, 0.15 * 22, turn + 1);
		// chain of three (r 24, necks w 4 and 6) and a V of three (r 24, necks w 5)
		chain(slot[3], turn);
		vee(slot[4], turn);
		// single irregular cells: lobed, branched with nuclei in its arm, elongated, three overlapping discs
		lobed(slot[5], turn);
		branched(slot[6], turn);
		elongated(slot[7], turn);
		overlapping(slot[8], turn);
		// a multinucleated cell touching a TRAP+ mononuclear cell, and one touching a binucleated one
		pair(slot[9], 30, 4, 12, 1, 3, turn + 2);
		pair(slot[10], 30, 5, 16, 2, 4, turn + 2.5);
		distractors(slot[11]);
		int mnc = 0;
		double area = 0, perimeter = 0;
		for (List<Cell> g : groups) {
			for (Cell c : g) {
				paintCell(g, c);
				if (!c.counted()) continue;
				mnc++;
				area += area(g, c);
				perimeter += perimeter(g, c);
			}
		}
		multinucleated = mnc;
		mncArea = area;
		mncPerimeter = perimeter;
		image = p.render(2.0, seed);
	}

	// ---- groups

	private void pair(double[] at, double r1, int n1, double r2, int n2, double w, double angle) {
		double d = apart(r1, r2, w);
		double c = Math.cos(angle), s = Math.sin(angle);
		// the pair centred on the slot: the chord's centre on it
		double a1 = Math.sqrt(r1 * r1 - w * w);
		Disc d1 = new Disc(at[0] - a1 * c, at[1] - a1 * s, r1), d2 = new Disc(at[0] + (d - a1) * c, at[1] + (d - a1) * s, r2);
		groups.add(List.of(cell(d1, n1, angle), cell(d2, n2, angle + Math.PI)));
	}

	private void chain(double[] at, double angle) {
		double d1 = apart(24, 24, 4), d2 = apart(24, 24, 6);
		double c = Math.cos(angle), s = Math.sin(angle);
		double x0 = -(d1 + d2) / 2;
		Disc a = new Disc(at[0] + x0 * c, at[1] + x0 * s, 24), b = new Disc(at[0] + (x0 + d1) * c, at[1] + (x0 + d1) * s, 24),
			e = new Disc(at[0] + (x0 + d1 + d2) * c, at[1] + (x0 + d1 + d2) * s, 24);
		// the middle cell's nuclei lie across the chain, away from both necks
		groups.add(List.of(cell(a, 3, angle), cell(b, 4, angle + Math.PI / 2), cell(e, 3, angle + Math.PI)));
	}

	/** A V of three (r 24): a middle cell touching two others (necks w 5) in directions 110 degrees apart; its nuclei face away from both. */
	private void vee(double[] at, double angle) {
		double t = apart(24, 24, 5), spread = Math.toRadians(110);
		Disc b = new Disc(at[0], at[1], 24);
		Disc a = new Disc(at[0] + t * Math.cos(angle), at[1] + t * Math.sin(angle), 24);
		Disc e = new Disc(at[0] + t * Math.cos(angle + spread), at[1] + t * Math.sin(angle + spread), 24);
		double away = angle + spread / 2 + Math.PI;
		List<double[]> nuc = new ArrayList<>();
		for (double u : new double[] { -0.9, 0, 0.9 }) nuc.add(new double[] { b.x() + 11 * Math.cos(away + u), b.y() + 11 * Math.sin(away + u) });
		paintNuclei(nuc);
		groups.add(List.of(cell(a, 3, angle + Math.PI), new Cell(List.of(b), 3), cell(e, 4, angle + spread + Math.PI)));
	}

	/** A body of radius 34 with four lobes of radius 16 joined through wide passages (lobe centres 38 px out: w = 0.8 of the lobe radius or more). */
	private void lobed(double[] at, double angle) {
		List<Disc> d = new ArrayList<>();
		d.add(new Disc(at[0], at[1], 34));
		double[] dirs = { 0, 1.4, 2.9, 4.4 };
		for (double a : dirs) d.add(new Disc(at[0] + 38 * Math.cos(angle + a), at[1] + 38 * Math.sin(angle + a), 16));
		List<double[]> nuc = new ArrayList<>();
		for (double a : dirs) nuc.add(new double[] { at[0] + 40 * Math.cos(angle + a), at[1] + 40 * Math.sin(angle + a) });
		nuc.add(new double[] { at[0] - 8, at[1] });
		nuc.add(new double[] { at[0] + 8, at[1] });
		groups.add(List.of(new Cell(d, nuc.size())));
		paintNuclei(nuc);
	}

	/**
	 * Two lobes of radius 26 joined by an arm 18 px thick and 52 px long between them (discs of
	 * radius 9 every 3 px; saddle 9 = 0.35 of the lobe radius: a neck), with three nuclei in the
	 * arm (at 0 and +-18 px: every point of the arm lies within saddle + nucleus radius = 13 px
	 * of one, so wherever the cut falls it is vetoed).
	 */
	private void branched(double[] at, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle);
		List<Disc> d = new ArrayList<>();
		d.add(new Disc(at[0] - 52 * c, at[1] - 52 * s, 26));
		d.add(new Disc(at[0] + 52 * c, at[1] + 52 * s, 26));
		for (double u = -30; u <= 30; u += 3) d.add(new Disc(at[0] + u * c, at[1] + u * s, 9));
		List<double[]> nuc = new ArrayList<>();
		for (double u : new double[] { -62, -46, 46, 62, -18, 0, 18 }) nuc.add(new double[] { at[0] + u * c, at[1] + u * s });
		groups.add(List.of(new Cell(d, nuc.size())));
		paintNuclei(nuc);
	}

	/** A sausage 200 px long and 52 px thick (discs of radius 26 every 4 px) with seven nuclei along it. */
	private void elongated(double[] at, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle);
		List<Disc> d = new ArrayList<>();
		for (double u = -74; u <= 74; u += 4) d.add(new Disc(at[0] + u * c, at[1] + u * s, 26));
		List<double[]> nuc = new ArrayList<>();
		for (int k = 0; k < 7; k++) nuc.add(new double[] { at[0] + (k - 3) * 22 * c, at[1] + (k - 3) * 22 * s });
		groups.add(List.of(new Cell(d, nuc.size())));
		paintNuclei(nuc);
	}

	/** Three discs (r 30, 26, 24) overlapping heavily (passages w >= 0.8 of the smaller radius): one spread cell with 8 nuclei. */
	private void overlapping(double[] at, double angle) {
		List<Disc> d = new ArrayList<>();
		double[][] c = { { 0, 0, 30 }, { apart(30, 26, 0.85 * 26), 0, 26 }, { 0.4 * apart(30, 26, 0.85 * 26), apart(30, 24, 0.85 * 24), 24 } };
		double cs = Math.cos(angle), sn = Math.sin(angle);
		List<double[]> nuc = new ArrayList<>();
		for (double[] e : c) {
			double x = at[0] + e[0] * cs - e[1] * sn, y = at[1] + e[0] * sn + e[1] * cs;
			d.add(new Disc(x, y, e[2]));
		}
		for (int k = 0; k < 8; k++) {
			Disc e = d.get(k % 3);
			double a = angle + 2.4 * k;
			nuc.add(new double[] { e.x() + 0.45 * e.r() * Math.cos(a), e.y() + 0.45 * e.r() * Math.sin(a) });
		}
		groups.add(List.of(new Cell(d, nuc.size())));
		paintNuclei(nuc);
	}

	/** Lone TRAP+ mononuclear (r 10) and binucleated (r 16) cells, haematoxylin-only cells and TRAP+ debris (r 2.5-3). */
	private void distractors(double[] at) {
		double[][] mono = { { -70, -70 }, { 0, -80 }, { 70, -60 } };
		for (double[] m : mono) {
			Disc d = new Disc(at[0] + m[0], at[1] + m[1], 10);
			groups.add(List.of(new Cell(List.of(d), 1)));
			paintNuclei(List.of(new double[] { d.x(), d.y() }));
		}
		Disc bi = new Disc(at[0] - 40, at[1] + 10, 16);
		groups.add(List.of(new Cell(List.of(bi), 2)));
		paintNuclei(List.of(new double[] { bi.x() - 5, bi.y() }, new double[] { bi.x() + 5, bi.y() }));
		for (int u = 0; u < 4; u++) p.paintDisc(at[0] + 40 + (u % 2) * 9, at[1] + 10 + (u / 2) * 9, 4.5, TrapPhantom.HEM, 0.9);
		double[][] debris = { { -80, 70, 3 }, { -20, 80, 2.5 }, { 40, 75, 3 }, { 85, 40, 2.5 } };
		for (double[] e : debris) p.paintDisc(at[0] + e[0], at[1] + e[1], e[2], TrapPhantom.TRAP, 0.6);
	}

	/** A one-disc cell with n nuclei on a ring of 0.45 r, the ring turned so that no nucleus points at {@code neck}. */
	private Cell cell(Disc d, int n, double neck) {
		List<double[]> nuc = new ArrayList<>();
		if (n == 1) nuc.add(new double[] { d.x(), d.y() });
		else for (int k = 0; k < n; k++) {
			double a = neck + Math.PI / n + 2 * Math.PI * k / n;
			nuc.add(new double[] { d.x() + 0.45 * d.r() * Math.cos(a), d.y() + 0.45 * d.r() * Math.sin(a) });
		}
		paintNuclei(nuc);
		return new Cell(List.of(d), n);
	}

	private void paintNuclei(List<double[]> centres) {
		for (double[] c : centres) p.paintDisc(c[0], c[1], 4, TrapPhantom.HEM, 0.9);
	}

	// ---- geometry

	/** Whether (x, y) belongs to cell c of group g: inside one of its discs, and of least power among the group's discs that hold it. */
	static boolean inside(List<Cell> g, Cell c, double x, double y) {
		double own = Double.POSITIVE_INFINITY;
		for (Disc d : c.discs()) own = Math.min(own, power(d, x, y));
		if (own > 0) return false;
		for (Cell o : g) {
			if (o == c) continue;
			for (Disc d : o.discs()) if (power(d, x, y) < own) return false;
		}
		return true;
	}

	private static double power(Disc d, double x, double y) {
		return (x - d.x()) * (x - d.x()) + (y - d.y()) * (y - d.y()) - d.r() * d.r();
	}

	private void paintCell(List<Cell> g, Cell c) {
		double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
		for (Disc d : c.discs()) {
			x0 = Math.min(x0, d.x() - d.r());
			y0 = Math.min(y0, d.y() - d.r());
			x1 = Math.max(x1, d.x() + d.r());
			y1 = Math.max(y1, d.y() + d.r());
		}
		p.paint((x, y) -> inside(g, c, x, y), x0, y0, x1, y1, TrapPhantom.TRAP, 0.5);
	}

	/** The cell's area by 8 x 8 sampling per pixel. */
	static double area(List<Cell> g, Cell c) {
		double a = 0;
		int k = 8;
		for (Disc d : c.discs()) {
			// each sample counted once: by the first disc of the cell holding it
			int x0 = (int) Math.floor(d.x() - d.r()), x1 = (int) Math.ceil(d.x() + d.r()), y0 = (int) Math.floor(d.y() - d.r()), y1 = (int) Math.ceil(d.y() + d.r());
			for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) for (int sy = 0; sy < k; sy++) for (int sx = 0; sx < k; sx++) {
				double px = x + (sx + 0.5) / k, py = y + (sy + 0.5) / k;
				if (power(d, px, py) > 0 || !inside(g, c, px, py)) continue;
				boolean earlier = false;
				for (Disc e : c.discs()) {
					if (e == d) break;
					if (power(e, px, py) <= 0) earlier = true;
				}
				if (!earlier) a += 1.0 / (k * k);
			}
		}
		return a;
	}

	/** Length of the cell's outline on the glass: arcs of its circles outside every other disc of the group. */
	static double perimeter(List<Cell> g, Cell c) {
		double len = 0;
		int n = 20_000;
		for (Disc d : c.discs()) {
			for (int i = 0; i < n; i++) {
				double t = 2 * Math.PI * (i + 0.5) / n;
				double x = d.x() + d.r() * Math.cos(t), y = d.y() + d.r() * Math.sin(t);
				boolean covered = false;
				for (Cell o : g) for (Disc e : o.discs()) if (e != d && power(e, x, y) < 0) covered = true;
				if (!covered) len += 2 * Math.PI * d.r() / n;
			}
		}
		return len;
	}
}
