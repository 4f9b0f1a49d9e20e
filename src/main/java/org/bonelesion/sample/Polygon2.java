package org.bonelesion.sample;

/**
 * A closed polygon in the plane (coordinates in mm; the last vertex joins the first). The
 * histology phantoms are made of these, so their areas and perimeters are exact.
 */
public record Polygon2(double[] x, double[] y) {

	/** Number of vertices. */
	public int size() {
		return x.length;
	}

	/** Enclosed area (shoelace, absolute). */
	public double area() {
		return Math.abs(signedArea());
	}

	double signedArea() {
		double a = 0;
		int n = x.length;
		for (int i = 0, j = n - 1; i < n; j = i++) a += x[j] * y[i] - x[i] * y[j];
		return a / 2;
	}

	/** Length of the boundary. */
	public double perimeter() {
		double p = 0;
		int n = x.length;
		for (int i = 0, j = n - 1; i < n; j = i++) p += Math.hypot(x[i] - x[j], y[i] - y[j]);
		return p;
	}

	/** Area centroid {x, y}. */
	public double[] centroid() {
		double a = 0, cx = 0, cy = 0;
		int n = x.length;
		for (int i = 0, j = n - 1; i < n; j = i++) {
			double f = x[j] * y[i] - x[i] * y[j];
			a += f;
			cx += (x[j] + x[i]) * f;
			cy += (y[j] + y[i]) * f;
		}
		return new double[] { cx / (3 * a), cy / (3 * a) };
	}

	/** Even-odd point-in-polygon test. */
	public boolean contains(double px, double py) {
		boolean in = false;
		int n = x.length;
		for (int i = 0, j = n - 1; i < n; j = i++) {
			if ((y[i] > py) != (y[j] > py) && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i]) in = !in;
		}
		return in;
	}

	/** {xmin, ymin, xmax, ymax}. */
	public double[] bounds() {
		double[] b = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
		for (int i = 0; i < x.length; i++) {
			b[0] = Math.min(b[0], x[i]);
			b[1] = Math.min(b[1], y[i]);
			b[2] = Math.max(b[2], x[i]);
			b[3] = Math.max(b[3], y[i]);
		}
		return b;
	}

	/**
	 * A smooth star-shaped blob: an ellipse of semi-axes (a, b) rotated by phi about (cx, cy),
	 * its radius modulated by {@code 1 + sum amp[k] cos((k+2) t + phase[k])}, with n vertices.
	 */
	public static Polygon2 blob(double cx, double cy, double a, double b, double phi, double[] amp, double[] phase, int n) {
		double[] x = new double[n], y = new double[n];
		double c = Math.cos(phi), s = Math.sin(phi);
		for (int i = 0; i < n; i++) {
			double t = 2 * Math.PI * i / n;
			double m = 1;
			for (int k = 0; k < amp.length; k++) m += amp[k] * Math.cos((k + 2) * t + phase[k]);
			double u = a * m * Math.cos(t), v = b * m * Math.sin(t);
			x[i] = cx + u * c - v * s;
			y[i] = cy + u * s + v * c;
		}
		return new Polygon2(x, y);
	}

	/** An ellipse with n vertices. */
	public static Polygon2 ellipse(double cx, double cy, double a, double b, double phi, int n) {
		return blob(cx, cy, a, b, phi, new double[0], new double[0], n);
	}
}
