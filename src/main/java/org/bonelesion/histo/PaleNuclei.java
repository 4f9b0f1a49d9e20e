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
		List<int[]> out = new ArrayList<>();
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
				if (max) out.add(new int[] { x, y });
			}
		}
		return out;
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
