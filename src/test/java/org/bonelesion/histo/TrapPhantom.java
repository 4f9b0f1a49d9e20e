package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.StainVector;

/**
 * Renders brightfield TRAP images by Beer-Lambert mixing: each pixel's optical density is the
 * sum over stains of (amount x coverage) times the stain's OD vector, and its intensity is
 * {@code (I0 + 1) 10^-OD - 1} plus seeded Gaussian noise. Shapes are discs, ellipses and
 * "caps" (a disc centred on a bone surface point minus the bone), covered fraction sampled
 * 4 x 4 per pixel. The geometry is kept so that the truth (areas, perimeters, contact
 * lengths, counts) is known in closed form or by fine sampling.
 */
final class TrapPhantom {

	static final StainVector TRAP = StainVector.TRAP, HEM = StainVector.HAEMATOXYLIN, GREEN = StainVector.FAST_GREEN;

	final int width, height;
	final double pixelUm;
	/** od[c][i]: accumulated OD per channel. */
	final double[][] od;
	final double background;

	TrapPhantom(int width, int height, double pixelUm, double background) {
		this.width = width;
		this.height = height;
		this.pixelUm = pixelUm;
		this.background = background;
		od = new double[3][width * height];
	}

	/** A region given by an inside test on pixel coordinates (in pixels, pixel centres at +0.5). */
	interface Shape {
		boolean inside(double x, double y);
	}

	static Shape disc(double cx, double cy, double r) {
		return (x, y) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
	}

	static Shape ellipse(double cx, double cy, double a, double b, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle);
		return (x, y) -> {
			double u = (x - cx) * c + (y - cy) * s, v = -(x - cx) * s + (y - cy) * c;
			return u * u / (a * a) + v * v / (b * b) <= 1;
		};
	}

	static Shape minus(Shape a, Shape b) {
		return (x, y) -> a.inside(x, y) && !b.inside(x, y);
	}

	static Shape rect(double x0, double y0, double x1, double y1) {
		return (x, y) -> x >= x0 && x < x1 && y >= y0 && y < y1;
	}

	/** Adds {@code amount} of a stain over a shape, within the bounding box given. */
	void paint(Shape shape, double x0, double y0, double x1, double y1, StainVector stain, double amount) {
		int ix0 = Math.max(0, (int) Math.floor(x0) - 1), iy0 = Math.max(0, (int) Math.floor(y0) - 1);
		int ix1 = Math.min(width, (int) Math.ceil(x1) + 1), iy1 = Math.min(height, (int) Math.ceil(y1) + 1);
		double[] v = stain.toArray();
		for (int y = iy0; y < iy1; y++) {
			for (int x = ix0; x < ix1; x++) {
				int in = 0;
				for (int sy = 0; sy < 4; sy++) for (int sx = 0; sx < 4; sx++) if (shape.inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) in++;
				if (in == 0) continue;
				double f = in / 16.0 * amount;
				for (int c = 0; c < 3; c++) od[c][y * width + x] += f * v[c];
			}
		}
	}

	void paintDisc(double cx, double cy, double r, StainVector stain, double amount) {
		paint(disc(cx, cy, r), cx - r, cy - r, cx + r, cy + r, stain, amount);
	}

	/** The image, with noise of the given standard deviation in grey levels. */
	RgbImage render(double noise, long seed) {
		Random rnd = new Random(seed);
		int[] px = new int[width * height];
		for (int i = 0; i < px.length; i++) {
			int rgb = 0;
			for (int c = 0; c < 3; c++) {
				double v = (background + 1) * Math.pow(10, -od[c][i]) - 1 + noise * rnd.nextGaussian();
				int q = (int) Math.max(0, Math.min(255, Math.round(v)));
				rgb = (rgb << 8) | q;
			}
			px[i] = rgb;
		}
		return new RgbImage(width, height, px, Spacing.isotropicMicrons(pixelUm));
	}

	/** Ramanujan's second approximation of an ellipse's perimeter (relative error < 1e-9 here). */
	static double ellipsePerimeter(double a, double b) {
		double h = (a - b) * (a - b) / ((a + b) * (a + b));
		return Math.PI * (a + b) * (1 + 3 * h / (10 + Math.sqrt(4 - 3 * h)));
	}

	/** Length of the ellipse's boundary inside a disc, by fine sampling of the boundary. */
	static double arcInside(double cx, double cy, double a, double b, double angle, double dx, double dy, double r) {
		int n = 200_000;
		double c = Math.cos(angle), s = Math.sin(angle);
		double len = 0;
		double px = Double.NaN, py = Double.NaN;
		boolean pin = false;
		for (int i = 0; i <= n; i++) {
			double t = 2 * Math.PI * i / n;
			double u = a * Math.cos(t), v = b * Math.sin(t);
			double x = cx + u * c - v * s, y = cy + u * s + v * c;
			boolean in = (x - dx) * (x - dx) + (y - dy) * (y - dy) <= r * r;
			if (i > 0 && in && pin) len += Math.hypot(x - px, y - py);
			px = x;
			py = y;
			pin = in;
		}
		return len;
	}

	/** A point on an ellipse's boundary at parameter t, and the outward unit normal. */
	static double[] boundary(double cx, double cy, double a, double b, double angle, double t) {
		double c = Math.cos(angle), s = Math.sin(angle);
		double u = a * Math.cos(t), v = b * Math.sin(t);
		double nu = Math.cos(t) / a, nv = Math.sin(t) / b;
		double nl = Math.hypot(nu, nv);
		nu /= nl;
		nv /= nl;
		return new double[] { cx + u * c - v * s, cy + u * s + v * c, nu * c - nv * s, nu * s + nv * c };
	}

	/** Occupied discs (x, y, r) for keeping random nuclei apart from everything placed. */
	final List<double[]> occupied = new ArrayList<>();

	boolean free(double x, double y, double r) {
		for (double[] o : occupied) if (Math.hypot(x - o[0], y - o[1]) < r + o[2]) return false;
		return true;
	}
}
