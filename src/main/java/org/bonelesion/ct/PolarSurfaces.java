package org.bonelesion.ct;

import java.util.Arrays;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Smooth periosteal and endosteal surfaces of a shaft-like bone reconstructed per slice in
 * polar coordinates, so that they do not sag across wide cortical defects.
 *
 * <p>For every slice, rays are cast from the centroid of the periosteal envelope. Along each
 * ray (angle theta) the periosteal radius is the outermost bone, and the endosteal radius the
 * first gap of at least a voxel met walking inwards from there through the cortex, both located
 * to a tenth of a voxel where the bilinear interpolation of the mask crosses 1/2
 * ({@link #crossing}), so that voxels assigned by their centre are unbiased. Each of the
 * two radius profiles is fitted by a Fourier series in theta (order {@link #ORDER}) with
 * iterative outlier rejection: rays through holes, pits, nodules or trabeculae joining the
 * cortex give radii far from the smooth profile and are left out, so the fit bridges them with
 * the shape of the intact cortex around them. The fitted radii are then smoothed along z by a
 * running median over {@link #Z_MEDIAN} slices on each side.
 *
 * <p>A slice is <em>valid</em> (a closed cortical ring) when at least {@link #MIN_OUTER_INLIERS}
 * of the rays agree with the periosteal fit, at least {@link #MIN_INNER_INLIERS} with the
 * endosteal fit, and the fitted cortex is at least a voxel thick all around. Where a slice is
 * not valid (metaphyseal flare, growth plate, scan ends with trabeculae crossing the cortex),
 * no lytic lesion is searched and the morphological envelopes are kept.
 */
final class PolarSurfaces {

	/** Order of the Fourier series of the radii (an off-centre ellipse needs 2; 4 allows some asymmetry). */
	static final int ORDER = 4;
	/** Running median along z of the fitted radii: this many slices on each side. */
	static final int Z_MEDIAN = 3;
	/** Fraction of rays that must agree with the periosteal fit for a valid slice. */
	static final double MIN_OUTER_INLIERS = 0.6;
	/** Fraction of rays that must agree with the endosteal fit for a valid slice. */
	static final double MIN_INNER_INLIERS = 0.5;
	/** Rays this close (in voxels along the arc) to a rejected ray are not fitted. */
	static final double EDGE_MARGIN_VOXELS = 3;
	/** Number of rays per slice (and of tabulated angles). */
	static final int RAYS = 720;

	private PolarSurfaces() {
	}

	/** Per-slice fits: centre (voxels), outer and inner radius tables (mm) over {@link #RAYS} angles. */
	static final class Slice {
		double cx, cy;
		double[] outer, inner;
		boolean valid;
		double maxOuter, minInner;
	}

	/**
	 * Fits the surfaces of every slice of the crop and rewrites {@code e.openedEnvelope} (2 = voxel
	 * centre inside or on the periosteal surface, 0 = outside) and {@code e.marrow} (1 = non-bone
	 * with its centre inside the endosteal surface) on valid slices; on the others the
	 * morphological masks are kept (value 1 at most, so no lytic candidate there). The surfaces
	 * are sub-voxel (see {@link #crossing}) and voxels are assigned by their centre with no
	 * tolerance, so no boundary layer is systematically lost or gained. Stores the fits and the
	 * smoothed periosteal radii in {@code e.polarFits} and {@code e.polarOuter}.
	 *
	 * @return which slices are valid
	 */
	static boolean[] apply(LesionFinder.Envelopes e, Parallel parallel) {
		ByteVolume b = e.bone;
		int d = b.depth();
		Slice[] fits = new Slice[d];
		parallel.forRange(0, d, z -> fits[z] = fit(b, e.envelope, z));
		// running median along z over valid slices
		double[][] outer = new double[d][], inner = new double[d][];
		parallel.forRange(0, d, z -> {
			if (fits[z] == null || !fits[z].valid) return;
			outer[z] = zMedian(fits, z, true);
			inner[z] = zMedian(fits, z, false);
		});
		boolean[] valid = new boolean[d];
		Spacing s = b.requireSpacing();
		int w = b.width(), h = b.height();
		parallel.forRange(0, d, z -> {
			Slice f = fits[z];
			if (f == null || !f.valid) {
				byte[] op = e.openedEnvelope.slice(z);
				for (int i = 0; i < op.length; i++) if (op[i] != 0) op[i] = 1;
				return;
			}
			valid[z] = true;
			double[] ro = outer[z], ri = inner[z];
			double maxO = 0, minI = Double.MAX_VALUE;
			for (int k = 0; k < RAYS; k++) {
				maxO = Math.max(maxO, ro[k]);
				minI = Math.min(minI, ri[k]);
			}
			byte[] op = e.openedEnvelope.slice(z), m = e.marrow.slice(z), bb = b.slice(z);
			for (int y = 0; y < h; y++) {
				double dy = (y - f.cy) * s.y();
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					double dx = (x - f.cx) * s.x(), r = Math.sqrt(dx * dx + dy * dy);
					if (r > maxO) { op[i] = 0; m[i] = 0; continue; }
					if (r < minI) { op[i] = 2; m[i] = bb[i] == 0 ? (byte) 1 : 0; continue; }
					double t = (Math.atan2(dy, dx) / (2 * Math.PI) + 1) * RAYS;
					int k0 = (int) Math.floor(t);
					double a = t - k0;
					k0 %= RAYS;
					int k1 = (k0 + 1) % RAYS;
					double rOut = (1 - a) * ro[k0] + a * ro[k1], rIn = (1 - a) * ri[k0] + a * ri[k1];
					op[i] = r <= rOut ? (byte) 2 : 0;
					m[i] = r < rIn && bb[i] == 0 ? (byte) 1 : 0;
				}
			}
		});
		e.polarFits = fits;
		e.polarOuter = outer;
		return valid;
	}

	/**
	 * Height (mm) of a voxel centre above the fitted periosteal surface of its slice (negative
	 * inside), or NaN where the slice is not valid.
	 */
	static double heightAbovePeriosteum(LesionFinder.Envelopes e, int x, int y, int z) {
		if (e.polarOuter == null || e.polarOuter[z] == null) return Double.NaN;
		Slice f = e.polarFits[z];
		double[] ro = e.polarOuter[z];
		Spacing s = e.bone.requireSpacing();
		double dx = (x - f.cx) * s.x(), dy = (y - f.cy) * s.y();
		double t = (Math.atan2(dy, dx) / (2 * Math.PI) + 1) * RAYS;
		int k0 = (int) Math.floor(t);
		double a = t - k0;
		k0 %= RAYS;
		return Math.sqrt(dx * dx + dy * dy) - ((1 - a) * ro[k0] + a * ro[(k0 + 1) % RAYS]);
	}

	private static double[] zMedian(Slice[] fits, int z, boolean outerSide) {
		double[] out = new double[RAYS];
		double[] buf = new double[2 * Z_MEDIAN + 1];
		for (int k = 0; k < RAYS; k++) {
			int n = 0;
			for (int zz = Math.max(0, z - Z_MEDIAN); zz <= Math.min(fits.length - 1, z + Z_MEDIAN); zz++) {
				Slice f = fits[zz];
				if (f == null || !f.valid) continue;
				buf[n++] = outerSide ? f.outer[k] : f.inner[k];
			}
			Arrays.sort(buf, 0, n);
			out[k] = n % 2 == 1 ? buf[n / 2] : 0.5 * (buf[n / 2 - 1] + buf[n / 2]);
		}
		return out;
	}

	/** The fits of one slice, or null when the envelope is empty there. */
	static Slice fit(ByteVolume bone, ByteVolume envelope, int z) {
		Spacing s = bone.requireSpacing();
		int w = bone.width(), h = bone.height();
		byte[] p = envelope.slice(z), b = bone.slice(z);
		double sx = 0, sy = 0;
		long n = 0;
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (p[y * w + x] != 0) { sx += x; sy += y; n++; }
		if (n == 0) return null;
		Slice f = new Slice();
		f.cx = sx / n;
		f.cy = sy / n;
		double step = 0.5 * Math.min(s.x(), s.y());
		double voxel = Math.max(s.x(), s.y());
		double rMax = Math.hypot(w * s.x(), h * s.y());
		double[] rOut = new double[RAYS], rIn = new double[RAYS];
		for (int k = 0; k < RAYS; k++) {
			double th = 2 * Math.PI * k / RAYS, c = Math.cos(th), sn = Math.sin(th);
			// outermost bone along the ray
			int steps = (int) (rMax / step);
			int last = -1;
			for (int j = 0; j <= steps; j++) {
				int x = (int) Math.round(f.cx + j * step * c / s.x()), y = (int) Math.round(f.cy + j * step * sn / s.y());
				if (x < 0 || y < 0 || x >= w || y >= h) break;
				if (b[y * w + x] != 0) last = j;
			}
			if (last < 0) {
				rOut[k] = Double.NaN;
				rIn[k] = Double.NaN;
				continue;
			}
			rOut[k] = crossing(b, w, h, f.cx, f.cy, c / s.x(), sn / s.y(), (last + 3) * step, (last - 2) * step, voxel, (last + 0.5) * step);
			// walk inwards through the cortex to the first gap of at least a voxel
			int gap = (int) Math.ceil(voxel / step);
			int j = last, run = 0, firstGap = -1;
			for (; j >= 0; j--) {
				int x = (int) Math.round(f.cx + j * step * c / s.x()), y = (int) Math.round(f.cy + j * step * sn / s.y());
				if (b[y * w + x] == 0) {
					if (run == 0) firstGap = j;
					if (++run >= gap) break;
				} else run = 0;
			}
			rIn[k] = j < 0 ? Double.NaN : crossing(b, w, h, f.cx, f.cy, c / s.x(), sn / s.y(), (firstGap - 1) * step, (firstGap + 3) * step, voxel, (firstGap + 0.5) * step);
		}
		double[] inO = new double[1], inI = new double[1];
		f.outer = robustFit(rOut, voxel, inO);
		f.inner = robustFit(rIn, voxel, inI);
		if (f.outer == null || f.inner == null) return f;
		boolean thick = true;
		for (int k = 0; k < RAYS; k++) if (f.outer[k] - f.inner[k] < voxel) thick = false;
		f.valid = thick && inO[0] >= MIN_OUTER_INLIERS && inI[0] >= MIN_INNER_INLIERS;
		return f;
	}

	/** Fine steps per voxel when locating the sub-voxel crossing of a surface along a ray. */
	static final int CROSSING_STEPS_PER_VOXEL = 10;

	/**
	 * Sub-voxel position (mm from the centre) of a surface along a ray: walking from
	 * {@code fromMm} (on the non-bone side) towards {@code toMm} (the bone side), where the
	 * bilinear interpolation of the 0/1 mask first reaches 1/2 (linear between fine steps). That
	 * is midway between the bone and non-bone voxel centres, so classifying voxels by their
	 * centre against it is unbiased (no layer lost or gained on average). {@code fallbackMm} when
	 * the interpolation never reaches 1/2 on the way; {@code fromMm} when it starts above.
	 *
	 * @param ux x voxels per mm along the ray (cos / spacing x)
	 * @param uy y voxels per mm along the ray (sin / spacing y)
	 */
	static double crossing(byte[] b, int w, int h, double cx, double cy, double ux, double uy, double fromMm, double toMm, double voxelMm,
		double fallbackMm) {
		double dir = Math.signum(toMm - fromMm), fine = voxelMm / CROSSING_STEPS_PER_VOXEL;
		int n = (int) Math.ceil(Math.abs(toMm - fromMm) / fine);
		double prevR = Math.max(0, fromMm), prevV = bilinear(b, w, h, cx + prevR * ux, cy + prevR * uy);
		if (prevV >= 0.5) return prevR;
		for (int j = 1; j <= n; j++) {
			double r = fromMm + dir * j * fine;
			if (r < 0) break;
			double v = bilinear(b, w, h, cx + r * ux, cy + r * uy);
			if (v >= 0.5) return prevR + (r - prevR) * (0.5 - prevV) / (v - prevV);
			prevR = r;
			prevV = v;
		}
		return fallbackMm;
	}

	/** Bilinear interpolation of a 0/1 slice at (x, y) in voxel coordinates (voxel centres at integers; 0 outside). */
	private static double bilinear(byte[] b, int w, int h, double x, double y) {
		int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
		double ax = x - x0, ay = y - y0;
		return (1 - ay) * ((1 - ax) * at(b, w, h, x0, y0) + ax * at(b, w, h, x0 + 1, y0)) + ay * ((1 - ax) * at(b, w, h, x0, y0 + 1) + ax * at(b, w, h, x0 + 1, y0 + 1));
	}

	private static int at(byte[] b, int w, int h, int x, int y) {
		return x < 0 || y < 0 || x >= w || y >= h || b[y * w + x] == 0 ? 0 : 1;
	}

	/**
	 * Robust Fourier fit of a radius profile (NaN = missing): the rays within a band around the
	 * median start the fit, then rays farther than max(3 robust SD, 1.5 voxels) from the fit are
	 * rejected and the fit repeated. Returns the fitted profile and the inlier fraction in
	 * {@code inlierFraction[0]}; null if too few rays are usable.
	 */
	static double[] robustFit(double[] r, double voxel, double[] inlierFraction) {
		int m = r.length;
		double[] valid = new double[m];
		int nv = 0;
		for (double v : r) if (!Double.isNaN(v)) valid[nv++] = v;
		if (nv < m / 4) return null;
		Arrays.sort(valid, 0, nv);
		double med = valid[nv / 2];
		boolean[] in = new boolean[m];
		for (int k = 0; k < m; k++) in[k] = !Double.isNaN(r[k]) && Math.abs(r[k] - med) < 0.3 * med;
		// rays within EDGE_MARGIN_VOXELS (along the arc) of a rejected ray are left out of the fit too:
		// the walls of a defect give radii between the intact and the defect's
		int margin = (int) Math.ceil(EDGE_MARGIN_VOXELS * voxel / (2 * Math.PI * med / m));
		double[] fit = null;
		double[] res = new double[m];
		for (int it = 0; it < 8; it++) {
			int order = it < 2 ? 2 : ORDER;
			double[] c = fourier(r, in, order);
			if (c == null) return null;
			fit = evaluate(c, m, order);
			int nr = 0;
			for (int k = 0; k < m; k++) if (in[k]) res[nr++] = Math.abs(r[k] - fit[k]);
			Arrays.sort(res, 0, nr);
			double sd = 1.4826 * res[nr / 2];
			double limit = Math.max(3 * sd, 1.5 * voxel);
			for (int k = 0; k < m; k++) in[k] = !Double.isNaN(r[k]) && Math.abs(r[k] - fit[k]) <= limit;
			if (it < 7) in = shrink(in, margin);
		}
		int ni = 0;
		for (boolean b : in) if (b) ni++;
		inlierFraction[0] = ni / (double) m;
		return fit;
	}

	/** Inliers without the rays within {@code margin} rays of an outlier (circular). */
	private static boolean[] shrink(boolean[] in, int margin) {
		int m = in.length;
		boolean[] out = in.clone();
		for (int k = 0; k < m; k++) {
			if (in[k]) continue;
			for (int j = -margin; j <= margin; j++) out[((k + j) % m + m) % m] = false;
		}
		return out;
	}

	private static double[] evaluate(double[] c, int m, int order) {
		double[] out = new double[m];
		for (int k = 0; k < m; k++) {
			double th = 2 * Math.PI * k / m, v = c[0];
			for (int o = 1; o <= order; o++) v += c[2 * o - 1] * Math.cos(o * th) + c[2 * o] * Math.sin(o * th);
			out[k] = v;
		}
		return out;
	}

	/** Least-squares Fourier coefficients (a0, a1, b1, a2, b2, ...) over the inlier rays; null if singular. */
	private static double[] fourier(double[] r, boolean[] in, int order) {
		int q = 2 * order + 1, m = r.length;
		double[][] a = new double[q][q + 1];
		double[] basis = new double[q];
		int n = 0;
		for (int k = 0; k < m; k++) {
			if (!in[k]) continue;
			n++;
			double th = 2 * Math.PI * k / m;
			basis[0] = 1;
			for (int o = 1; o <= order; o++) {
				basis[2 * o - 1] = Math.cos(o * th);
				basis[2 * o] = Math.sin(o * th);
			}
			for (int i = 0; i < q; i++) {
				for (int j = 0; j < q; j++) a[i][j] += basis[i] * basis[j];
				a[i][q] += basis[i] * r[k];
			}
		}
		if (n < 2 * q) return null;
		// Gaussian elimination with partial pivoting
		for (int col = 0; col < q; col++) {
			int piv = col;
			for (int i = col + 1; i < q; i++) if (Math.abs(a[i][col]) > Math.abs(a[piv][col])) piv = i;
			double[] t = a[col];
			a[col] = a[piv];
			a[piv] = t;
			if (Math.abs(a[col][col]) < 1e-9 * n) return null;
			for (int i = 0; i < q; i++) {
				if (i == col) continue;
				double f = a[i][col] / a[col][col];
				for (int j = col; j <= q; j++) a[i][j] -= f * a[col][j];
			}
		}
		double[] c = new double[q];
		for (int i = 0; i < q; i++) c[i] = a[i][q] / a[i][i];
		return c;
	}
}
