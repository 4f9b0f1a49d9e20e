package org.bonelesion.ops;

import java.util.Arrays;
import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Connected-component labelling of a binary mask (nonzero = foreground) into an
 * {@link IntVolume}: background 0, components 1..count.
 *
 * <p>Components are numbered in raster order (x fastest, then y, then z) of their first voxel,
 * whatever the number of threads. With a 2D connectivity every slice is labelled on its own
 * (labels stay unique across the volume); with a 3D connectivity on a volume of depth 1 the
 * matching in-plane connectivity is used (6 as 4, 18 and 26 as 8).
 *
 * <p>Method: the image is cut into slabs (runs of slices in 3D, runs of rows in 2D) that are
 * labelled independently with a one-pass scan and a union-find of provisional labels; the
 * slab borders are then merged in one union-find over all provisional labels, whose roots are
 * the smallest provisional labels of their components, so numbering them in order gives the
 * raster order; a last parallel pass writes the final labels. Memory: the output plus one int
 * per provisional label.
 */
public final class Labeling {

	/** A label image and its number of components (labels run 1..count). */
	public record Result(IntVolume labels, int count) {
	}

	private static final int LEFT = 1, RIGHT = 2, UP = 4, DOWN = 8, PREV = 16;

	private Labeling() {
	}

	/** Labels with the default threading policy. */
	public static Result label(ByteVolume mask, Connectivity connectivity) {
		return label(mask, connectivity, Parallel.defaults());
	}

	/**
	 * Labels the connected components of the nonzero voxels of {@code mask}.
	 *
	 * @return labels (same shape and spacing as the mask) and their count
	 */
	public static Result label(ByteVolume mask, Connectivity connectivity, Parallel parallel) {
		int w = mask.width(), h = mask.height(), d = mask.depth();
		// slices allocated (and so zeroed and paged in) by the threads, not by the caller alone
		int[][] slices = new int[d][];
		parallel.forRange(0, d, z -> slices[z] = new int[w * h]);
		return label(mask, connectivity, parallel, slices, false);
	}

	/**
	 * {@link #label(ByteVolume, Connectivity, Parallel)} into label slices the caller supplies
	 * (one per mask slice, each width*height long, any contents: every element is overwritten),
	 * for callers that label many masks of one size and reuse the arrays. The result wraps them.
	 */
	public static Result label(ByteVolume mask, Connectivity connectivity, Parallel parallel, int[][] labelSlices) {
		int w = mask.width(), h = mask.height(), d = mask.depth();
		if (labelSlices.length != d) throw new IllegalArgumentException("need " + d + " label slices, got " + labelSlices.length);
		for (int[] s : labelSlices) if (s.length != w * h) throw new IllegalArgumentException("label slice length " + s.length + " != " + w + " x " + h);
		return label(mask, connectivity, parallel, labelSlices, true);
	}

	/**
	 * Labels the connected components of the nonzero pixels of a 2D mask of {@code width x height}
	 * (its first width * height elements) into the first width * height elements of
	 * {@code labels} (any contents; it may be longer, and its further elements are left alone),
	 * on the calling thread: the same labels as {@link #label(ByteVolume, Connectivity, Parallel)}
	 * (a 3D connectivity is taken in-plane). For callers that label many masks of varying sizes
	 * and reuse one array.
	 *
	 * @return the number of components (labels run 1..count)
	 */
	public static int label(byte[] mask, int width, int height, Connectivity connectivity, int[] labels) {
		int n = width * height;
		if (mask.length < n || labels.length < n) throw new IllegalArgumentException("arrays shorter than " + width + " x " + height);
		Connectivity c = connectivity.is3d() ? connectivity.inPlane() : connectivity;
		Offsets all = new Offsets(c, width, false);
		Offsets afterLeft = new Offsets(c, width, true);
		IntUnionFind uf = new IntUnionFind(1024);
		for (int y = 0; y < height; y++) {
			// the scan reads only this row and the one above (already scanned): cleared while in cache
			Arrays.fill(labels, y * width, y * width + width, 0);
			int rowBits = (y > 0 ? UP : 0) | (y < height - 1 ? DOWN : 0);
			scanRow(mask, labels, null, y * width, width, rowBits, all, afterLeft, uf);
		}
		// one slab: its provisional labels' roots are the smallest of their components, numbered in order
		int[] g = uf.parent;
		int count = 0;
		for (int i = 1, m = uf.size; i <= m; i++) g[i] = g[i] == i ? ++count : g[g[i]];
		relabel(labels, 0, n, g, 0);
		return count;
	}

	/** Labels into {@code slices}, clearing each row just before it is scanned if {@code clear} (else they must be zero). */
	private static Result label(ByteVolume mask, Connectivity connectivity, Parallel parallel, int[][] slices, boolean clear) {
		Connectivity c = connectivity;
		if (c.is3d() && mask.depth() == 1) c = c.inPlane();
		int w = mask.width(), h = mask.height(), d = mask.depth();
		IntVolume out = new IntVolume(w, h, mask.spacing(), slices);
		boolean threeD = c.is3d();
		// units: slices in 3D, rows (z * h + y) in 2D
		long unitsLong = threeD ? d : (long) h * d;
		if (unitsLong > Integer.MAX_VALUE) throw new IllegalArgumentException("too many rows: " + unitsLong);
		int units = (int) unitsLong;
		int nSlabs = parallel.threads() == 1 ? 1 : Math.min(units, parallel.threads() * 4);
		int[] slabStart = new int[nSlabs + 1];
		for (int s = 0; s <= nSlabs; s++) slabStart[s] = (int) ((long) units * s / nSlabs);
		Offsets all = new Offsets(c, w, false);
		Offsets afterLeft = new Offsets(c, w, true);
		IntUnionFind[] local = new IntUnionFind[nSlabs];
		parallel.forRange(0, nSlabs, s -> local[s] = threeD
				? scanSlab3d(mask, out, slabStart[s], slabStart[s + 1], all, afterLeft, clear)
				: scanSlab2d(mask, out, slabStart[s], slabStart[s + 1], all, afterLeft, clear));
		// global union-find over all provisional labels: slab s's label l is offset[s] + l
		long[] offsetLong = new long[nSlabs + 1];
		for (int s = 0; s < nSlabs; s++) offsetLong[s + 1] = offsetLong[s] + local[s].size;
		if (offsetLong[nSlabs] > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2^31 provisional labels");
		int[] offset = new int[nSlabs + 1];
		for (int s = 0; s <= nSlabs; s++) offset[s] = (int) offsetLong[s];
		IntUnionFind global = new IntUnionFind(offset[nSlabs]);
		global.size = offset[nSlabs];
		for (int s = 0; s < nSlabs; s++) {
			int[] p = local[s].parent;
			int o = offset[s];
			for (int l = 1, n = local[s].size; l <= n; l++) global.parent[o + l] = o + p[l];
			local[s] = null;
		}
		for (int s = 1; s < nSlabs; s++) {
			mergeBorder(out, c, threeD, h, slabStart[s], offset[s - 1], offset[s], global);
		}
		// final numbering in order of the roots (the smallest provisional label of each component)
		int[] g = global.parent;
		int count = 0;
		for (int i = 1, n = global.size; i <= n; i++) g[i] = g[i] == i ? ++count : g[g[i]];
		parallel.forRange(0, nSlabs, s -> {
			int o = offset[s];
			if (threeD) {
				for (int z = slabStart[s]; z < slabStart[s + 1]; z++) relabel(out.slice(z), 0, w * h, g, o);
			} else {
				for (int r = slabStart[s]; r < slabStart[s + 1]; r++) relabel(out.slice(r / h), (r % h) * w, w, g, o);
			}
		});
		return new Result(out, count);
	}

	private static void relabel(int[] labels, int from, int length, int[] map, int offset) {
		for (int i = from, e = from + length; i < e; i++) {
			int l = labels[i];
			if (l != 0) labels[i] = map[offset + l];
		}
	}

	/** Backward neighbours of a voxel as (plane, index delta, required-border bits). */
	private static final class Offsets {
		final int n;
		final boolean[] prevPlane;
		final int[] delta;
		final int[] required;

		Offsets(Connectivity c, int w, boolean onlyNotTouchingLeft) {
			int[] pp = new int[13], dl = new int[13], rq = new int[13];
			int k = 0;
			for (int dz = -1; dz <= 0; dz++) {
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						boolean backward = dz < 0 || dy < 0 || (dy == 0 && dx < 0);
						if (!backward || !c.isNeighbour(dx, dy, dz)) continue;
						// the left neighbour itself, and those that touch it, are already merged with it
						if (onlyNotTouchingLeft && (dx == -1 && dy == 0 && dz == 0 || c.isNeighbour(dx + 1, dy, dz))) continue;
						pp[k] = dz < 0 ? 1 : 0;
						dl[k] = dy * w + dx;
						rq[k] = (dx < 0 ? LEFT : 0) | (dx > 0 ? RIGHT : 0) | (dy < 0 ? UP : 0) | (dy > 0 ? DOWN : 0) | (dz < 0 ? PREV : 0);
						k++;
					}
				}
			}
			n = k;
			prevPlane = new boolean[k];
			delta = new int[k];
			required = new int[k];
			for (int i = 0; i < k; i++) {
				prevPlane[i] = pp[i] == 1;
				delta[i] = dl[i];
				required[i] = rq[i];
			}
		}
	}

	private static IntUnionFind scanSlab3d(ByteVolume mask, IntVolume out, int z0, int z1, Offsets all, Offsets afterLeft, boolean clear) {
		int w = mask.width(), h = mask.height();
		IntUnionFind uf = new IntUnionFind(1024);
		for (int z = z0; z < z1; z++) {
			int[] prev = z > z0 ? out.slice(z - 1) : null;
			// the scan reads only the current slice's earlier rows and the previous slice: cleared before
			if (clear) Arrays.fill(out.slice(z), 0);
			for (int y = 0; y < h; y++) {
				int rowBits = (prev != null ? PREV : 0) | (y > 0 ? UP : 0) | (y < h - 1 ? DOWN : 0);
				scanRow(mask.slice(z), out.slice(z), prev, y * w, w, rowBits, all, afterLeft, uf);
			}
		}
		return uf;
	}

	private static IntUnionFind scanSlab2d(ByteVolume mask, IntVolume out, int r0, int r1, Offsets all, Offsets afterLeft, boolean clear) {
		int w = mask.width(), h = mask.height();
		IntUnionFind uf = new IntUnionFind(1024);
		for (int r = r0; r < r1; r++) {
			int z = r / h, y = r % h;
			// the scan reads only this row and the one above (already scanned): cleared while in cache
			if (clear) Arrays.fill(out.slice(z), y * w, y * w + w, 0);
			int rowBits = (y > 0 && r > r0 ? UP : 0) | (y < h - 1 ? DOWN : 0);
			scanRow(mask.slice(z), out.slice(z), null, y * w, w, rowBits, all, afterLeft, uf);
		}
		return uf;
	}

	private static void scanRow(byte[] m, int[] cur, int[] prev, int rowOff, int w, int rowBits, Offsets all, Offsets afterLeft, IntUnionFind uf) {
		for (int x = 0; x < w; x++) {
			int i = rowOff + x;
			if (m[i] == 0) continue;
			int avail = rowBits | (x > 0 ? LEFT : 0) | (x < w - 1 ? RIGHT : 0);
			int lab = x > 0 ? cur[i - 1] : 0;
			Offsets o = lab != 0 ? afterLeft : all;
			for (int k = 0, n = o.n; k < n; k++) {
				if ((o.required[k] & ~avail) != 0) continue;
				int v = (o.prevPlane[k] ? prev : cur)[i + o.delta[k]];
				if (v == 0 || v == lab) continue;
				lab = lab == 0 ? v : uf.union(lab, v);
			}
			cur[i] = lab != 0 ? lab : uf.add();
		}
	}

	/** Unions the provisional labels that touch across the border before unit {@code start}. */
	private static void mergeBorder(IntVolume out, Connectivity c, boolean threeD, int h, int start, int offBefore, int offAfter, IntUnionFind g) {
		int w = out.width();
		int[] before, after;
		int beforeOff, afterOff, len, rows;
		if (threeD) {
			before = out.slice(start - 1);
			after = out.slice(start);
			beforeOff = 0;
			afterOff = 0;
			rows = h;
		} else {
			if (start % h == 0) return; // the border is between two slices: not connected in 2D
			int z = start / h, y = start % h;
			before = out.slice(z);
			after = before;
			beforeOff = (y - 1) * w;
			afterOff = y * w;
			rows = 1;
		}
		len = w;
		int lastA = 0, lastB = 0;
		for (int y = 0; y < rows; y++) {
			for (int x = 0; x < len; x++) {
				int b = after[afterOff + y * w + x];
				if (b == 0) continue;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = threeD ? y + dy : 0;
					if (!threeD && dy != 0) continue;
					if (yy < 0 || yy >= rows) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx;
						if (xx < 0 || xx >= w) continue;
						boolean neighbour = threeD ? c.isNeighbour(dx, dy, -1) : c.isNeighbour(dx, -1, 0);
						if (!neighbour) continue;
						int a = before[beforeOff + yy * w + xx];
						if (a == 0 || (a == lastA && b == lastB)) continue;
						lastA = a;
						lastB = b;
						g.union(offBefore + a, offAfter + b);
					}
				}
			}
		}
	}

	/** Keeps the components of at least {@code minVoxels} voxels, renumbered as in {@link #keep}. */
	public static Result keepMinVoxels(Result labels, long minVoxels, Parallel parallel) {
		long[] counts = voxelCounts(labels, parallel);
		boolean[] keep = new boolean[labels.count() + 1];
		for (int l = 1; l <= labels.count(); l++) keep[l] = counts[l] >= minVoxels;
		return keep(labels, keep, parallel);
	}

	/**
	 * Keeps the components whose volume (voxels times the voxel volume) is at least
	 * {@code minMm3} mm^3; the labels must carry a spacing.
	 */
	public static Result keepMinVolume(Result labels, double minMm3, Parallel parallel) {
		Spacing s = labels.labels().requireSpacing();
		return keepByMeasure(labels, minMm3, s.voxelVolume(), parallel);
	}

	/**
	 * Keeps the components whose area (pixels times the in-plane pixel area) is at least
	 * {@code minMm2} mm^2: for 2D labels. The labels must carry a spacing.
	 */
	public static Result keepMinArea(Result labels, double minMm2, Parallel parallel) {
		Spacing s = labels.labels().requireSpacing();
		return keepByMeasure(labels, minMm2, s.pixelArea(), parallel);
	}

	private static Result keepByMeasure(Result labels, double min, double unit, Parallel parallel) {
		long[] counts = voxelCounts(labels, parallel);
		boolean[] keep = new boolean[labels.count() + 1];
		for (int l = 1; l <= labels.count(); l++) keep[l] = counts[l] * unit >= min;
		return keep(labels, keep, parallel);
	}

	/** Keeps only the largest component (by voxel count; on a tie the lowest label); empty stays empty. */
	public static Result keepLargest(Result labels, Parallel parallel) {
		long[] counts = voxelCounts(labels, parallel);
		boolean[] keep = new boolean[labels.count() + 1];
		int best = 0;
		for (int l = 1; l <= labels.count(); l++) if (best == 0 || counts[l] > counts[best]) best = l;
		if (best > 0) keep[best] = true;
		return keep(labels, keep, parallel);
	}

	/**
	 * A new label image keeping the labels with {@code keep[label]} true, renumbered 1..n in
	 * their old order (so still in raster order of first voxels); the input is not modified.
	 */
	public static Result keep(Result labels, boolean[] keep, Parallel parallel) {
		int n = labels.count();
		if (keep.length < n + 1) throw new IllegalArgumentException("keep[] needs " + (n + 1) + " entries, has " + keep.length);
		int[] map = new int[n + 1];
		int next = 0;
		for (int l = 1; l <= n; l++) map[l] = keep[l] ? ++next : 0;
		IntVolume in = labels.labels();
		IntVolume out = in.blankCopy();
		int size = in.sliceSize();
		parallel.forRange(0, in.depth(), z -> {
			int[] a = in.slice(z), b = out.slice(z);
			for (int i = 0; i < size; i++) b[i] = map[a[i]];
		});
		return new Result(out, next);
	}

	/** A 0/1 mask of the labelled voxels, same shape and spacing. */
	public static ByteVolume mask(Result labels, Parallel parallel) {
		IntVolume in = labels.labels();
		ByteVolume out = new ByteVolume(in.width(), in.height(), in.depth(), in.spacing());
		int size = in.sliceSize();
		parallel.forRange(0, in.depth(), z -> {
			int[] a = in.slice(z);
			byte[] b = out.slice(z);
			for (int i = 0; i < size; i++) b[i] = (byte) (a[i] != 0 ? 1 : 0);
		});
		return out;
	}

	/** Voxels per label (index 0 = background), counted exactly. */
	static long[] voxelCounts(Result labels, Parallel parallel) {
		return LabelStats.of(labels, parallel).voxelCounts();
	}
}
