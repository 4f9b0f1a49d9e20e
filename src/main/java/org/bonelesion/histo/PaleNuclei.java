package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds nuclei that are PALER than the cytoplasm of their own cell, as in large cultured
 * osteoclasts, whose nuclei take little haematoxylin and show as light ovals in the
 * TRAP-stained cytoplasm. The mean optical density of the cell's pixels is smoothed at two
 * scales: a Gaussian of sigma 1 pixel (the nucleus) and a normalised Gaussian of sigma twice
 * the nucleus radius over the cell's pixels only (the local cytoplasm, unbiased at the cell
 * border by the glass outside). A nucleus centre is a pixel of the cell at least one radius
 * inside its border where the cytoplasm exceeds the nucleus scale by at least the contrast,
 * and that difference is largest within a square window of side 2 radius + 1 (ties: the first
 * in raster order). This is a difference-of-Gaussians blob detector, made relative to the
 * cell's own staining. Dark (haematoxylin) nuclei and the pixels touching them are left out
 * of the cytoplasm, so that the cytoplasm beside a dark nucleus does not look pale.
 *
 * <p>Not every light spot of a cell is a nucleus: thin cytoplasm between processes and glass
 * enclosed by processes (part of the cell once holes are filled) are light too. A spot is
 * taken as a nucleus only if
 * <ol>
 * <li>it is one nucleus: spots with no darker ridge between them (the OD along the path stays
 * below the weaker one's halfway level, for spots at most 2 {@link #EXTENT} radii apart) are the plateau of one
 * oval nucleus and count once;</li>
 * <li>it is surrounded by cytoplasm: its pale region (the pixels connected to its centre whose
 * OD lies below halfway between the centre's and the cytoplasm's, nearer to it than to another
 * spot, within {@link #EXTENT} nucleus radii of the centre) does not reach the outside of the
 * cell. A nucleus lies in the cell body with cytoplasm all around it; a gap between processes
 * opens onto the glass;</li>
 * <li>it absorbs like cell contents, not like glass: the mean OD of its pale region is at least
 * {@link #TISSUE_FRACTION} of the cytoplasm level (OD is measured against blank glass, so glass
 * is at 0). Light crossing a nucleus also crosses the cytoplasm above and below it and the
 * chromatin; a hole in the cell crosses nothing.</li>
 * </ol>
 */
public final class PaleNuclei {

	private PaleNuclei() {}

	/**
	 * The pale nuclei of one cell.
	 *
	 * @param od       mean optical density per pixel of the surrounding image (any units), row length {@code stride}
	 * @param stride   row length of {@code od}
	 * @param bx0      left of the cell's box in {@code od}
	 * @param by0      top of the cell's box
	 * @param bw       box width
	 * @param bh       box height
	 * @param cell     cell mask of the box (nonzero = cell, holes filled)
	 * @param dark     dark (haematoxylin) nucleus mask of the box, or null: these pixels and their 8-neighbours are not cytoplasm
	 * @param inside   distance of each box pixel to the nearest non-cell pixel, in pixels
	 * @param radius   nucleus radius, pixels
	 * @param contrast smallest difference cytoplasm minus nucleus, in the units of {@code od}
	 * @return centres {x, y} in box coordinates, raster order
	 */
	public static List<int[]> find(int[] od, int stride, int bx0, int by0, int bw, int bh, byte[] cell, byte[] dark, float[] inside, double radius, double contrast) {
		List<int[]> out = new ArrayList<>();
		for (Candidate c : candidates(od, stride, bx0, by0, bw, bh, cell, dark, inside, radius, contrast)) if (c.nucleus()) out.add(new int[] { c.x(), c.y() });
		return out;
	}

	/**
	 * A light spot of a cell (a local maximum of the contrast) and what was measured to decide whether it is a nucleus.
	 *
	 * @param x         centre, box pixels
	 * @param y         centre, box pixels
	 * @param contrast  cytoplasm level minus the spot's OD at its centre (units of the OD given)
	 * @param cytoplasm the cytoplasm level around it
	 * @param area      pixels of its pale region (below halfway between its centre and the cytoplasm, nearer to it than to another spot)
	 * @param open      the pale region reaches farther than {@link #EXTENT} nucleus radii from the centre (measured, not a reason to reject: a pale nucleus beside thin cytoplasm is open too)
	 * @param onGlass   the pale region touches the outside of the cell: not surrounded by cytoplasm
	 * @param meanOd    mean OD of the pale region
	 * @param nucleus   whether it is taken as a nucleus
	 */
	public record Candidate(int x, int y, double contrast, double cytoplasm, int area, boolean open, boolean onGlass, double meanOd, boolean nucleus) {}

	/**
	 * How far, in nucleus radii, the pale region of a nucleus is followed from its centre: osteoclast nuclei are up to about 2.5 times
	 * the smallest radius long (semi-axis 7.5 um at the 3 um default), so glass reached within this distance borders the spot itself.
	 */
	public static final double EXTENT = 2.5;

	/** A pale nucleus absorbs at least this fraction of the cytoplasm's OD: its OD lies nearer the cytoplasm's than the glass's (0). */
	public static final double TISSUE_FRACTION = 0.5;

	/** Every light spot of the cell, with its measures and the decision; raster order of the centres. Arguments as {@link #find}. */
	public static List<Candidate> candidates(int[] od, int stride, int bx0, int by0, int bw, int bh, byte[] cell, byte[] dark, float[] inside, double radius, double contrast) {
		int n = bw * bh;
		float[] v = new float[n], m = new float[n];
		for (int y = 0; y < bh; y++) for (int x = 0; x < bw; x++) {
			int k = y * bw + x;
			if (cell[k] != 0 && !nearDark(dark, bw, bh, x, y)) {
				v[k] = od[(by0 + y) * stride + bx0 + x];
				m[k] = 1;
			}
		}
		float[] small = gaussianMasked(v, m, bw, bh, 1.0);
		float[] vs = gaussian(v, bw, bh, 2 * radius), ms = gaussian(m, bw, bh, 2 * radius);
		float[] resp = new float[n];
		for (int k = 0; k < n; k++) resp[k] = m[k] != 0 && ms[k] > 0 ? vs[k] / ms[k] - small[k] : Float.NEGATIVE_INFINITY;
		int w = (int) Math.round(radius);
		List<int[]> spots = new ArrayList<>();
		for (int y = 0; y < bh; y++) {
			for (int x = 0; x < bw; x++) {
				int k = y * bw + x;
				if (m[k] == 0 || inside[k] < radius || resp[k] < contrast) continue;
				boolean max = true;
				for (int yy = Math.max(0, y - w); yy <= Math.min(bh - 1, y + w) && max; yy++) {
					for (int xx = Math.max(0, x - w); xx <= Math.min(bw - 1, x + w); xx++) {
						int j = yy * bw + xx;
						if (resp[j] > resp[k] || (resp[j] == resp[k] && j < k)) {
							max = false;
							break;
						}
					}
				}
				if (max) spots.add(new int[] { x, y });
			}
		}
		spots = oneSpotPerNucleus(spots, small, resp, bw, radius);
		List<Candidate> out = new ArrayList<>();
		if (spots.isEmpty()) return out;
		int[] queue = new int[n];
		int[] seen = new int[n]; // the spot (1-based) whose region holds the pixel
		for (int s = 0; s < spots.size(); s++) {
			int cx = spots.get(s)[0], cy = spots.get(s)[1], c = cy * bw + cx;
			double level = small[c] + resp[c] / 2, reach = EXTENT * radius;
			int head = 0, tail = 0, area = 0;
			boolean open = false, glass = false;
			double sum = 0;
			queue[tail++] = c;
			seen[c] = s + 1;
			while (head < tail) {
				int k = queue[head++];
				int x = k % bw, y = k / bw;
				area++;
				sum += od[(by0 + y) * stride + bx0 + x];
				for (int d = 0; d < 4; d++) {
					int xx = x + (d == 0 ? -1 : d == 1 ? 1 : 0), yy = y + (d == 2 ? -1 : d == 3 ? 1 : 0);
					if (xx < 0 || yy < 0 || xx >= bw || yy >= bh || cell[yy * bw + xx] == 0) {
						glass = true;
						continue;
					}
					int j = yy * bw + xx;
					if (seen[j] == s + 1 || m[j] == 0 || small[j] >= level || !nearest(spots, s, xx, yy)) continue;
					if (Math.hypot(xx - cx, yy - cy) > reach) {
						open = true;
						continue;
					}
					seen[j] = s + 1;
					queue[tail++] = j;
				}
			}
			double cyto = small[c] + resp[c], mean = sum / area;
			boolean nucleus = !glass && mean >= TISSUE_FRACTION * cyto;
			out.add(new Candidate(cx, cy, resp[c], cyto, area, open, glass, mean, nucleus));
		}
		return out;
	}

	/**
	 * An oval nucleus gives a plateau of contrast that may hold two maxima farther apart than the search window. Two maxima are one
	 * nucleus when no cytoplasm lies between them: the OD along the straight path from the weaker to the stronger stays below the
	 * weaker one's halfway level (between its centre and its cytoplasm), for maxima at most one nucleus length (2 {@link #EXTENT} radii) apart;
	 * between two nuclei, even touching ones, their envelopes and the cytoplasm make a darker ridge. Spots are taken by decreasing
	 * contrast (ties: raster order); the result keeps raster order.
	 */
	private static List<int[]> oneSpotPerNucleus(List<int[]> spots, float[] small, float[] resp, int bw, double radius) {
		Integer[] order = new Integer[spots.size()];
		for (int i = 0; i < order.length; i++) order[i] = i;
		java.util.Arrays.sort(order, (a, b) -> {
			float ra = resp[spots.get(a)[1] * bw + spots.get(a)[0]], rb = resp[spots.get(b)[1] * bw + spots.get(b)[0]];
			return ra != rb ? Float.compare(rb, ra) : Integer.compare(a, b);
		});
		boolean[] keep = new boolean[order.length];
		for (int i : order) {
			int[] p = spots.get(i);
			int k = p[1] * bw + p[0];
			double level = small[k] + resp[k] / 2;
			boolean same = false;
			for (int j = 0; j < order.length && !same; j++) {
				if (!keep[j]) continue;
				int[] q = spots.get(j);
				if (Math.hypot(q[0] - p[0], q[1] - p[1]) > 2 * EXTENT * radius) continue;
				same = true;
				int steps = 2 * Math.max(Math.abs(q[0] - p[0]), Math.abs(q[1] - p[1]));
				for (int t = 1; t < steps && same; t++) {
					int x = (int) Math.round(p[0] + (q[0] - p[0]) * (double) t / steps), y = (int) Math.round(p[1] + (q[1] - p[1]) * (double) t / steps);
					if (small[y * bw + x] >= level) same = false;
				}
			}
			keep[i] = !same;
		}
		List<int[]> out = new ArrayList<>();
		for (int i = 0; i < keep.length; i++) if (keep[i]) out.add(spots.get(i));
		return out;
	}

	/** True if (x, y) is at least as near to spot s as to every other spot (the pale regions of touching nuclei are shared between them). */
	private static boolean nearest(List<int[]> spots, int s, int x, int y) {
		int[] own = spots.get(s);
		double d = (x - own[0]) * (double) (x - own[0]) + (y - own[1]) * (double) (y - own[1]);
		for (int t = 0; t < spots.size(); t++) {
			int[] o = spots.get(t);
			if (t != s && (x - o[0]) * (double) (x - o[0]) + (y - o[1]) * (double) (y - o[1]) < d) return false;
		}
		return true;
	}

	private static boolean nearDark(byte[] dark, int bw, int bh, int x, int y) {
		if (dark == null) return false;
		for (int yy = Math.max(0, y - 1); yy <= Math.min(bh - 1, y + 1); yy++) for (int xx = Math.max(0, x - 1); xx <= Math.min(bw - 1, x + 1); xx++) if (dark[yy * bw + xx] != 0) return true;
		return false;
	}

	/** Gaussian of the cell's values normalised by the Gaussian of the mask (values outside the cell do not count). */
	private static float[] gaussianMasked(float[] v, float[] m, int w, int h, double sigma) {
		float[] a = gaussian(v, w, h, sigma), b = gaussian(m, w, h, sigma);
		for (int k = 0; k < a.length; k++) a[k] = b[k] > 0 ? a[k] / b[k] : 0;
		return a;
	}

	/** Separable Gaussian, zero outside the box (kernel radius 3 sigma). */
	static float[] gaussian(float[] in, int w, int h, double sigma) {
		int r = (int) Math.ceil(3 * sigma);
		float[] k = new float[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		float[] tmp = new float[w * h], out = new float[w * h];
		for (int y = 0; y < h; y++) {
			int off = y * w;
			for (int x = 0; x < w; x++) {
				float s = 0;
				for (int i = Math.max(-r, -x); i <= Math.min(r, w - 1 - x); i++) s += k[i + r] * in[off + x + i];
				tmp[off + x] = s;
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float s = 0;
				for (int i = Math.max(-r, -y); i <= Math.min(r, h - 1 - y); i++) s += k[i + r] * tmp[(y + i) * w + x];
				out[y * w + x] = s;
			}
		}
		return out;
	}
}
