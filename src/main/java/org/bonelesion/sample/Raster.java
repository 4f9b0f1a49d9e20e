package org.bonelesion.sample;

import java.util.Arrays;
import java.util.List;

/**
 * Scan-line rasterisation of polygons (even-odd rule over all rings, so a ring inside another
 * is a hole) onto a pixel grid: the coverage of each pixel (0..16, from 4 x 4 sub-samples) for
 * anti-aliased rendering, and whether its centre is inside, for the truth label maps. Pixel
 * (i, j) covers [i, i+1) x [j, j+1) times the pixel size.
 */
final class Raster {

	/** A rasterised shape over its bounding box. */
	record Mask(int x0, int y0, int w, int h, byte[] coverage, boolean[] centre) {}

	private Raster() {}

	static Mask of(List<Polygon2> rings, double pixelMm, int width, int height) {
		double[] b = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
		for (Polygon2 p : rings) {
			double[] pb = p.bounds();
			b[0] = Math.min(b[0], pb[0]);
			b[1] = Math.min(b[1], pb[1]);
			b[2] = Math.max(b[2], pb[2]);
			b[3] = Math.max(b[3], pb[3]);
		}
		int x0 = Math.max(0, (int) Math.floor(b[0] / pixelMm)), y0 = Math.max(0, (int) Math.floor(b[1] / pixelMm));
		int x1 = Math.min(width - 1, (int) Math.floor(b[2] / pixelMm)), y1 = Math.min(height - 1, (int) Math.floor(b[3] / pixelMm));
		if (x1 < x0 || y1 < y0) return new Mask(0, 0, 0, 0, new byte[0], new boolean[0]);
		int w = x1 - x0 + 1, h = y1 - y0 + 1;
		byte[] cov = new byte[w * h];
		boolean[] centre = new boolean[w * h];
		double[] xs = new double[64];
		for (int j = 0; j < h; j++) {
			for (int sub = 0; sub <= 4; sub++) {
				double yy = (y0 + j + (sub == 4 ? 0.5 : (sub + 0.5) / 4)) * pixelMm;
				int nx = 0;
				for (Polygon2 p : rings) {
					double[] px = p.x(), py = p.y();
					int n = px.length;
					for (int i = 0, k = n - 1; i < n; k = i++) {
						if ((py[i] > yy) != (py[k] > yy)) {
							if (nx == xs.length) xs = Arrays.copyOf(xs, nx * 2);
							xs[nx++] = (px[k] + (yy - py[k]) * (px[i] - px[k]) / (py[i] - py[k])) / pixelMm;
						}
					}
				}
				Arrays.sort(xs, 0, nx);
				for (int q = 0; q + 1 < nx; q += 2) {
					double a = xs[q], e = xs[q + 1];
					if (sub == 4) {
						int from = Math.max(x0, (int) Math.ceil(a - 0.5)), to = Math.min(x1, (int) Math.ceil(e - 0.5) - 1);
						for (int i = from; i <= to; i++) centre[j * w + i - x0] = true;
					} else {
						int from = Math.max(x0, (int) Math.floor(a)), to = Math.min(x1, (int) Math.floor(e));
						for (int i = from; i <= to; i++) {
							int c = 0;
							for (int s = 0; s < 4; s++) {
								double xx = i + (s + 0.5) / 4;
								if (xx >= a && xx < e) c++;
							}
							cov[j * w + i - x0] += (byte) c;
						}
					}
				}
			}
		}
		return new Mask(x0, y0, w, h, cov, centre);
	}
}
