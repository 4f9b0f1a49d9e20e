package org.bonelesion.ops;

import java.util.Arrays;

import org.bonelesion.core.Spacing;

/**
 * The painting step of {@link LocalThickness}, one output slice at a time: every ridge sphere
 * reaching the slice cuts it in a disc (centre, squared radius {@code rem}, value 2 d), and
 * each voxel gets the largest value of the discs covering it.
 *
 * <p>Most of those discs are covered by another disc of at least the same value (a sphere's
 * own equator covers its smaller sections further up and down; neighbouring ridge spheres
 * overlap), and painting them changes nothing. So the discs are taken in decreasing value and
 * a disc is skipped when a disc already painted, of at least its value, contains it:
 * <ul>
 * <li>same centre and at least the same {@code rem}: its lattice points are a subset (the
 * spans below grow with {@code rem}), exactly;</li>
 * <li>a centre at most {@link #RING} voxels away whose radius exceeds this disc's radius plus
 * the distance between the centres (triangle inequality, with a small slack far above the
 * rounding of the span arithmetic).</li>
 * </ul>
 * Skipping only discs whose every voxel is already at or above their value leaves the maximum
 * unchanged, so the map is exactly the maximum over all discs, whatever the order and the
 * number of threads. The spans of a disc are computed exactly as before this pruning existed:
 * row y gets {@code rem2 = rem - dy^2}, and the x half-width is the largest rx with
 * {@code (rx hx)^2 < rem2}.
 */
final class DiscPainter {

	/** Neighbouring disc centres searched for a containing disc: this many voxels in x and y. */
	static final int RING = 2;

	private final int w, h, d;
	private final double hx, hy, hz, margin;
	private final int reachZ;
	private final long[][] ridge;
	private final float[] sliceMax;
	private final int[] ringDx, ringDy;
	private final double[] ringLen;
	private final double slack;
	/** Discs smaller than this (squared radius, mm^2) are painted without the neighbour search. */
	private final double searchFrom;

	DiscPainter(int w, int h, Spacing sp, double margin, int reachZ, long[][] ridge, float[] sliceMax) {
		this.w = w;
		this.h = h;
		this.d = ridge.length;
		this.hx = sp.x();
		this.hy = sp.y();
		this.hz = sp.z();
		this.margin = margin;
		this.reachZ = reachZ;
		this.ridge = ridge;
		this.sliceMax = sliceMax;
		int n = (2 * RING + 1) * (2 * RING + 1) - 1;
		Integer[] order = new Integer[n];
		int[] dx = new int[n], dy = new int[n];
		double[] len = new double[n];
		int k = 0;
		for (int b = -RING; b <= RING; b++) for (int a = -RING; a <= RING; a++) {
			if (a == 0 && b == 0) continue;
			dx[k] = a;
			dy[k] = b;
			len[k] = Math.sqrt(a * a * hx * hx + b * b * hy * hy);
			order[k] = k;
			k++;
		}
		Arrays.sort(order, (p, q) -> Double.compare(len[p], len[q]));
		ringDx = new int[n];
		ringDy = new int[n];
		ringLen = new double[n];
		for (int i = 0; i < n; i++) {
			ringDx[i] = dx[order[i]];
			ringDy[i] = dy[order[i]];
			ringLen[i] = len[order[i]];
		}
		this.slack = 1e-6 * Math.min(hx, hy);
		this.searchFrom = 8 * hx * hy;
	}

	/** Per-thread working memory. */
	final class Scratch {
		long[] keys = new long[1024];
		double[] rem = new double[1024];
		int[] centre = new int[1024];
		float[] value = new float[1024];
		/** Largest {@code rem} painted at each centre in the current slice (0 = none). */
		final double[] painted = new double[w * h];
		/** The square roots of {@link #painted}. */
		final double[] paintedRadius = new double[w * h];
		/** Next unpainted x at or after each row position, w + 1 per row (see {@link #paintDisc}). */
		final int[] next = new int[h * (w + 1)];
		int[] touched = new int[256];
		int touchedCount;

		void add(int n, float v, double r, int c) {
			if (n == keys.length) {
				int m = n * 2;
				keys = Arrays.copyOf(keys, m);
				rem = Arrays.copyOf(rem, m);
				centre = Arrays.copyOf(centre, m);
				value = Arrays.copyOf(value, m);
			}
			// decreasing value first; among equal values, the order of gathering (nearest slices first)
			keys[n] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(v)) << 32) | n;
			rem[n] = r;
			centre[n] = c;
			value[n] = v;
		}

		void touch(int c) {
			if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
			touched[touchedCount++] = c;
		}
	}

	Scratch scratch() {
		return new Scratch();
	}

	/** Paints output slice z ({@code out}, zero on entry) with the maximum over the discs reaching it. */
	void paint(int z, float[] out, Scratch s) {
		int n = 0;
		// slices nearest to z first, so that among equal values the larger sections come first
		for (int step = 0; step <= 2 * reachZ; step++) {
			int zc = step == 0 ? z : (step & 1) == 1 ? z - (step + 1) / 2 : z + step / 2;
			if (zc < 0 || zc >= d) continue;
			double dzmm = (zc - z) * hz;
			double dz2 = dzmm * dzmm;
			if (sliceMax[zc] - margin <= dz2) continue;
			long[] list = ridge[zc];
			for (int k = list.length - 1; k >= 0; k--) {
				double r2 = Float.intBitsToFloat((int) (list[k] >>> 32));
				double rem = r2 - margin - dz2;
				if (rem <= 0) break; // sorted by radius: the rest are smaller
				s.add(n++, (float) (2 * Math.sqrt(r2)), rem, (int) list[k]);
			}
		}
		int[] next = s.next;
		for (int y = 0, k = 0; y < h; y++) for (int x = 0; x <= w; x++) next[k++] = x;
		long[] keys = s.keys;
		Arrays.sort(keys, 0, n);
		double[] painted = s.painted;
		for (int i = 0; i < n; i++) {
			int j = (int) keys[i];
			int c = s.centre[j];
			double rem = s.rem[j];
			if (painted[c] >= rem) continue;
			if (rem >= searchFrom && containedNearby(c, rem, s.paintedRadius)) continue;
			paintDisc(out, s.next, c % w, c / w, rem, s.value[j]);
			if (painted[c] == 0) s.touch(c);
			painted[c] = rem;
			s.paintedRadius[c] = Math.sqrt(rem);
		}
		for (int i = 0; i < s.touchedCount; i++) {
			painted[s.touched[i]] = 0;
			s.paintedRadius[s.touched[i]] = 0;
		}
		s.touchedCount = 0;
	}

	/** True if a painted disc centred within {@link #RING} voxels contains the disc (c, rem). */
	private boolean containedNearby(int c, double rem, double[] radius) {
		int cx = c % w, cy = c / w;
		double need = Math.sqrt(rem) + slack;
		for (int k = 0; k < ringLen.length; k++) {
			int x = cx + ringDx[k], y = cy + ringDy[k];
			if (x < 0 || y < 0 || x >= w || y >= h) continue;
			if (radius[y * w + x] >= need + ringLen[k]) return true;
		}
		return false;
	}

	/**
	 * Paints the lattice points of the disc (cx, cy, rem) not painted yet in this slice. The
	 * discs come in decreasing value, so the first value a voxel gets is its maximum; a
	 * next-unpainted pointer per row position (path-halving union-find, one sentinel past
	 * each row's end) jumps over what is already painted, so each voxel is written once.
	 */
	private void paintDisc(float[] o, int[] next, int cx, int cy, double rem, float value) {
		int ry = (int) Math.floor(Math.sqrt(rem) / hy);
		int y0 = Math.max(0, cy - ry), y1 = Math.min(h - 1, cy + ry);
		int stride = w + 1;
		for (int y = y0; y <= y1; y++) {
			double dy = (y - cy) * hy;
			double rem2 = rem - dy * dy;
			if (rem2 <= 0) continue;
			int rx = (int) Math.floor(Math.sqrt(rem2) / hx);
			while (rx >= 0 && (rx * hx) * (rx * hx) >= rem2) rx--;
			if (rx < 0) continue;
			int row = y * w, base = y * stride;
			int x1 = Math.min(w - 1, cx + rx);
			int x = find(next, base, Math.max(0, cx - rx));
			while (x <= x1) {
				o[row + x] = value;
				next[base + x] = x + 1;
				x = find(next, base, x + 1);
			}
		}
	}

	/** The first unpainted position at or after x in the row starting at {@code base}. */
	private static int find(int[] next, int base, int x) {
		while (true) {
			int n = next[base + x];
			if (n == x) return x;
			int nn = next[base + n];
			next[base + x] = nn;
			x = nn;
		}
	}
}
