package org.bonelesion.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bonelesion.core.RgbImage;

/**
 * A synthetic TRAP-stained osteoclast culture well (1.6 x 1.2 mm): TRAP+ cells with 1 to 12
 * nuclei on a pale background, plus mononuclear dark (haematoxylin) dots. Truth: the number of
 * TRAP+ cells with at least 3 nuclei ({@code N.TRAP+MNC}) and the TRAP+ area.
 */
public final class CultureWell {

	/** One TRAP+ cell. */
	public record Cell(int id, int nuclei, double areaMm2, double[] centroidMm) {}

	/** The rendered well: image, label maps (cell id, nucleus id per pixel), cells and truth. */
	public record Rendered(RgbImage image, int[] cell, int[] nucleus, List<Cell> cells, Map<String, Object> truth) {}

	private CultureWell() {}

	/** Renders a well with {@code cellCount} TRAP+ cells at the given pixel size (mm). */
	public static Rendered render(long seed, int cellCount, double pixelMm) {
		int w = (int) Math.round(1.6 / pixelMm), h = (int) Math.round(1.2 / pixelMm);
		StainCanvas c = new StainCanvas(w, h, pixelMm);
		Random rnd = new Random(seed);
		Polygon2 all = new Polygon2(new double[] { 0, 1.6, 1.6, 0 }, new double[] { 0, 0, 1.2, 1.2 });
		c.paint(c.mask(List.of(all)), 0.03, 0.02, 0.01, StainCanvas.SOFT, 0, 0);
		List<Cell> cells = new ArrayList<>();
		List<double[]> discs = new ArrayList<>();
		int nucleusId = 1;
		for (int a = 0; cells.size() < cellCount && a < 20000; a++) {
			int k = 1 + (int) Math.floor(12 * Math.pow(rnd.nextDouble(), 1.4));
			double ring = k == 1 ? 0 : 0.0105 * k / (2 * Math.PI) + (k <= 3 ? 0.004 : 0);
			double r = ring + 0.013;
			double px = r + 0.02 + (1.6 - 2 * r - 0.04) * rnd.nextDouble(), py = r + 0.02 + (1.2 - 2 * r - 0.04) * rnd.nextDouble();
			boolean ok = true;
			for (double[] d : discs) if (Math.hypot(d[0] - px, d[1] - py) < d[2] * 1.1 + r * 1.1 + 0.02) ok = false;
			if (!ok) continue;
			double[] ph = { 2 * Math.PI * rnd.nextDouble(), 2 * Math.PI * rnd.nextDouble() };
			Polygon2 p = Polygon2.blob(px, py, r, r * (0.85 + 0.1 * rnd.nextDouble()), Math.PI * rnd.nextDouble(), new double[] { 0.05, 0.04 }, ph,
				240);
			int id = cells.size() + 1;
			c.paint(c.mask(List.of(p)), 0.06, 0.7, 0, -1, id, 0);
			double start = 2 * Math.PI * rnd.nextDouble();
			for (int n = 0; n < k; n++) {
				double ang = start + 2 * Math.PI * n / k;
				Polygon2 e = Polygon2.ellipse(px + ring * Math.cos(ang), py + ring * Math.sin(ang), 0.0038, 0.003, ang, 28);
				c.paint(c.mask(List.of(e)), 0.85, 0.7, 0, -1, id, nucleusId++);
			}
			discs.add(new double[] { px, py, r });
			cells.add(new Cell(id, k, p.area(), p.centroid()));
		}
		// mononuclear dark dots away from cells
		for (int a = 0, made = 0; made < 600 && a < 20000; a++) {
			double px = 0.01 + 1.58 * rnd.nextDouble(), py = 0.01 + 1.18 * rnd.nextDouble();
			boolean ok = true;
			for (double[] d : discs) if (Math.hypot(d[0] - px, d[1] - py) < d[2] * 1.1 + 0.012) ok = false;
			if (!ok) continue;
			double rad = 0.003 + 0.0015 * rnd.nextDouble();
			c.paint(c.mask(List.of(Polygon2.ellipse(px, py, rad, rad * 0.85, Math.PI * rnd.nextDouble(), 24))), 0.9, 0, 0, -1, 0, nucleusId++);
			discs.add(new double[] { px, py, rad });
			made++;
		}
		int mnc = 0;
		double trapAr = 0, mncAr = 0;
		for (Cell cell : cells) {
			trapAr += cell.areaMm2;
			if (cell.nuclei >= 3) {
				mnc++;
				mncAr += cell.areaMm2;
			}
		}
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("Pixel (um)", pixelMm * 1000);
		t.put("N.TRAP+MNC", mnc);
		t.put("TRAP+.Ar (mm^2)", trapAr);
		t.put("TRAP+MNC.Ar (mm^2)", mncAr);
		t.put("TRAP+ cells", cells.size());
		return new Rendered(c.render(seed * 17 + 3, 2.0), c.cell, c.nucleus, List.copyOf(cells), t);
	}
}
