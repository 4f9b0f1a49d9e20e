package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;

/**
 * Culture mode: separates TRAP+ cells whose cytoplasm touches, so that each is counted with
 * its own nuclei and area.
 *
 * <p>Method: a watershed of the Euclidean distance map of the profile (distance of each pixel
 * to the glass), flooded from its maxima downwards, in which two basins stay apart only where
 * they meet through a NECK. Pixels are taken by decreasing distance (within a plateau of equal
 * distance breadth-first from the pixels touching a basin, so that a cut through an arm of
 * constant width lies halfway; otherwise raster order); a pixel touching no basin starts one,
 * a pixel touching basins joins the basin of its labelled neighbour of largest distance (the
 * steepest way up). Where two basins A and B meet at a pixel of distance s (the saddle: half
 * the width of the passage between them), they stay separate cells only if the lower peak r
 * (the inscribed radius of the smaller cell) holds a nucleus ({@code r >= minPeakPx}) and the
 * passage is narrow: {@code s <= NECK r}. Otherwise they are merged. This is the distance-transform
 * watershed with its markers chosen by a dynamic relative to the cell's own size, so that the
 * criterion does not depend on the magnification: a lobe or the wide waist of one irregular
 * spread osteoclast (passage at least as wide as the lobe is thick, s close to r) stays part
 * of it, while two cells touching along less than half the smaller one's width are cut.
 * Then parts are merged, one pair at a time: two parts with a nucleus in the passage between
 * them (its centre nearer to the other part than to the core of its own, the pixels at least
 * {@code CORE s} deep: two cells touch by their rims, while a passage holding a nucleus, such
 * as the thick arm of one branched cell, is cell body), and every part smaller than the smallest
 * cell ({@code minAreaPx}) or holding no nucleus (a lobe or process of cytoplasm is not a
 * cell), smallest first, into the neighbouring part with which it shares the highest saddle.
 * Thin processes never give a separate basin that survives (their inscribed radius is below a
 * nucleus's), and a process ending in a bulb is merged back by its area or its lack of a
 * nucleus. Limits: cells touching along a passage wider than the smaller one's inscribed
 * radius (2s > r) are not cut (their outline has no waist to tell them from one cell), and an
 * arm narrower than half the thickness of the lobes it joins is cut if no nucleus lies in it.
 *
 * <p>Everything is computed on the profile's own box in raster order, so the result does not
 * depend on where the box lies in the tile (tiling, threads).
 */
public final class CultureCellSplitter {

	/** Two cells are cut apart where the passage between them is at most this fraction of the smaller cell's inscribed radius. */
	public static final double NECK = 0.5;

	/** The core of a part: its pixels at least this many times as deep as the passage to a neighbour is half wide. */
	public static final double CORE = 1.5;

	private final double minPeakPx;
	private final long minAreaPx;
	private final int minNuclei;

	/**
	 * @param minPeakPx smallest inscribed radius of a separate cell, pixels (a nucleus's radius)
	 * @param minAreaPx smallest area of a separate cell, pixels
	 * @param minNuclei nuclei a counted cell must have
	 */
	public CultureCellSplitter(double minPeakPx, long minAreaPx, int minNuclei) {
		this.minPeakPx = minPeakPx;
		this.minAreaPx = minAreaPx;
		this.minNuclei = minNuclei;
	}

	/** The splitter of culture settings at a pixel size: a nucleus radius, the debris area, the minimum nuclei. */
	public static CultureCellSplitter of(HistoSettings s, double pixelUm) {
		return new CultureCellSplitter(s.nucleusRadiusUm() / pixelUm, (long) Math.ceil(s.minCellAreaUm2() / (pixelUm * pixelUm)), s.minNuclei());
	}

	/**
	 * The cells of a profile.
	 *
	 * @param labels per pixel of the box: 0 outside the profile, else the cell 1..count
	 * @param count  number of cells
	 */
	public record Split(int[] labels, int count) {}

	/**
	 * Splits one profile into cells at narrow necks.
	 *
	 * @param cell   mask of the profile's box (nonzero = profile, holes filled), width x height
	 * @param nuclei the profile's nuclei (box pixels): a part holding none is merged into a neighbour, and so are two parts with a
	 *               nucleus in the passage between them; null = no such rules
	 */
	public Split split(byte[] cell, int width, int height, List<NucleusCounter.Nucleus> nuclei) {
		int n = width * height;
		float[] d = DistanceTransform.distances2d(new ByteVolume(width, height, Spacing.isotropicMicrons(1000), new byte[][] { cell }), true, Parallel.of(1)).slice(0);
		int k = 0;
		for (int i = 0; i < n; i++) if (cell[i] != 0) k++;
		long[] keys = new long[k];
		k = 0;
		// larger distance first, then raster order (distances are non-negative: their float bits order like them)
		for (int i = 0; i < n; i++) if (cell[i] != 0) keys[k++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(d[i])) << 32) | i;
		Arrays.sort(keys);
		int[] label = new int[n];
		Flood flood = new Flood(d, label, width, height);
		// level by level; within a level (a plateau of equal distance) breadth-first from the pixels
		// touching a basin, so that a cut through a plateau (an arm of constant width) lies halfway
		byte[] state = new byte[n]; // 1: in the current level, not yet queued; 2: queued
		int[] queue = new int[keys.length];
		for (int g = 0; g < keys.length;) {
			float level = d[(int) keys[g]];
			int e = g;
			while (e < keys.length && d[(int) keys[e]] == level) state[(int) keys[e++]] = 1;
			int head = 0, tail = 0;
			for (int q = g; q < e; q++) {
				int i = (int) keys[q];
				if (flood.touchesBasin(i)) {
					state[i] = 2;
					queue[tail++] = i;
				}
			}
			int next = g;
			while (true) {
				while (head < tail) {
					int i = queue[head++];
					flood.take(i);
					int x = i % width, y = i / width;
					for (int dy = -1; dy <= 1; dy++) {
						int yy = y + dy;
						if (yy < 0 || yy >= height) continue;
						for (int dx = -1; dx <= 1; dx++) {
							int xx = x + dx;
							if (xx < 0 || xx >= width) continue;
							int j = yy * width + xx;
							if (state[j] == 1) {
								state[j] = 2;
								queue[tail++] = j;
							}
						}
					}
				}
				// a part of the level touching no basin: a new maximum (first in raster order)
				while (next < e && state[(int) keys[next]] != 1) next++;
				if (next == e) break;
				int i = (int) keys[next];
				state[i] = 2;
				queue[tail++] = i;
			}
			for (int q = g; q < e; q++) state[(int) keys[q]] = 0;
			g = e;
		}
		int[] parent = flood.parent;
		int basins = flood.basins;
		// compact labels in raster order of first pixels
		int[] compact = new int[basins + 1];
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (label[i] == 0) continue;
			int r = find(parent, label[i]);
			if (compact[r] == 0) compact[r] = ++count;
			label[i] = compact[r];
		}
		if (count > 1) count = merge(label, d, width, height, count, nuclei);
		return new Split(label, count);
	}

	/** The flooding state: labels, and a union-find over basins 1.. with their peaks. */
	private final class Flood {
		final float[] d;
		final int[] label;
		final int width, height;
		int[] parent = new int[16];
		float[] peak = new float[16];
		int basins;
		private final int[] roots = new int[8];

		Flood(float[] d, int[] label, int width, int height) {
			this.d = d;
			this.label = label;
			this.width = width;
			this.height = height;
		}

		boolean touchesBasin(int i) {
			int x = i % width, y = i / width;
			for (int yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
				for (int xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) if (label[yy * width + xx] != 0) return true;
			}
			return false;
		}

		/** Labels pixel i from its labelled neighbours, merging the basins it joins that are not separate cells. */
		void take(int i) {
			int x = i % width, y = i / width;
			int nr = 0, up = 0;
			float upD = -1;
			for (int dy = -1; dy <= 1; dy++) {
				int yy = y + dy;
				if (yy < 0 || yy >= height) continue;
				for (int dx = -1; dx <= 1; dx++) {
					int xx = x + dx;
					if ((dx == 0 && dy == 0) || xx < 0 || xx >= width) continue;
					int j = yy * width + xx, l = label[j];
					if (l == 0) continue;
					int r = find(parent, l);
					// the steepest way up: the labelled neighbour of largest distance (ties: the first in this order)
					if (d[j] > upD) {
						upD = d[j];
						up = r;
					}
					boolean seen = false;
					for (int u = 0; u < nr; u++) seen |= roots[u] == r;
					if (!seen) roots[nr++] = r;
				}
			}
			if (nr == 0) {
				if (++basins == parent.length) {
					parent = Arrays.copyOf(parent, basins * 2);
					peak = Arrays.copyOf(peak, basins * 2);
				}
				parent[basins] = basins;
				peak[basins] = d[i];
				label[i] = basins;
				return;
			}
			// the basin with the highest peak (ties: the older) absorbs the basins it meets that are not separate cells
			int main = roots[0];
			for (int u = 1; u < nr; u++) if (peak[roots[u]] > peak[main] || (peak[roots[u]] == peak[main] && roots[u] < main)) main = roots[u];
			float s = d[i];
			boolean mainIsCell = peak[main] >= minPeakPx;
			for (int u = 0; u < nr; u++) {
				int c = roots[u];
				if (c == main) continue;
				// the lower of the two peaks is c's (main has the highest): both cells if c is one and the neck is narrow
				boolean apart = mainIsCell && peak[c] >= minPeakPx && s <= NECK * peak[c];
				if (!apart) parent[c] = main;
			}
			// the pixel goes where its steepest way up leads (a pixel on the rim belongs to the cell it borders)
			label[i] = find(parent, up);
		}
	}

	private static int find(int[] parent, int l) {
		while (parent[l] != l) {
			parent[l] = parent[parent[l]];
			l = parent[l];
		}
		return l;
	}

	/**
	 * Merges parts that are not separate cells, one pair at a time, until none is left: first
	 * two parts with a nucleus in the passage between them (see {@link #inPassage}: the passage
	 * is then cell body holding a nucleus, like the arm of one branched cell, not the rims of two
	 * cells pressed together), else the smallest part below the minimum area or without a
	 * nucleus, into the neighbour across the highest saddle (the widest passage). Relabels
	 * 1..count.
	 */
	private int merge(int[] label, float[] d, int width, int height, int count, List<NucleusCounter.Nucleus> nuclei) {
		int n = width * height;
		while (count > 1) {
			float[][] saddle = saddles(label, d, width, height, count);
			int keep = 0, gone = 0;
			if (nuclei != null) {
				for (NucleusCounter.Nucleus nu : nuclei) {
					int own = label[nu.y() * width + nu.x()];
					if (own == 0) continue;
					int other = inPassage(label, d, width, height, nu, own, saddle[own]);
					if (other != 0) {
						keep = Math.min(own, other);
						gone = Math.max(own, other);
						break;
					}
				}
			}
			if (gone == 0) {
				long[] area = new long[count + 1];
				int[] marks = new int[count + 1];
				for (int i = 0; i < n; i++) area[label[i]]++;
				if (nuclei != null) for (NucleusCounter.Nucleus nu : nuclei) marks[label[nu.y() * width + nu.x()]]++;
				for (int l = 1; l <= count; l++) {
					boolean notCell = area[l] < minAreaPx || (nuclei != null && marks[l] == 0);
					if (notCell && (gone == 0 || area[l] < area[gone])) gone = l;
				}
				if (gone == 0) break;
				for (int l = 1; l <= count; l++) if (saddle[gone][l] >= 0 && (keep == 0 || saddle[gone][l] > saddle[gone][keep])) keep = l;
				if (keep == 0) break; // not reached: the parts of one 8-connected profile touch
			}
			// relabel: gone -> keep, labels above gone shift down
			for (int i = 0; i < n; i++) {
				int l = label[i];
				if (l == 0) continue;
				if (l == gone) l = keep;
				label[i] = l > gone ? l - 1 : l;
			}
			count--;
		}
		return count;
	}

	/**
	 * The saddle between every two parts: the largest, over 8-adjacent pixel pairs across their
	 * cut, of the smaller distance (the half-width of the widest passage between them); -1 where
	 * they do not touch.
	 */
	private static float[][] saddles(int[] label, float[] d, int width, int height, int count) {
		float[][] s = new float[count + 1][count + 1];
		for (float[] row : s) Arrays.fill(row, -1);
		int[][] forward = { { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } };
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int i = y * width + x, a = label[i];
				if (a == 0) continue;
				for (int[] f : forward) {
					int xx = x + f[0], yy = y + f[1];
					if (xx < 0 || xx >= width || yy >= height) continue;
					int j = yy * width + xx, b = label[j];
					if (b == 0 || b == a) continue;
					float v = Math.min(d[i], d[j]);
					if (v > s[a][b]) s[a][b] = s[b][a] = v;
				}
			}
		}
		return s;
	}

	/**
	 * The first part (in label order) such that the nucleus, lying in part {@code own}, lies in the
	 * passage between the two: nearer to that part than to the core of its own (the pixels of
	 * {@code own} at least {@link #CORE} times as deep as the passage is half wide), or 0.
	 */
	private static int inPassage(int[] label, float[] d, int width, int height, NucleusCounter.Nucleus nu, int own, float[] saddle) {
		for (int other = 1; other < saddle.length; other++) {
			if (other == own || saddle[other] < 0) continue;
			double core = CORE * saddle[other];
			double toOther = Double.POSITIVE_INFINITY, toCore = Double.POSITIVE_INFINITY;
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					int i = y * width + x, l = label[i];
					if (l != other && (l != own || d[i] < core)) continue;
					double dist = Math.hypot(x - nu.x(), y - nu.y());
					if (l == other) toOther = Math.min(toOther, dist);
					else toCore = Math.min(toCore, dist);
				}
			}
			if (toOther < toCore) return other;
		}
		return 0;
	}

	/** Receives an overlay pixel: box index and colour. */
	@FunctionalInterface
	public interface PixelSink {
		/** @param boxIndex y * width + x in the profile's box */
		void put(int boxIndex, int colour);
	}

	/**
	 * Splits a profile, assigns its nuclei to the cells, adds the cells with at least the
	 * minimum nuclei to {@code counted} (when {@code owned}) and draws the outlines: counted
	 * cells in {@link TrapAnalyser#OSTEOCLAST} (2 px: the border pixels inside and out, the cut
	 * between two cells on both sides), others in {@link TrapAnalyser#REJECTED}, nuclei of
	 * counted cells as 3 x 3 {@link TrapAnalyser#NUCLEUS} dots. A profile with fewer nuclei
	 * than the minimum cannot hold a counted cell and is not split.
	 *
	 * @param cell    mask of the profile's box (nonzero = profile, holes filled)
	 * @param nuclei  the profile's nuclei (box coordinates)
	 * @param ox      x of the box's left column in the whole image
	 * @param oy      y of the box's top row in the whole image
	 * @param owned   whether this tile reports the profile's cells
	 * @param counted receives the counted cells (image coordinates)
	 * @param outline receives the overlay pixels
	 * @return the number of cells not counted (0 when not owned)
	 */
	public int emit(byte[] cell, int width, int height, List<NucleusCounter.Nucleus> nuclei, int ox, int oy, boolean owned, List<TrapCell> counted, PixelSink outline) {
		int n = width * height;
		Split split;
		if (nuclei.size() < minNuclei) {
			int[] one = new int[n];
			for (int i = 0; i < n; i++) one[i] = cell[i] != 0 ? 1 : 0;
			split = new Split(one, 1);
		} else {
			split = split(cell, width, height, nuclei);
		}
		int[] label = split.labels();
		int count = split.count();
		List<List<NucleusCounter.Nucleus>> own = new ArrayList<>();
		for (int l = 0; l <= count; l++) own.add(new ArrayList<>());
		for (NucleusCounter.Nucleus nu : nuclei) own.get(label[nu.y() * width + nu.x()]).add(nu);
		boolean[] isCounted = new boolean[count + 1];
		for (int l = 1; l <= count; l++) isCounted[l] = own.get(l).size() >= minNuclei;
		long[] area = new long[count + 1];
		double[] sx = new double[count + 1], sy = new double[count + 1];
		int[] anchor = new int[count + 1];
		Arrays.fill(anchor, -1);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int k = y * width + x, l = label[k];
				if (l != 0) {
					area[l]++;
					sx[l] += x;
					sy[l] += y;
					if (anchor[l] < 0) anchor[l] = k;
				}
				// outline: a pixel of a cell next to another label, or a pixel outside next to a counted cell
				boolean border = false, nextToCounted = false;
				for (int q = 0; q < 4; q++) {
					int nx = x + (q == 0 ? -1 : q == 1 ? 1 : 0), ny = y + (q == 2 ? -1 : q == 3 ? 1 : 0);
					int nl = nx >= 0 && ny >= 0 && nx < width && ny < height ? label[ny * width + nx] : 0;
					if (nl != l) {
						border = true;
						nextToCounted |= isCounted[nl];
					}
				}
				if (!border) continue;
				if (l != 0) outline.put(k, isCounted[l] ? TrapAnalyser.OSTEOCLAST : TrapAnalyser.REJECTED);
				else if (nextToCounted) outline.put(k, TrapAnalyser.OSTEOCLAST);
			}
		}
		int rejected = 0;
		for (int l = 1; l <= count; l++) {
			if (!isCounted[l]) {
				rejected++;
				continue;
			}
			List<int[]> centres = new ArrayList<>();
			for (NucleusCounter.Nucleus nu : own.get(l)) {
				centres.add(new int[] { ox + nu.x(), oy + nu.y() });
				for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
					int xx = nu.x() + dx, yy = nu.y() + dy;
					if (xx >= 0 && yy >= 0 && xx < width && yy < height) outline.put(yy * width + xx, TrapAnalyser.NUCLEUS);
				}
			}
			if (owned) counted.add(new TrapCell(ox + anchor[l] % width, oy + anchor[l] / width, area[l], centres, 0, ox + sx[l] / area[l], oy + sy[l] / area[l]));
		}
		return owned ? rejected : 0;
	}
}
