package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;


/**
 * Finds osteoblasts: TRAP-negative mononuclear cells lining the bone surface. A candidate is a
 * dense nucleus (8-connected component of unsmoothed haematoxylin above the osteoblast nucleus
 * level, off bone). It is an osteoblast when
 * <ol>
 * <li>its area lies between {@code minAreaPx} and {@code maxAreaPx}: larger nuclei are tumour
 * cells (tumour cells touching bone are not counted);</li>
 * <li>it is TRAP-negative: at most a quarter of its pixels are TRAP-positive (osteoclast nuclei
 * and TRAP+ mononuclear cells are excluded);</li>
 * <li>it lies on the bone surface: its nearest pixel is at most {@code contactPx} beyond the
 * pixels touching bone;</li>
 * <li>it belongs to a lining cell: the cell's foot, the band of non-bone pixels 1 to 3 um from
 * bone within {@code reachPx} of the nucleus centre, is at least {@code coverFraction}
 * stained cell (haematoxylin above the cytoplasm level: the basophilic cytoplasm of a
 * cuboidal osteoblast, or its nucleus). A marrow cell near bone has pale stroma, not
 * cytoplasm, between its nucleus and the bone, and is not counted.</li>
 * </ol>
 * Osteoblast surface: bone contour within {@code reachPx} of an osteoblast nucleus centre.
 */
public final class OsteoblastFinder {

	private OsteoblastFinder() {}

	/**
	 * One osteoblast found in a tile.
	 *
	 * @param x     nucleus centroid x, tile pixels
	 * @param y     nucleus centroid y
	 * @param area  nucleus pixels
	 * @param owned true if its first pixel lies in the tile's core (it is reported by this tile)
	 */
	public record Osteoblast(double x, double y, int area, boolean owned) {}

	/** The distance up to which {@link #find} needs exact bone distances, pixels. */
	static int distanceBound(Criteria c) {
		return (int) Math.ceil(Math.max(c.contactPx() + 1, c.bandOuterPx())) + 1;
	}

	/** Criteria, in pixels and stain amounts of the haematoxylin field given to {@link #find}. */
	public record Criteria(double nucleusLevel, double cytoplasmLevel, double minAreaPx, double maxAreaPx, double contactPx, double reachPx,
		double bandInnerPx, double bandOuterPx, double coverFraction) {}

	/**
	 * The osteoblasts of a tile whose nucleus lies wholly inside it (those reaching a cut are far
	 * from the core: the overlap exceeds the reach).
	 *
	 * @param frame tile geometry
	 * @param bone  bone mask
	 * @param trap  TRAP-positive mask (nonzero)
	 * @param hem   unsmoothed haematoxylin amount per pixel
	 * @param boneDistance distances (pixels) to the nearest bone pixel, exact up to at least
	 *                     {@code max(contactPx + 1, bandOuterPx)}
	 */
	static List<Osteoblast> find(TileFrame frame, byte[] bone, byte[] trap, int[] hem, BoundedDistance boneDistance, Criteria c) {
		int w = frame.width(), h = frame.height(), n = w * h;
		byte[] nuc = new byte[n];
		// hem (int) > level iff hem > floor(level): a branch-free integer comparison
		long level = Double.isNaN(c.nucleusLevel()) ? Long.MAX_VALUE : (long) Math.floor(c.nucleusLevel());
		for (int i = 0; i < n; i++) nuc[i] = (byte) (bone[i] == 0 & hem[i] > level ? 1 : 0);
		// 8-connected components by flood fill from their first pixel in raster order (dense nuclei are
		// sparse: cheaper than labelling the whole tile); visited pixels are marked 2
		List<Osteoblast> out = new ArrayList<>();
		int r = (int) Math.ceil(c.reachPx());
		int[] stack = new int[256], comp = new int[256];
		for (int anchor = 0; anchor < n; anchor++) {
			anchor = ByteRuns.nextOdd(nuc, anchor, n); // skips unmarked and visited (2) pixels 8 at a time
			if (anchor >= n) break;
			if (nuc[anchor] != 1) continue;
			int area = 0, sp = 0;
			boolean touchesCut = false;
			stack[sp++] = anchor;
			nuc[anchor] = 2;
			while (sp > 0) {
				int i = stack[--sp];
				if (area == comp.length) comp = java.util.Arrays.copyOf(comp, 2 * area);
				comp[area++] = i;
				int x = i % w, y = i / w;
				if (frame.onCut(x, y)) touchesCut = true;
				for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
					for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
						int j = yy * w + xx;
						if (nuc[j] == 1) {
							nuc[j] = 2;
							if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, 2 * sp);
							stack[sp++] = j;
						}
					}
				}
			}
			if (touchesCut) continue;
			if (area < c.minAreaPx() || area > c.maxAreaPx()) continue;
			int trapPx = 0;
			double sx = 0, sy = 0;
			float nearest = Float.POSITIVE_INFINITY;
			for (int k = 0; k < area; k++) {
				int i = comp[k], x = i % w, y = i / w;
				sx += x;
				sy += y;
				if (trap[i] != 0) trapPx++;
				if (nearest > 1) nearest = Math.min(nearest, boneDistance.distance(x, y));
			}
			if (trapPx * 4 > area) continue;
			if (nearest > c.contactPx() + 1) continue;
			double cx = sx / area, cy = sy / area;
			int band = 0, covered = 0;
			for (int y = Math.max(0, (int) Math.floor(cy) - r); y <= Math.min(h - 1, (int) Math.ceil(cy) + r); y++) {
				for (int x = Math.max(0, (int) Math.floor(cx) - r); x <= Math.min(w - 1, (int) Math.ceil(cx) + r); x++) {
					int i = y * w + x;
					if (Math.hypot(x - cx, y - cy) > c.reachPx()) continue;
					float d = boneDistance.distance(x, y);
					if (d <= c.bandInnerPx() || d > c.bandOuterPx()) continue;
					band++;
					if (hem[i] > c.cytoplasmLevel() && trap[i] == 0) covered++;
				}
			}
			if (band < 3 || covered < c.coverFraction() * band) continue;
			out.add(new Osteoblast(cx, cy, area, frame.inCore(anchor % w, anchor / w)));
		}
		return out;
	}

	/**
	 * Marks the contour cells (by their top-left pixel index) within reach of an osteoblast
	 * nucleus centre: the osteoblast surface.
	 */
	public static byte[] surface(TileFrame frame, List<Osteoblast> osteoblasts, double reachPx) {
		int w = frame.width(), h = frame.height();
		byte[] s = new byte[w * h];
		int r = (int) Math.ceil(reachPx) + 1;
		for (Osteoblast o : osteoblasts) {
			for (int y = Math.max(0, (int) Math.floor(o.y()) - r); y <= Math.min(h - 2, (int) Math.ceil(o.y()) + r); y++) {
				for (int x = Math.max(0, (int) Math.floor(o.x()) - r); x <= Math.min(w - 2, (int) Math.ceil(o.x()) + r); x++) {
					if (Math.hypot(x + 0.5 - o.x(), y + 0.5 - o.y()) <= reachPx) s[y * w + x] = 1;
				}
			}
		}
		return s;
	}
}
