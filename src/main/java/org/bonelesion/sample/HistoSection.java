package org.bonelesion.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bonelesion.core.RgbImage;

/**
 * A synthetic TRAP-stained cross-section of a mouse long bone (1.6 x 1.2 mm slide) with its
 * exact truth: a cortical ring and trabecular profiles (polygons, so area and perimeter are
 * exact), marrow with scattered nuclei, an optional tumour of densely packed large nuclei,
 * osteoclasts (TRAP+ cells with 2 to 4 nuclei lying on bone, with a known contact length),
 * distractors (TRAP+ mononuclear cells on bone, TRAP+ multinucleated cells off bone, TRAP+
 * debris), and, optionally, woven-bone islands in the tumour, osteoblast rows and scalloped
 * eroded stretches. Rendered by Beer-Lambert mixing of {@link StainVectors}.
 */
public final class HistoSection {

	/** What a section should show. {@code ocPerMm}: target osteoclasts per mm of bone perimeter. */
	public record Design(long seed, double tumourFraction, double ocPerMm, boolean extras) {}

	/** One cell on the slide and what it is. Kinds: osteoclast, trap-mononuclear-on-bone, trap-multinuclear-off-bone, trap-debris, osteoblast. */
	public record Cell(int id, String kind, boolean trapPositive, int nuclei, double contactMm, double[] centroidMm, String surface,
		boolean inTumour) {

		Map<String, Object> toJson() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", id);
			m.put("kind", kind);
			m.put("trap_positive", trapPositive);
			m.put("nuclei", nuclei);
			m.put("contact_mm", contactMm);
			m.put("centroid_mm", centroidMm);
			m.put("surface", surface);
			m.put("in_tumour", inTumour);
			return m;
		}
	}

	/** A rendered section: the image, label maps (tissue class, cell id, nucleus id per pixel), cells and truth numbers. */
	public record Rendered(RgbImage image, int[] tissue, int[] cell, int[] nucleus, List<Cell> cells, Map<String, Object> truth) {

		/** Tissue classes in {@link #tissue}: 0 slide, 1 soft tissue or marrow, 2 bone, 3 tumour. */
		public static final int SLIDE = 0, SOFT = 1, BONE = 2, TUMOUR = 3;

		/** Osteoclasts only. */
		public List<Cell> osteoclasts() {
			return cells.stream().filter(c -> c.kind.equals("osteoclast")).toList();
		}
	}

	private static final class Ring {
		final Polygon2 poly;
		final String name;
		final boolean inTumour;
		final double[] cum;
		final List<double[]> used = new ArrayList<>();
		double eroded;

		Ring(Polygon2 p, String name, boolean inTumour) {
			poly = p;
			this.name = name;
			this.inTumour = inTumour;
			int n = p.size();
			cum = new double[n + 1];
			for (int i = 0; i < n; i++) {
				int j = (i + 1) % n;
				cum[i + 1] = cum[i] + Math.hypot(p.x()[j] - p.x()[i], p.y()[j] - p.y()[i]);
			}
		}

		double length() {
			return cum[cum.length - 1];
		}

		/** Point and unit tangent at arc length s (wrapped). */
		double[] at(double s) {
			double len = length();
			s = ((s % len) + len) % len;
			int lo = 0, hi = cum.length - 1;
			while (hi - lo > 1) {
				int mid = (lo + hi) >>> 1;
				if (cum[mid] <= s) lo = mid;
				else hi = mid;
			}
			int n = poly.size(), j = (lo + 1) % n;
			double seg = cum[lo + 1] - cum[lo], f = seg > 0 ? (s - cum[lo]) / seg : 0;
			double dx = poly.x()[j] - poly.x()[lo], dy = poly.y()[j] - poly.y()[lo];
			return new double[] { poly.x()[lo] + f * dx, poly.y()[lo] + f * dy, dx / seg, dy / seg };
		}

		boolean free(double from, double to, double gap) {
			double len = length();
			for (double[] u : used) {
				for (int w = -1; w <= 1; w++) {
					double a = u[0] + w * len, b = u[1] + w * len;
					if (from < b + gap && to > a - gap) return false;
				}
			}
			return true;
		}
	}

	private final Design design;
	private final double pixelMm;
	private final int width, height;
	private final Random rnd;
	private final StainCanvas canvas;
	private final List<Ring> rings = new ArrayList<>();
	private final List<Polygon2> bone = new ArrayList<>();
	private final List<Cell> cells = new ArrayList<>();
	private Polygon2 tissueOutline;
	private int nextNucleus = 1;

	private HistoSection(Design design, double pixelMm) {
		this.design = design;
		this.pixelMm = pixelMm;
		width = (int) Math.round(1.6 / pixelMm);
		height = (int) Math.round(1.2 / pixelMm);
		rnd = new Random(design.seed);
		canvas = new StainCanvas(width, height, pixelMm);
	}

	/** Renders a section at the given pixel size (mm; 0.001 gives 1600 x 1200). */
	public static Rendered render(Design design, double pixelMm) {
		return new HistoSection(design, pixelMm).build();
	}

	private double[] wobble(int k) {
		double[] a = new double[k];
		for (int i = 0; i < k; i++) a[i] = 0.01 + 0.01 * rnd.nextDouble();
		return a;
	}

	private double[] phases(int k) {
		double[] a = new double[k];
		for (int i = 0; i < k; i++) a[i] = 2 * Math.PI * rnd.nextDouble();
		return a;
	}

	private Rendered build() {
		double cx = 0.8, cy = 0.6, phi = Math.toRadians(-10 + 20 * rnd.nextDouble());
		double[] amp = wobble(3), ph = phases(3);
		tissueOutline = Polygon2.blob(cx, cy, 0.72, 0.52, phi, amp, ph, 900);
		Polygon2 cortexOut = Polygon2.blob(cx, cy, 0.65, 0.46, phi, amp, ph, 900);
		Polygon2 cortexIn = Polygon2.blob(cx, cy, 0.57, 0.38, phi, amp, ph, 900);
		rings.add(new Ring(cortexOut, "cortex-periosteal", false));
		rings.add(new Ring(cortexIn, "cortex-endosteal", false));
		bone.add(cortexOut);
		bone.add(cortexIn);

		// tumour
		Polygon2 tumour = null;
		double tumourR = 0, tx = 0, ty = 0, tAmp = 0.06;
		if (design.tumourFraction > 0) {
			double target = design.tumourFraction * tissueOutline.area();
			tumourR = Math.sqrt(target / Math.PI);
			tx = cx + 0.1 * (2 * rnd.nextDouble() - 1);
			ty = cy + 0.04 * (2 * rnd.nextDouble() - 1);
			tumour = Polygon2.blob(tx, ty, tumourR, tumourR, 0, new double[] { tAmp / 2, tAmp / 2 }, phases(2), 600);
		}
		double tMin = tumourR * (1 - tAmp), tMax = tumourR * (1 + tAmp);

		// trabeculae (and engulfed ones inside the tumour), never touching each other
		List<double[]> discs = new ArrayList<>();
		int wanted = 14, inside = 0, attempts = 0;
		int scalloped = 0;
		while (discs.size() < wanted && attempts++ < 20000) {
			double a = 0.04 + 0.06 * rnd.nextDouble(), b = 0.015 + 0.015 * rnd.nextDouble(), rho = a * 1.12;
			boolean forceIn = tumour != null && inside < 2;
			double px, py;
			if (forceIn) {
				a = Math.min(a, 0.4 * tMin);
				rho = a * 1.12;
				double ang = 2 * Math.PI * rnd.nextDouble(), rr = (tMin - rho - 0.03) * Math.sqrt(rnd.nextDouble());
				if (tMin - rho - 0.03 <= 0) break;
				px = tx + rr * Math.cos(ang);
				py = ty + rr * Math.sin(ang);
			} else {
				px = cx + 0.57 * (2 * rnd.nextDouble() - 1);
				py = cy + 0.38 * (2 * rnd.nextDouble() - 1);
			}
			double du = (px - cx) * Math.cos(phi) + (py - cy) * Math.sin(phi), dv = -(px - cx) * Math.sin(phi) + (py - cy) * Math.cos(phi);
			double ea = 0.57 * 0.97 - rho - 0.035, eb = 0.38 * 0.97 - rho - 0.035;
			if (ea <= 0 || eb <= 0 || (du * du) / (ea * ea) + (dv * dv) / (eb * eb) > 1) continue;
			boolean ok = true;
			for (double[] d : discs) if (Math.hypot(d[0] - px, d[1] - py) < d[2] + rho + 0.04) ok = false;
			boolean in = false;
			if (tumour != null) {
				double dt = Math.hypot(px - tx, py - ty);
				if (dt + rho < tMin - 0.03) in = true;
				else if (dt - rho < tMax + 0.03) ok = false;
			}
			if (!ok) continue;
			Polygon2 p;
			Ring ring;
			boolean scallop = design.extras && !in && scalloped < 3 && discs.size() % 2 == 1;
			double ang0 = 2 * Math.PI * rnd.nextDouble();
			double[] eroded = new double[1];
			p = trabecula(px, py, a, b, 2 * Math.PI * rnd.nextDouble(), scallop ? ang0 : Double.NaN, new Random(design.seed * 7919 + discs.size()), eroded);
			ring = new Ring(p, "trabecula-" + (discs.size() + 1), in);
			if (scallop) {
				ring.eroded = eroded[0];
				scalloped++;
			}
			discs.add(new double[] { px, py, rho });
			if (in) inside++;
			rings.add(ring);
			bone.add(p);
		}
		// woven-bone islands inside the tumour
		List<Polygon2> woven = new ArrayList<>();
		if (design.extras && tumour != null) {
			attempts = 0;
			while (woven.size() < 3 && attempts++ < 5000) {
				double a = 0.012 + 0.01 * rnd.nextDouble(), rho = a * 1.12;
				double ang = 2 * Math.PI * rnd.nextDouble(), rr = (tMin - rho - 0.03) * Math.sqrt(rnd.nextDouble());
				double px = tx + rr * Math.cos(ang), py = ty + rr * Math.sin(ang);
				boolean ok = true;
				for (double[] d : discs) if (Math.hypot(d[0] - px, d[1] - py) < d[2] + rho + 0.04) ok = false;
				if (!ok) continue;
				Polygon2 p = Polygon2.blob(px, py, a, a * 0.7, 2 * Math.PI * rnd.nextDouble(), new double[] { 0.06, 0.04 }, phases(2), 240);
				discs.add(new double[] { px, py, rho });
				woven.add(p);
				rings.add(new Ring(p, "woven-" + woven.size(), true));
				bone.add(p);
			}
		}

		// paint tissue, bone, tumour
		canvas.paint(canvas.mask(List.of(tissueOutline)), 0.10, 0, 0.06, StainCanvas.SOFT, 0, 0);
		canvas.paint(canvas.mask(List.of(cortexOut, cortexIn)), 0.04, 0, 0.22, StainCanvas.BONE, 0, 0);
		for (Ring r : rings) {
			if (r.name.startsWith("trabecula")) canvas.paint(canvas.mask(List.of(r.poly)), 0.04, 0, 0.22, StainCanvas.BONE, 0, 0);
		}
		for (Polygon2 w : woven) canvas.paint(canvas.mask(List.of(w)), 0.16, 0, 0.16, StainCanvas.BONE, 0, 0);
		double tumourArea = 0;
		if (tumour != null) {
			List<Polygon2> tr = new ArrayList<>();
			tr.add(tumour);
			tumourArea = tumour.area();
			for (Ring r : rings) {
				if (r.inTumour) {
					tr.add(r.poly);
					tumourArea -= r.poly.area();
				}
			}
			canvas.paint(canvas.mask(tr), 0.28, 0, 0.04, StainCanvas.TUMOUR, 0, 0);
		}

		// cells on the bone surface
		double bPm = 0;
		for (Ring r : rings) bPm += r.poly.perimeter();
		int nOc = (int) Math.round(design.ocPerMm * bPm);
		int placed = 0;
		attempts = 0;
		while (placed < nOc && attempts++ < 200000) {
			int k = 2 + rnd.nextInt(3);
			if (surfaceCell("osteoclast", true, k, (9 * k + 7) / 1000.0, 0.014, 0.006, 0.75, 0.08)) placed++;
		}
		int nMono = 3 + nOc / 4;
		for (int i = 0, a = 0; i < nMono && a < 20000; a++) if (surfaceCell("trap-mononuclear-on-bone", true, 1, 0.016, 0.010, 0.005, 0.7, 0.08)) i++;
		for (int i = 0, a = 0; i < 5 && a < 20000; a++) {
			double r = 0.002 + 0.002 * rnd.nextDouble();
			if (surfaceCell("trap-debris", true, 0, 2 * r, r, 0, 0.8, 0.0)) i++;
		}
		if (design.extras) {
			for (int i = 0, a = 0; i < 4 && a < 20000; a++) if (osteoblastRow(6 + rnd.nextInt(5))) i++;
		}
		for (int i = 0, a = 0; i < 4 && a < 20000; a++) if (offBoneCell("trap-multinuclear-off-bone", 3 + rnd.nextInt(2), 0.019, 0.013)) i++;
		for (int i = 0, a = 0; i < 6 && a < 20000; a++) if (offBoneCell("trap-debris", 0, 0.003 + 0.002 * rnd.nextDouble(), 0.003)) i++;

		// background nuclei: marrow and soft tissue, then the tumour's dense large nuclei
		scatterNuclei(StainCanvas.SOFT, 0.0025, 0.0035, 0.009, 0.85, 26000);
		if (tumour != null) scatterNuclei(StainCanvas.TUMOUR, 0.0045, 0.0055, 0.0115, 0.8, 40000);

		RgbImage img = canvas.render(design.seed * 31 + 7, 2.0);
		return new Rendered(img, canvas.tissue, canvas.cell, canvas.nucleus, List.copyOf(cells), truth(tumourArea, woven));
	}

	/**
	 * A trabecular profile (an ellipse with a little low-order waviness). If theta0 is a number,
	 * a stretch of one flat side (the one facing direction theta0 of the ellipse parameter) is
	 * scalloped by 2 to 5 contiguous Howship's lacunae; {@code erodedOut[0]} receives the
	 * length of their outline. {@code lacunae} draws their sizes (a stream of its own, so that
	 * the rest of the section does not depend on them).
	 */
	private Polygon2 trabecula(double cx, double cy, double a, double b, double phi, double theta0, Random lacunae, double[] erodedOut) {
		int n = 720;
		double[] amp = { 0.05 * rnd.nextDouble(), 0.04 * rnd.nextDouble() }, ph = phases(2);
		double[] x = new double[n], y = new double[n];
		double c = Math.cos(phi), s = Math.sin(phi);
		for (int i = 0; i < n; i++) {
			double t = 2 * Math.PI * i / n;
			double m = 1 + amp[0] * Math.cos(2 * t + ph[0]) + amp[1] * Math.cos(3 * t + ph[1]);
			double u = a * m * Math.cos(t), v = b * m * Math.sin(t);
			x[i] = cx + u * c - v * s;
			y[i] = cy + u * s + v * c;
		}
		Polygon2 smooth = new Polygon2(x, y);
		if (Double.isNaN(theta0)) return smooth;
		double tc = (Math.sin(theta0) >= 0 ? Math.PI / 2 : 3 * Math.PI / 2) + 0.3 * Math.cos(theta0);
		return scallop(smooth, (int) Math.round(tc / (2 * Math.PI) * n), Math.min(1.3 * a, MAX_SCALLOPED_MM), 0.4 * b, lacunae, erodedOut);
	}

	/** Widest lacuna, narrowest, deepest, shallowest (mm): Howship's lacunae are bays about 20-60 um wide, 5-15 um deep. */
	static final double LACUNA_MAX_WIDTH_MM = 0.040, LACUNA_MIN_WIDTH_MM = 0.020, LACUNA_MAX_DEPTH_MM = 0.012, LACUNA_MIN_DEPTH_MM = 0.006;

	/** Longest scalloped stretch (mm of chord). */
	static final double MAX_SCALLOPED_MM = 0.160;

	/**
	 * Carves contiguous circular bays (resorption lacunae) into the outline of a simple polygon,
	 * centred on vertex {@code centre}, along at most {@code maxStretch} mm of outline: each bay
	 * is the outline's chord between two points of the outline replaced by an arc of the circle
	 * through them whose deepest point lies {@code depth} inside the chord (a disc bitten out of
	 * the bone); neighbouring bays meet at a cusp on the original outline. Sets
	 * {@code erodedOut[0]} to the length of the carved outline (the polygon edges drawn).
	 */
	static Polygon2 scallop(Polygon2 smooth, int centre, double maxStretch, double maxDepth, Random lacunae, double[] erodedOut) {
		int n = smooth.size();
		double[] cum = new double[n + 1];
		for (int i = 0; i < n; i++) {
			int j = (i + 1) % n;
			cum[i + 1] = cum[i] + Math.hypot(smooth.x()[j] - smooth.x()[i], smooth.y()[j] - smooth.y()[i]);
		}
		int count = 2 + lacunae.nextInt(4);
		double[] width = new double[count], depth = new double[count];
		double total = 0;
		for (int k = 0; k < count; k++) {
			width[k] = LACUNA_MIN_WIDTH_MM + (LACUNA_MAX_WIDTH_MM - LACUNA_MIN_WIDTH_MM) * lacunae.nextDouble();
			depth[k] = Math.min(Math.min(maxDepth, 0.45 * width[k]), LACUNA_MIN_DEPTH_MM + (LACUNA_MAX_DEPTH_MM - LACUNA_MIN_DEPTH_MM) * lacunae.nextDouble());
			total += width[k];
		}
		while (count > 1 && total > maxStretch) total -= width[--count];
		double sign = smooth.signedArea() > 0 ? 1 : -1; // left normal points into the bone when the signed area is positive
		// outline points at the bays' ends, by arc length from the centre vertex (arc ~ chord on a flat side)
		double s0 = cum[centre] - total / 2;
		if (s0 < 0 || s0 + total > cum[n]) throw new IllegalStateException("scalloped stretch wraps the polygon start");
		List<double[]> out = new ArrayList<>();
		int i = 0;
		for (; i < n && cum[i] < s0; i++) out.add(new double[] { smooth.x()[i], smooth.y()[i] });
		double[] p0 = pointAt(smooth, cum, s0);
		double s = s0, eroded = 0;
		out.add(p0);
		double[] prev = p0;
		for (int k = 0; k < count; k++) {
			s += width[k];
			double[] p1 = pointAt(smooth, cum, s);
			double ex = p1[0] - p0[0], ey = p1[1] - p0[1], chord = Math.hypot(ex, ey);
			ex /= chord;
			ey /= chord;
			double nx = -ey * sign, ny = ex * sign; // into the bone
			double d = depth[k], r = (chord * chord / 4 + d * d) / (2 * d), theta = Math.asin(Math.min(1, chord / (2 * r)));
			double mx = (p0[0] + p1[0]) / 2, my = (p0[1] + p1[1]) / 2, ccx = mx - nx * (r - d), ccy = my - ny * (r - d);
			int steps = Math.max(8, (int) Math.ceil(2 * theta * r / 0.0004));
			for (int q = 1; q <= steps; q++) {
				double psi = -theta + 2 * theta * q / steps;
				double[] pt = q == steps ? p1 : new double[] { ccx + r * (nx * Math.cos(psi) + ex * Math.sin(psi)), ccy + r * (ny * Math.cos(psi) + ey * Math.sin(psi)) };
				eroded += Math.hypot(pt[0] - prev[0], pt[1] - prev[1]);
				out.add(pt);
				prev = pt;
			}
			p0 = p1;
		}
		for (i = 0; i < n && cum[i] <= s; i++) {
			// skip the vertices replaced by the bays
		}
		for (; i < n; i++) out.add(new double[] { smooth.x()[i], smooth.y()[i] });
		double[] xs = new double[out.size()], ys = new double[out.size()];
		for (int k = 0; k < xs.length; k++) {
			xs[k] = out.get(k)[0];
			ys[k] = out.get(k)[1];
		}
		erodedOut[0] = eroded;
		return new Polygon2(xs, ys);
	}

	/** The point of a closed polygon at arc length s from vertex 0 ({@code cum}: cumulative edge lengths). */
	private static double[] pointAt(Polygon2 p, double[] cum, double s) {
		int n = p.size(), lo = 0, hi = n;
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			if (cum[mid] <= s) lo = mid;
			else hi = mid;
		}
		int j = (lo + 1) % n;
		double seg = cum[lo + 1] - cum[lo], f = seg > 0 ? (s - cum[lo]) / seg : 0;
		return new double[] { p.x()[lo] + f * (p.x()[j] - p.x()[lo]), p.y()[lo] + f * (p.y()[j] - p.y()[lo]) };
	}

	private Ring pickRing() {
		double total = 0;
		for (Ring r : rings) total += r.length();
		double u = rnd.nextDouble() * total;
		for (Ring r : rings) {
			if (u < r.length()) return r;
			u -= r.length();
		}
		return rings.get(rings.size() - 1);
	}

	/** +1 or -1: the side of the ring (left normal) away from bone at arc length s. */
	private int outwardSign(Ring r, double s) {
		double[] p = r.at(s);
		double nx = -p[3], ny = p[2];
		double probe = 0.003;
		return insideBone(p[0] + nx * probe, p[1] + ny * probe) ? -1 : 1;
	}

	private boolean insideBone(double x, double y) {
		int i = (int) Math.floor(x / pixelMm), j = (int) Math.floor(y / pixelMm);
		if (i < 0 || j < 0 || i >= width || j >= height) return false;
		return canvas.tissue[j * width + i] == StainCanvas.BONE;
	}

	private boolean insideTissueNotBone(double x, double y) {
		int i = (int) Math.floor(x / pixelMm), j = (int) Math.floor(y / pixelMm);
		if (i < 0 || j < 0 || i >= width || j >= height) return false;
		int t = canvas.tissue[j * width + i];
		return t == StainCanvas.SOFT || t == StainCanvas.TUMOUR;
	}

	/** The polygon of a dome-shaped cell on ring r over [s0, s1], of height h, on side sign. */
	private Polygon2 dome(Ring r, double s0, double s1, double h, int sign, double power, List<double[]> topOut) {
		int n = Math.max(8, (int) Math.ceil((s1 - s0) / 0.0005));
		double[] x = new double[2 * (n + 1)], y = new double[2 * (n + 1)];
		for (int i = 0; i <= n; i++) {
			double s = s0 + (s1 - s0) * i / n;
			double[] p = r.at(s);
			x[i] = p[0];
			y[i] = p[1];
			double u = 2.0 * i / n - 1;
			double hh = h * Math.pow(Math.max(0, 1 - u * u), power);
			double[] q = r.at(s);
			double nx = -q[3] * sign, ny = q[2] * sign;
			x[2 * n + 1 - i] = p[0] + nx * hh;
			y[2 * n + 1 - i] = p[1] + ny * hh;
			if (i > 0 && i < n) topOut.add(new double[] { p[0] + nx * hh, p[1] + ny * hh });
		}
		return new Polygon2(x, y);
	}

	/** Places one cell lying on bone; false if the spot was not free. */
	private boolean surfaceCell(String kind, boolean trap, int nuclei, double contact, double h, double nucleusHeight, double trapAmount,
		double hAmount) {
		Ring r = pickRing();
		double s = rnd.nextDouble() * r.length();
		double s0 = s - contact / 2, s1 = s + contact / 2;
		if (!r.free(s0, s1, 0.006) || !gentle(r, s0, s1)) return false;
		int sign = outwardSign(r, s);
		List<double[]> top = new ArrayList<>();
		Polygon2 cellPoly = dome(r, s0, s1, h, sign, nuclei == 0 ? 0.5 : 0.35, top);
		for (double[] t : top) if (!insideTissueNotBone(t[0], t[1])) return false;
		Raster.Mask m = canvas.mask(List.of(cellPoly));
		if (hitsCell(m)) return false;
		List<Raster.Mask> nucMasks = new ArrayList<>();
		for (int k = 0; k < nuclei; k++) {
			double sk = s + (k - (nuclei - 1) / 2.0) * 0.009;
			double[] p = r.at(sk);
			double nx = -p[3] * sign, ny = p[2] * sign;
			Polygon2 e = Polygon2.ellipse(p[0] + nx * nucleusHeight, p[1] + ny * nucleusHeight, 0.0035, 0.0028, Math.atan2(p[3], p[2]), 28);
			nucMasks.add(canvas.mask(List.of(e)));
		}
		int id = cells.size() + 1;
		canvas.paint(m, hAmount, trap ? trapAmount : 0, 0, -1, id, 0);
		for (Raster.Mask nm : nucMasks) canvas.paint(nm, 0.9, trap ? trapAmount : 0, 0, -1, id, nextNucleus++);
		r.used.add(new double[] { s0, s1 });
		cells.add(new Cell(id, kind, trap, nuclei, contact, cellPoly.centroid(), r.name, r.inTumour));
		return true;
	}

	private boolean hitsCell(Raster.Mask m) {
		for (int j = 0; j < m.h(); j++) {
			for (int i = 0; i < m.w(); i++) {
				if (!m.centre()[j * m.w() + i]) continue;
				if (canvas.cell[(m.y0() + j) * width + m.x0() + i] != 0) return true;
			}
		}
		return false;
	}

	/** True if the surface turns by less than 35 degrees over [s0, s1] (no cell on a sharp tip). */
	private static boolean gentle(Ring r, double s0, double s1) {
		double[] a = r.at(s0);
		for (int i = 1; i <= 8; i++) {
			double[] b = r.at(s0 + (s1 - s0) * i / 8);
			if (a[2] * b[2] + a[3] * b[3] < Math.cos(Math.toRadians(35))) return false;
		}
		return true;
	}

	/** A row of cuboidal TRAP-negative osteoblasts, each with a dense nucleus, lining bone. */
	private boolean osteoblastRow(int count) {
		Ring r = pickRing();
		double w = 0.010, s = rnd.nextDouble() * r.length();
		double s0 = s - count * w / 2;
		if (!r.free(s0, s0 + count * w, 0.006) || !gentle(r, s0, s0 + count * w)) return false;
		int sign = outwardSign(r, s);
		List<Polygon2> polys = new ArrayList<>();
		List<Raster.Mask> masks = new ArrayList<>();
		for (int c = 0; c < count; c++) {
			List<double[]> top = new ArrayList<>();
			Polygon2 p = dome(r, s0 + c * w, s0 + (c + 1) * w, 0.009, sign, 0.08, top);
			for (double[] t : top) if (!insideTissueNotBone(t[0], t[1])) return false;
			Raster.Mask m = canvas.mask(List.of(p));
			if (hitsCell(m)) return false;
			polys.add(p);
			masks.add(m);
		}
		for (int c = 0; c < count; c++) {
			int id = cells.size() + 1;
			canvas.paint(masks.get(c), 0.30, 0, 0.05, -1, id, 0);
			double[] p = r.at(s0 + (c + 0.5) * w);
			double nx = -p[3] * sign, ny = p[2] * sign;
			Polygon2 e = Polygon2.ellipse(p[0] + nx * 0.0045, p[1] + ny * 0.0045, 0.0032, 0.0028, Math.atan2(p[3], p[2]), 28);
			canvas.paint(canvas.mask(List.of(e)), 1.0, 0, 0, -1, id, nextNucleus++);
			cells.add(new Cell(id, "osteoblast", false, 1, w, polys.get(c).centroid(), r.name, r.inTumour));
		}
		r.used.add(new double[] { s0, s0 + count * w });
		return true;
	}

	/** A TRAP+ cell in the marrow at least 15 um from bone. */
	private boolean offBoneCell(String kind, int nuclei, double a, double b) {
		double[] bb = tissueOutline.bounds();
		double px = bb[0] + (bb[2] - bb[0]) * rnd.nextDouble(), py = bb[1] + (bb[3] - bb[1]) * rnd.nextDouble();
		double phi = Math.PI * rnd.nextDouble();
		Polygon2 halo = Polygon2.ellipse(px, py, a + 0.015, b + 0.015, phi, 48);
		for (int i = 0; i < halo.size(); i++) if (!insideTissueNotBone(halo.x()[i], halo.y()[i])) return false;
		Raster.Mask haloMask = canvas.mask(List.of(halo));
		if (hitsCell(haloMask) || hitsBone(haloMask)) return false;
		Polygon2 p = Polygon2.ellipse(px, py, a, b, phi, 64);
		int id = cells.size() + 1;
		canvas.paint(canvas.mask(List.of(p)), 0.08, 0.75, 0, -1, id, 0);
		for (int k = 0; k < nuclei; k++) {
			double off = (k - (nuclei - 1) / 2.0) * 0.009;
			Polygon2 e = Polygon2.ellipse(px + off * Math.cos(phi), py + off * Math.sin(phi), 0.0035, 0.0028, phi, 28);
			canvas.paint(canvas.mask(List.of(e)), 0.9, 0.75, 0, -1, id, nextNucleus++);
		}
		boolean inT = canvas.tissue[(int) (py / pixelMm) * width + (int) (px / pixelMm)] == StainCanvas.TUMOUR;
		cells.add(new Cell(id, kind, true, nuclei, 0, p.centroid(), "", inT));
		return true;
	}

	private boolean hitsBone(Raster.Mask m) {
		for (int j = 0; j < m.h(); j++) {
			for (int i = 0; i < m.w(); i++) {
				if (m.centre()[j * m.w() + i] && canvas.tissue[(m.y0() + j) * width + m.x0() + i] == StainCanvas.BONE) return true;
			}
		}
		return false;
	}

	/** Dart-throws round nuclei (not cells) into pixels of one tissue class, none touching bone, cells or each other. */
	private void scatterNuclei(int tissueClass, double rMin, double rMax, double minDist, double amount, int tries) {
		double[] bb = tissueOutline.bounds();
		double cell = minDist;
		int gw = (int) Math.ceil((bb[2] - bb[0]) / cell) + 1, gh = (int) Math.ceil((bb[3] - bb[1]) / cell) + 1;
		List<List<double[]>> grid = new ArrayList<>();
		for (int i = 0; i < gw * gh; i++) grid.add(null);
		for (int t = 0; t < tries; t++) {
			double px = bb[0] + (bb[2] - bb[0]) * rnd.nextDouble(), py = bb[1] + (bb[3] - bb[1]) * rnd.nextDouble();
			double rad = rMin + (rMax - rMin) * rnd.nextDouble();
			int i = (int) Math.floor(px / pixelMm), j = (int) Math.floor(py / pixelMm);
			if (i < 0 || j < 0 || i >= width || j >= height || canvas.tissue[j * width + i] != tissueClass) continue;
			int gx = (int) ((px - bb[0]) / cell), gy = (int) ((py - bb[1]) / cell);
			boolean ok = true;
			for (int dy = -1; dy <= 1 && ok; dy++) {
				for (int dx = -1; dx <= 1 && ok; dx++) {
					int x = gx + dx, y = gy + dy;
					if (x < 0 || y < 0 || x >= gw || y >= gh || grid.get(y * gw + x) == null) continue;
					for (double[] q : grid.get(y * gw + x)) if (Math.hypot(q[0] - px, q[1] - py) < minDist) ok = false;
				}
			}
			if (!ok) continue;
			Polygon2 e = Polygon2.ellipse(px, py, rad, rad * (0.8 + 0.2 * rnd.nextDouble()), Math.PI * rnd.nextDouble(), 24);
			Polygon2 halo = Polygon2.ellipse(px, py, rad + 0.0015, rad + 0.0015, 0, 24);
			Raster.Mask hm = canvas.mask(List.of(halo));
			if (hitsCell(hm) || hitsBone(hm)) continue;
			boolean inside = true;
			for (int v = 0; v < halo.size(); v++) if (!insideTissueNotBone(halo.x()[v], halo.y()[v])) inside = false;
			if (!inside) continue;
			canvas.paint(canvas.mask(List.of(e)), amount, 0, 0, -1, 0, nextNucleus++);
			if (grid.get(gy * gw + gx) == null) grid.set(gy * gw + gx, new ArrayList<>());
			grid.get(gy * gw + gx).add(new double[] { px, py });
		}
	}

	private Map<String, Object> truth(double tumourArea, List<Polygon2> woven) {
		double tAr = tissueOutline.area(), bAr = 0, bPm = 0, ePm = 0, tbi = 0, woAr = 0;
		for (Ring r : rings) {
			bPm += r.poly.perimeter();
			ePm += r.eroded;
			if (r.inTumour) tbi += r.poly.perimeter();
		}
		bAr = rings.get(0).poly.area() - rings.get(1).poly.area();
		for (int i = 2; i < rings.size(); i++) bAr += rings.get(i).poly.area();
		for (Polygon2 w : woven) woAr += w.area();
		int nOc = 0, nOcT = 0, nOb = 0;
		double ocPm = 0, ocPmT = 0, obPm = 0;
		for (Cell c : cells) {
			if (c.kind.equals("osteoclast")) {
				nOc++;
				ocPm += c.contactMm;
				if (c.inTumour) {
					nOcT++;
					ocPmT += c.contactMm;
				}
			} else if (c.kind.equals("osteoblast")) {
				nOb++;
				obPm += c.contactMm;
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("Pixel (um)", pixelMm * 1000);
		m.put("T.Ar (mm^2)", tAr);
		m.put("B.Ar (mm^2)", bAr);
		m.put("B.Ar/T.Ar (%)", 100 * bAr / tAr);
		m.put("B.Pm (mm)", bPm);
		m.put("N.Oc", nOc);
		m.put("Oc.Pm (mm)", ocPm);
		m.put("N.Oc/B.Pm (1/mm)", nOc / bPm);
		m.put("Oc.Pm/B.Pm (%)", 100 * ocPm / bPm);
		m.put("Tm.Ar (mm^2)", tumourArea);
		m.put("Tm.Ar/T.Ar (%)", 100 * tumourArea / tAr);
		if (design.extras) {
			m.put("Wo.B.Ar (mm^2)", woAr);
			m.put("Wo.B.Ar/T.Ar (%)", 100 * woAr / tAr);
			m.put("N.Ob", nOb);
			m.put("N.Ob/B.Pm (1/mm)", nOb / bPm);
			m.put("Ob.Pm/B.Pm (%)", 100 * obPm / bPm);
			m.put("E.Pm/B.Pm (%)", 100 * ePm / bPm);
			m.put("TBI (mm)", tbi);
			m.put("N.Oc/TBI (1/mm)", tbi > 0 ? nOcT / tbi : Double.NaN);
			m.put("Oc.Pm/TBI (%)", tbi > 0 ? 100 * ocPmT / tbi : Double.NaN);
			m.put("Ob.Pm (mm)", obPm);
			m.put("E.Pm (mm)", ePm);
		}
		return m;
	}
}
