package org.bonelesion.histo;

import java.util.Arrays;

/**
 * Finds eroded bone surface: stretches of the bone outline scalloped by resorption lacunae
 * (Howship's lacunae: bays in the surface some 20-60 um wide and 5-15 um deep), with or without
 * an osteoclast in them.
 *
 * <p>The work is done along the bone outline only. The outline is traced as chains of pixel
 * edges (cracks between a bone and a non-bone pixel), walked with the bone on one side. A
 * lacuna is a pocket under a <em>bridge</em>: a chord between two outline points at most
 * {@code 2 * scalePx} apart (the widest lacuna) that passes on the marrow side of every outline
 * point between them (a local convex envelope, like a straight edge laid across the bay). From
 * every outline point the bridge is the chord to the point, among the following outline points
 * that stay within that distance and lie ahead of it, that leaves all the others on the bone
 * side (one gift-wrapping step). A bridged pocket is a resorption lacuna when
 * <ul>
 * <li>its depth (largest distance from the chord to an outline point under it) lies between
 * {@code minDepthPx} (pixel steps, roughness) and {@code maxDepthPx} (deeper pockets are gaps
 * and crotches between bone branches), and</li>
 * <li>it is a bay, not a gentle concave sweep of the surface: the radius of the circle with
 * its depth d and its width w at half depth, (w^2 + d^2) / (4 d), is at most
 * {@link #BAY_RADIUS} {@code * scalePx} (45 um with the defaults; a circular bay 40 um wide and
 * 6 um deep has 36 um, the concave endosteal surface of a cortex or the waist of a bent
 * trabecula 100-250 um).</li>
 * </ul>
 * Enclosed holes (closed outlines with bone outside, no wider than the widest lacuna: canals,
 * osteocyte lacunae) are not surface. The outline between the two ends of a lacuna's bridge is
 * eroded surface; neighbouring lacunae share a cusp, so a scalloped stretch is continuous.
 *
 * <p>Cost: one pass over the tile to find the outline, then work proportional to the outline
 * length times the number of outline points within the widest lacuna (about 85 at 1 um pixels
 * with the defaults). Tiling: every decision about a core pixel depends only on outline within
 * {@code 4 * scalePx + 2} pixels of it ({@link #margin}); with at least that tile overlap the
 * result does not depend on the tiling.
 */
public final class ErodedSurfaceFinder {

	/**
	 * Largest radius of curvature of a lacuna's floor, in units of half the widest lacuna
	 * ({@code scalePx}): a bay is rounder than a gentle concave sweep of the surface.
	 */
	public static final double BAY_RADIUS = 1.5;

	/**
	 * Pixel edges left out at each end of a lacuna's outline: the contour cells touching a marked
	 * pixel reach about one pixel further than the marked edges, which this compensates.
	 */
	private static final int TRIM = 1;
	private static final int RIGHT = 0, DOWN = 1, LEFT = 2, UP = 3;
	private static final int[] DX = { 1, 0, -1, 0 }, DY = { 0, 1, 0, -1 };

	private ErodedSurfaceFinder() {}

	/**
	 * Tile overlap (pixels) the finder needs so that the eroded surface of a tile's core does
	 * not depend on the tiling.
	 *
	 * @param scalePx half the width of the widest lacuna, pixels
	 */
	public static int margin(double scalePx) {
		return (int) Math.ceil(4 * scalePx) + 2;
	}

	/**
	 * Marks the eroded surface of a tile: 0 on the pixels on both sides of every pixel edge of
	 * the bone outline that lies in a resorption lacuna, +Infinity elsewhere (the form of a
	 * distance to the eroded surface, so that a contour cell with a marked corner is eroded).
	 *
	 * @param frame      the tile
	 * @param bone       bone mask of the tile (nonzero = bone)
	 * @param scalePx    half the width of the widest lacuna, pixels
	 * @param minDepthPx shallowest lacuna, pixels
	 * @param maxDepthPx deepest lacuna, pixels
	 */
	public static float[] lacunaDistance(TileFrame frame, byte[] bone, double scalePx, double minDepthPx, double maxDepthPx) {
		int w = frame.width(), h = frame.height();
		byte[] marked = lacunaMarks(frame, bone, 0, w, scalePx, minDepthPx, maxDepthPx, new TileArena(), "lacunae");
		float[] marks = new float[w * h];
		for (int i = 0; i < marks.length; i++) marks[i] = marked[i] != 0 ? 0 : Float.POSITIVE_INFINITY;
		return marks;
	}

	/**
	 * {@link #lacunaDistance} as a mask: 1 on the marked pixels, else 0, in the first width * height
	 * elements of the arena's byte array under {@code key}, which may be longer (valid until the
	 * arena's next use of that key); the outline's working
	 * array comes from the arena too. The frame's bone pixel (x, y) is
	 * {@code bone[base + y * stride + x]} (a rectangle of a larger mask, read in place).
	 */
	static byte[] lacunaMarks(TileFrame frame, byte[] bone, int base, int stride, double scalePx, double minDepthPx, double maxDepthPx, TileArena arena,
		String key) {
		int w = frame.width(), h = frame.height();
		byte[] marked = arena.zeroBytesAtLeast(key, w * h);
		// the walk consumes every edge, leaving the outline array all zero again for the next tile
		byte[] edges = arena.bytesAtLeast(key + ".outline", (w + 1) * (h + 1));
		new Walker(new Outline(w, h, bone, base, stride, edges), marked, w, 2 * scalePx, minDepthPx, maxDepthPx).run();
		return marked;
	}

	/**
	 * The bone outline of a tile as directed pixel edges, bone on the left of the direction of
	 * travel as seen on screen (image coordinates, y down: for travel direction t, an offset v
	 * points into the bone when t.x v.y - t.y v.x &lt; 0; outer outlines run counter-clockwise on
	 * screen, holes clockwise): a vertex (x, y) is the top-left corner of pixel (x, y);
	 * {@code out[v]} holds a bit per direction of the edges leaving vertex v. Pixels outside the
	 * tile are unknown: no edge runs along the tile's border, so chains cut by it start and end
	 * on border vertices, which have one edge at most.
	 */
	private static final class Outline {
		final int vw, vh;
		final byte[] out;
		/** Vertices with an edge leaving them, in raster order of the scan. */
		int[] starts = new int[256];
		int count;

		/** @param out (w + 1) * (h + 1) edge bits (or more), all zero; bone pixel (x, y) is {@code bone[base + y * stride + x]} */
		Outline(int w, int h, byte[] bone, int base, int stride, byte[] out) {
			vw = w + 1;
			vh = h + 1;
			this.out = out;
			for (int y = 0; y < h; y++) scanRow(bone, base + y * stride, stride, w, y, y + 1 < h);
		}

		/** Adds the edges below and right of the pixels of row y (its bone pixels start at {@code row}, the next row's {@code stride} later). */
		private void scanRow(byte[] bone, int row, int stride, int w, int y, boolean below) {
			for (int x = 0; x < w; x++) {
				// 8 pixels whose right and lower neighbours all hold the same byte: no edge (tested 8 bytes at a time)
				while (below && x + 9 <= w && ByteRuns.sameEightBytes(bone, row + x, row + x + 1, row + stride + x)) x += 8;
				if (x >= w) break;
				byte b = bone[row + x];
				// fast path: equal bytes are equal classes
				if ((x + 1 == w || bone[row + x + 1] == b) && (!below || bone[row + stride + x] == b)) continue;
				boolean differsRight = x + 1 < w && (b != 0) != (bone[row + x + 1] != 0);
				boolean differsBelow = below && (b != 0) != (bone[row + stride + x] != 0);
				if (differsRight || differsBelow) addEdges(x, y, b != 0, differsRight, differsBelow);
			}
		}

		/** The edges right of and below pixel (x, y). */
		private void addEdges(int x, int y, boolean bone, boolean right, boolean below) {
			if (right) {
				// vertical edge on line X = x + 1 between pixels (x, y) and (x + 1, y)
				if (bone) add(x + 1, y + 1, UP); // bone in the left pixel: travel up
				else add(x + 1, y, DOWN);
			}
			if (below) {
				// horizontal edge on line Y = y + 1 between pixels (x, y) and (x, y + 1)
				if (bone) add(x, y + 1, RIGHT); // bone above: travel right
				else add(x + 1, y + 1, LEFT);
			}
		}

		private void add(int vx, int vy, int dir) {
			int v = vy * vw + vx;
			if (out[v] == 0) {
				if (count == starts.length) starts = Arrays.copyOf(starts, 2 * count);
				starts[count++] = v;
			}
			out[v] |= (byte) (1 << dir);
		}

		boolean onBorder(int v) {
			int x = v % vw, y = v / vw;
			return x == 0 || y == 0 || x == vw - 1 || y == vh - 1;
		}
	}

	/** Traces the outline's chains and marks the lacunae on each. */
	private static final class Walker {
		final Outline o;
		final byte[] marks; // 1 on marked pixels
		final int w;
		final double bridgeMax, maxRadius, minDepth, maxDepth;
		int[] px = new int[1024], py = new int[1024], pd = new int[1024];
		double[] depth = new double[1024];

		Walker(Outline o, byte[] marks, int w, double bridgeMax, double minDepth, double maxDepth) {
			this.o = o;
			this.marks = marks;
			this.w = w;
			this.bridgeMax = bridgeMax;
			this.maxRadius = BAY_RADIUS * bridgeMax / 2;
			this.minDepth = minDepth;
			this.maxDepth = maxDepth;
		}

		void run() {
			// open chains first: they start on the tile's border (a border vertex has one edge at most)
			for (int i = 0; i < o.count; i++) {
				int v = o.starts[i];
				if (o.out[v] != 0 && o.onBorder(v)) chain(v, false);
			}
			for (int i = 0; i < o.count; i++) {
				int v = o.starts[i];
				while (o.out[v] != 0) chain(v, true);
			}
		}

		/** Follows one chain from vertex v, consuming its edges, then analyses it. */
		private void chain(int v, boolean closed) {
			int n = 0, dir = -1;
			while (true) {
				int bits = o.out[v];
				if (bits == 0) break;
				int next = -1;
				if (dir < 0) next = Integer.numberOfTrailingZeros(bits);
				else {
					// at a saddle, turn right: diagonal bone pixels are one profile (8-connected)
					if ((bits & (1 << ((dir + 1) & 3))) != 0) next = (dir + 1) & 3;
					else if ((bits & (1 << dir)) != 0) next = dir;
					else if ((bits & (1 << ((dir + 3) & 3))) != 0) next = (dir + 3) & 3;
					else break;
				}
				o.out[v] &= (byte) ~(1 << next);
				int vx = v % o.vw, vy = v / o.vw;
				push(n++, vx, vy, next);
				v = (vy + DY[next]) * o.vw + vx + DX[next];
				dir = next;
			}
			// the final vertex
			push(n, v % o.vw, v / o.vw, -1);
			analyse(n, closed && px[n] == px[0] && py[n] == py[0]);
		}

		private void push(int i, int x, int y, int d) {
			if (i >= px.length) {
				int m = px.length * 2;
				px = Arrays.copyOf(px, m);
				py = Arrays.copyOf(py, m);
				pd = Arrays.copyOf(pd, m);
				depth = Arrays.copyOf(depth, m);
			}
			px[i] = x;
			py[i] = y;
			pd[i] = d;
		}

		/**
		 * Finds the lacunae of a chain of n edges (vertices 0..n; a closed chain has vertex n =
		 * vertex 0 and is walked round its start) and marks the pixels of their edges.
		 */
		private void analyse(int n, boolean closed) {
			if (n < 3) return;
			if (closed) {
				long twiceArea = 0;
				int minX = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, minY = Integer.MAX_VALUE, maxY = Integer.MIN_VALUE;
				for (int i = 0; i < n; i++) {
					twiceArea += (long) px[i] * py[i + 1] - (long) px[i + 1] * py[i];
					minX = Math.min(minX, px[i]);
					maxX = Math.max(maxX, px[i]);
					minY = Math.min(minY, py[i]);
					maxY = Math.max(maxY, py[i]);
				}
				// an outer outline has negative shoelace area in image coordinates, a hole positive
				if (twiceArea > 0 && maxX - minX <= bridgeMax && maxY - minY <= bridgeMax) return; // enclosed hole
			}
			double max2 = bridgeMax * bridgeMax;
			for (int j = 0; j < n; j++) {
				int xj = px(j, n, closed), yj = py(j, n, closed);
				// the local direction of the outline at j (ahead: positive projection)
				int ta = closed ? j - 2 : Math.max(0, j - 2), tb = closed ? j + 2 : Math.min(n, j + 2);
				double tx = px(tb, n, closed) - px(ta, n, closed), ty = py(tb, n, closed) - py(ta, n, closed);
				int k = j + 1;
				if (!closed && k > n) break;
				double kx = px(k, n, closed) - xj, ky = py(k, n, closed) - yj;
				int limit = closed ? j + n : n;
				for (int m = j + 2; m <= limit; m++) {
					double mx = px(m, n, closed) - xj, my = py(m, n, closed) - yj;
					if (mx * mx + my * my > max2) break;
					if (mx * tx + my * ty <= 0) continue; // behind j
					// m on the marrow side of ray j->k (cross > 0): the chord must reach further out
					if (kx * my - ky * mx > 0) {
						k = m;
						kx = mx;
						ky = my;
					}
				}
				if (k > j + 1) bridge(j, k, kx, ky, n, closed);
			}
		}

		/** Judges the pocket under the bridge j -> k (offset kx, ky) and marks it if it is a lacuna. */
		private void bridge(int j, int k, double kx, double ky, int n, boolean closed) {
			double len = Math.hypot(kx, ky), ux = kx / len, uy = ky / len;
			int xj = px(j, n, closed), yj = py(j, n, closed);
			double deepest = 0;
			for (int m = j + 1; m < k; m++) {
				double mx = px(m, n, closed) - xj, my = py(m, n, closed) - yj;
				double d = uy * mx - ux * my; // distance from the chord into the bone
				depth[m - j] = d;
				if (d > deepest) deepest = d;
			}
			if (deepest <= 0 || deepest < minDepth || deepest > maxDepth) return;
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (int m = j + 1; m < k; m++) {
				if (depth[m - j] < deepest / 2) continue;
				double along = ux * (px(m, n, closed) - xj) + uy * (py(m, n, closed) - yj);
				lo = Math.min(lo, along);
				hi = Math.max(hi, along);
			}
			double half = hi - lo, radius = (half * half + deepest * deepest) / (4 * deepest);
			if (radius > maxRadius) return;
			for (int e = j + TRIM; e < k - TRIM; e++) {
				int i = closed ? e % n : e;
				int x = px[i], y = py[i];
				// the two pixels beside edge i (leaving vertex (x, y) in direction pd[i]): bone b, marrow m
				int bx, by, mx, my;
				switch (pd[i]) {
					case RIGHT -> { bx = x; by = y - 1; mx = x; my = y; }
					case DOWN -> { bx = x; by = y; mx = x - 1; my = y; }
					case LEFT -> { bx = x - 1; by = y; mx = x - 1; my = y - 1; }
					default -> { bx = x - 1; by = y - 1; mx = x; my = y - 1; }
				}
				marks[by * w + bx] = 1;
				marks[my * w + mx] = 1;
			}
		}

		private int px(int i, int n, boolean closed) {
			return px[closed ? Math.floorMod(i, n) : i];
		}

		private int py(int i, int n, boolean closed) {
			return py[closed ? Math.floorMod(i, n) : i];
		}
	}
}
