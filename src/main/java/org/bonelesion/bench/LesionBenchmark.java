package org.bonelesion.bench;

import java.util.Locale;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ct.LesionFinder;
import org.bonelesion.ct.LesionParameters;
import org.bonelesion.ct.LesionResult;
import org.bonelesion.ops.RigidRegistration;
import org.bonelesion.ops.RigidTransform3D;

/**
 * Times the micro-CT lesion analysis on a big synthetic scan: a 16-bit volume (default 1024 x
 * 1024 x 1000, 10 um) of a tube (outer radius about 250 voxels, wall 60, scaled with the width)
 * with perforating cortical defects and periosteal nodules; the follow-up is the same scan
 * rotated by 3 degrees about z and shifted by (20, -15, 10) voxels. Times (1) thresholding into a bone mask
 * (the stand-in for segmentation), (2) {@link LesionFinder#find}, (3) rigid registration of a
 * moved copy on the downsampled pyramid. Prints a Markdown table with the heap in use.
 *
 * <p>Usage: {@code LesionBenchmark [--size 1024] [--depth 1000]}; run with {@code -Xmx8g}.
 */
public final class LesionBenchmark {

	private LesionBenchmark() {
	}

	public static void main(String[] args) {
		int size = 1024, depth = 1000;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--size" -> size = Integer.parseInt(args[++i]);
				case "--depth" -> depth = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Parallel par = Parallel.defaults();
		Spacing sp = Spacing.isotropicMicrons(10);
		double s = sp.x();
		double[] centre = { size / 2.0 * s, size / 2.0 * s, 0 };
		double angle = Math.toRadians(3);
		int tx = 20, ty = -15, tz = 10;
		RigidTransform3D motion = new RigidTransform3D(0, 0, angle, new double[] { tx * s, ty * s, tz * s }, centre, Double.NaN);
		long t0 = System.nanoTime();
		ShortVolume base = render(size, depth, sp, par);
		ShortVolume follow = moved(base, angle, tx, ty, tz, par);
		double tRender = seconds(t0);
		long t1 = System.nanoTime();
		RigidRegistration.Result reg = RigidRegistration.register(base, follow, RigidRegistration.Settings.defaults(), par, Progress.NONE);
		double tReg = seconds(t1);
		double heapReg = usedGb();
		follow = null;
		long t2 = System.nanoTime();
		ByteVolume bone = threshold(base, par);
		base = null;
		System.out.printf(Locale.ROOT, "registration %.1f s, error %s%n", tReg, reg.transform());
		double tThr = seconds(t2);
		long t3 = System.nanoTime();
		PeakHeap peak = new PeakHeap();
		peak.start();
		LesionResult r = LesionFinder.find(bone, sp, LesionParameters.defaults(), par, Progress.NONE);
		double tLes = seconds(t3);
		peak.stop = true;
		double err = rmsError(motion, reg.transform(), size, depth, s);
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%d x %d x %d voxels, 16-bit, %d threads, max heap %.1f GB%n%n", size, size, depth, par.threads(),
				Runtime.getRuntime().maxMemory() / 1e9));
		out.append("| step | time (s) | notes |\n|---|---|---|\n");
		out.append(String.format(Locale.ROOT, "| render two phantoms (not timed in the total) | %.1f | |%n", tRender));
		out.append(String.format(Locale.ROOT, "| threshold into a bone mask | %.1f | |%n", tThr));
		out.append(String.format(Locale.ROOT, "| lesion finding | %.1f | %d lytic (%.4f mm^3), %d blastic (%.4f mm^3), %d perforating; peak heap %.1f GB |%n",
				tLes, r.lyticCount(), r.lyticVolumeMm3(), r.blasticCount(), r.blasticVolumeMm3(), r.perforatingCount(), peak.peak / 1e9));
		out.append(String.format(Locale.ROOT, "| rigid registration (pyramid) | %.1f | error %.2f voxels RMS over the image, NCC %.4f, finest level %.0f um; heap %.1f GB |%n",
				tReg, err, reg.correlation(), reg.finestVoxelMm() * 1000, heapReg));
		out.append(String.format(Locale.ROOT, "| total (threshold + lesions + registration) | %.1f | |%n", tThr + tLes + tReg));
		System.out.print(out);
	}

	/** A tube along z (radii 0.245 and 0.185 of the width around the image centre) with lesions. */
	private static ShortVolume render(int size, int depth, Spacing sp, Parallel par) {
		ShortVolume v = new ShortVolume(size, size, depth, sp);
		double c = size / 2.0, k = size / 1024.0;
		par.forRange(0, depth, z -> {
			short[] a = v.slice(z);
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
				a[y * size + x] = (short) (200 + Math.round(1800 * occupancy(x - c, y - c, z, depth, k)));
			}
		});
		return v;
	}

	/**
	 * The follow-up: every slice rotated by the motion's angle about z around the image centre
	 * (bilinear) and shifted in x, y and z (whole slices), so that voxel q shows the baseline
	 * at R^-1 (q - c - t) + c.
	 */
	private static ShortVolume moved(ShortVolume base, double angle, int tx, int ty, int tz, Parallel par) {
		int w = base.width(), h = base.height(), d = base.depth();
		ShortVolume v = new ShortVolume(w, h, d, base.spacing());
		double c = w / 2.0, cs = Math.cos(angle), sn = Math.sin(angle);
		par.forRange(0, d, z -> {
			int sz = z - tz;
			short[] a = v.slice(z);
			if (sz < 0 || sz >= d) {
				java.util.Arrays.fill(a, (short) 200);
				return;
			}
			short[] b = base.slice(sz);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				double qx = x - c - tx, qy = y - c - ty;
				double px = cs * qx + sn * qy + c, py = -sn * qx + cs * qy + c;
				int x0 = (int) Math.floor(px), y0 = (int) Math.floor(py);
				if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
					a[y * w + x] = 200;
					continue;
				}
				double fx = px - x0, fy = py - y0;
				int i = y0 * w + x0;
				double val = (1 - fy) * ((1 - fx) * (b[i] & 0xffff) + fx * (b[i + 1] & 0xffff)) + fy * ((1 - fx) * (b[i + w] & 0xffff) + fx * (b[i + w + 1] & 0xffff));
				a[y * w + x] = (short) Math.round(val);
			}
		});
		return v;
	}

	private static double occupancy(double x, double y, double z, int depth, double k) {
		double r = Math.hypot(x, y);
		double o = clamp(0.5 + Math.min(250 * k * (1 + 0.05 * Math.sin(z / 97.0)) - r, r - 190 * k));
		if (z < 0.15 * depth) o = Math.max(o, clamp(0.5 + Math.min(250 * k - r, Math.min(z - 0.1 * depth, 0.15 * depth - z)))); // a solid cap
		// perforating drills (radius 25 or 12 voxels), nodules (radius 18) every 12 % of the length
		for (int n = 0; n < 6; n++) {
			double zc = depth * (0.25 + 0.12 * n);
			if (Math.abs(z - zc) > 30 * k) continue;
			double th = n * 1.1, ux = Math.cos(th), uy = Math.sin(th);
			double along = x * ux + y * uy, across = Math.hypot(x - along * ux, y - along * uy);
			if (along > 150 * k) o = Math.min(o, clamp(0.5 + Math.hypot(across, z - zc) - (n % 2 == 0 ? 25 : 12) * k));
			double nx = 255 * k * Math.cos(th + 2), ny = 255 * k * Math.sin(th + 2);
			o = Math.max(o, clamp(0.5 + 18 * k - Math.sqrt((x - nx) * (x - nx) + (y - ny) * (y - ny) + (z - zc) * (z - zc))));
		}
		return o;
	}

	private static ByteVolume threshold(ShortVolume grey, Parallel par) {
		ByteVolume bone = new ByteVolume(grey.width(), grey.height(), grey.depth(), grey.spacing());
		par.forRange(0, grey.depth(), z -> {
			short[] g = grey.slice(z);
			byte[] m = bone.slice(z);
			for (int i = 0; i < g.length; i++) m[i] = (g[i] & 0xffff) >= 1100 ? (byte) 1 : 0;
		});
		return bone;
	}

	private static double clamp(double v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}

	private static double rmsError(RigidTransform3D a, RigidTransform3D b, int size, int depth, double s) {
		double sum = 0;
		int n = 0;
		double[] qa = new double[3], qb = new double[3];
		for (int z = 0; z < depth; z += 50) for (int y = 0; y < size; y += 64) for (int x = 0; x < size; x += 64) {
			a.apply(x * s, y * s, z * s, qa);
			b.apply(x * s, y * s, z * s, qb);
			sum += Math.pow(qa[0] - qb[0], 2) + Math.pow(qa[1] - qb[1], 2) + Math.pow(qa[2] - qb[2], 2);
			n++;
		}
		return Math.sqrt(sum / n) / s;
	}

	private static double seconds(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	private static double usedGb() {
		Runtime rt = Runtime.getRuntime();
		return (rt.totalMemory() - rt.freeMemory()) / 1e9;
	}

	/** Samples the heap in use every 200 ms. */
	private static final class PeakHeap extends Thread {
		volatile boolean stop;
		volatile long peak;

		PeakHeap() {
			setDaemon(true);
		}

		@Override
		public void run() {
			Runtime rt = Runtime.getRuntime();
			while (!stop) {
				peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
				try {
					Thread.sleep(200);
				} catch (InterruptedException e) {
					return;
				}
			}
		}
	}
}
