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
		int w = frame.width();
		return find(frame, bone, trap, hem, 0, w, boneDistance, c, new byte[w * frame.height()]);
	}

	/**
	 * {@link #find(TileFrame, byte[], byte[], int[], BoundedDistance, Criteria)} on a rectangle of
	 * larger per-pixel arrays, read in place (the frame's pixel (x, y) is their element
	 * {@code base + y * stride + x}), with its working mask from the arena under {@code key}.
	 */
	static List<Osteoblast> find(TileFrame frame, byte[] bone, byte[] trap, int[] hem, int base, int stride, BoundedDistance boneDistance, Criteria c,
		TileArena arena, String key) {
		return find(frame, bone, trap, hem, base, stride, boneDistance, c, arena.bytesAtLeast(key, frame.width() * frame.height()));
	}

	/** @param nuc working mask, at least width * height, any contents */
	private static List<Osteoblast> find(TileFrame frame, byte[] bone, byte[] trap, int[] hem, int base, int stride, BoundedDistance boneDistance,
		Criteria c, byte[] nuc) {
		int w = frame.width(), n = w * frame.height();
		// hem (int) > level iff hem > floor(level): a branch-free integer comparison
		long level = Double.isNaN(c.nucleusLevel()) ? Long.MAX_VALUE : (long) Math.floor(c.nucleusLevel());
		for (int y = 0, h = frame.height(); y < h; y++) threshold(bone, hem, base + y * stride, level, nuc, y * w, w);
		// 8-connected components by flood fill from their first pixel in raster order (dense nuclei are
		// sparse: cheaper than labelling the whole tile); visited pixels are marked 2
		Search search = new Search(frame, nuc, trap, hem, base, stride, boneDistance, c);
		for (int anchor = 0; anchor < n; anchor++) {
			anchor = ByteRuns.nextOdd(nuc, anchor, n); // skips unmarked and visited (2) pixels 8 at a time
			if (anchor >= n) break;
			if (nuc[anchor] == 1) search.candidate(anchor);
		}
		return search.out;
	}

	/** Marks nuc[to, to + n) 1 where the pixels from {@code from} are off bone with haematoxylin above the level, else 0. */
	private static void threshold(byte[] bone, int[] hem, int from, long level, byte[] nuc, int to, int n) {
		for (int k = 0; k < n; k++) nuc[to + k] = (byte) (bone[from + k] == 0 & hem[from + k] > level ? 1 : 0);
	}

	/** The flood fill of the candidate nuclei and the tests of each (nuc in the frame's pixels, trap and hem at base + y * stride + x). */
	private static final class Search {
		final TileFrame frame;
		final byte[] nuc, trap;
		final int[] hem;
		final BoundedDistance boneDistance;
		final Criteria c;
		final int w, h, r, base, stride;
		final List<Osteoblast> out = new ArrayList<>();
		int[] stack = new int[256], comp = new int[256];

		Search(TileFrame frame, byte[] nuc, byte[] trap, int[] hem, int base, int stride, BoundedDistance boneDistance, Criteria c) {
			this.frame = frame;
			this.base = base;
			this.stride = stride;
			this.nuc = nuc;
			this.trap = trap;
			this.hem = hem;
			this.boneDistance = boneDistance;
			this.c = c;
			w = frame.width();
			h = frame.height();
			r = (int) Math.ceil(c.reachPx());
		}

		/** The candidate nucleus whose first pixel is {@code anchor}: filled, then judged. */
		void candidate(int anchor) {
			int area = fill(anchor);
			if (area < 0) return; // touches a cut
			if (area < c.minAreaPx() || area > c.maxAreaPx()) return;
			judge(anchor, area);
		}

		/** Marks the component of {@code anchor} visited, its pixels in comp; its area, or -1 if it touches a cut. */
		private int fill(int anchor) {
			int area = 0, sp = 0;
			// the bounding box, tested against the cuts once at the end (no per-pixel branch that depends on the tile)
			int minX = w, minY = h, maxX = -1, maxY = -1;
			stack[sp++] = anchor;
			nuc[anchor] = 2;
			while (sp > 0) {
				int i = stack[--sp];
				if (area == comp.length) comp = java.util.Arrays.copyOf(comp, 2 * area);
				comp[area++] = i;
				int x = i % w, y = i / w;
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				minY = Math.min(minY, y);
				maxY = Math.max(maxY, y);
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
			return frame.boxOnCut(minX, minY, maxX, maxY) ? -1 : area;
		}

		/** Adds the nucleus in comp[0, area) if it is TRAP-negative, on the bone surface and has a stained foot. */
		private void judge(int anchor, int area) {
			int trapPx = 0;
			double sx = 0, sy = 0;
			float nearest = Float.POSITIVE_INFINITY;
			for (int k = 0; k < area; k++) {
				int i = comp[k], x = i % w, y = i / w;
				sx += x;
				sy += y;
				if (trap[base + y * stride + x] != 0) trapPx++;
				if (nearest > 1) nearest = Math.min(nearest, boneDistance.distance(x, y));
			}
			if (trapPx * 4 > area) return;
			if (nearest > c.contactPx() + 1) return;
			double cx = sx / area, cy = sy / area;
			if (!liningCell(cx, cy)) return;
			out.add(new Osteoblast(cx, cy, area, frame.inCore(anchor % w, anchor / w)));
		}

		/** True if the band 1-3 um from bone within reach of (cx, cy) is mostly stained cell. */
		private boolean liningCell(double cx, double cy) {
			int band = 0, covered = 0;
			for (int y = Math.max(0, (int) Math.floor(cy) - r); y <= Math.min(h - 1, (int) Math.ceil(cy) + r); y++) {
				for (int x = Math.max(0, (int) Math.floor(cx) - r); x <= Math.min(w - 1, (int) Math.ceil(cx) + r); x++) {
					int i = base + y * stride + x;
					if (Math.hypot(x - cx, y - cy) > c.reachPx()) continue;
					float d = boneDistance.distance(x, y);
					if (d <= c.bandInnerPx() || d > c.bandOuterPx()) continue;
					band++;
					if (hem[i] > c.cytoplasmLevel() && trap[i] == 0) covered++;
				}
			}
			return !(band < 3 || covered < c.coverFraction() * band);
		}
	}

	/**
	 * Marks the contour cells (by their top-left pixel index) within reach of an osteoblast
	 * nucleus centre: the osteoblast surface.
	 */
	public static byte[] surface(TileFrame frame, List<Osteoblast> osteoblasts, double reachPx) {
		return surface(frame, osteoblasts, reachPx, new byte[frame.width() * frame.height()]);
	}

	/**
	 * {@link #surface(TileFrame, List, double)} in the first width * height elements of the
	 * arena's byte array under {@code key}, which may be longer (valid until the arena's next use of it).
	 */
	static byte[] surface(TileFrame frame, List<Osteoblast> osteoblasts, double reachPx, TileArena arena, String key) {
		return surface(frame, osteoblasts, reachPx, arena.zeroBytesAtLeast(key, frame.width() * frame.height()));
	}

	/** @param s at least width * height, its first width * height elements zero */
	private static byte[] surface(TileFrame frame, List<Osteoblast> osteoblasts, double reachPx, byte[] s) {
		int w = frame.width(), h = frame.height();
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
