package org.bonelesion.ops;

import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Volume;

/**
 * Separable Gaussian smoothing of planar volumes, with the standard deviation given in
 * millimetres and turned into one standard deviation per axis from the voxel size, so that
 * anisotropic voxels are smoothed by the same physical amount along every axis.
 *
 * <ul>
 * <li>Kernel: sampled Gaussian {@code exp(-i^2 / (2 sigma^2))} for integer offsets
 * {@code |i| <= round(TRUNCATE * sigma)} (the same rule as scipy's {@code gaussian_filter}
 * with {@code truncate=4}), normalised to sum 1. An axis whose voxel sigma is below
 * {@link #MIN_SIGMA_VOXELS} is not smoothed.</li>
 * <li>Borders: clamp to edge (the nearest edge voxel is repeated outside the image; scipy's
 * {@code mode='nearest'}), so a constant image stays constant.</li>
 * <li>Arithmetic in 32-bit float; a 16-bit result is rounded to the nearest integer
 * (half up) and clamped to 0..65535.</li>
 * <li>Order: x then y within each slice, then z (row by row). The result does not depend on the number of
 * threads.</li>
 * </ul>
 * Memory: the output plus one float volume (3D) or one float slice per thread (2D).
 * Results are identical on any number of threads (each output value is computed by one
 * thread in a fixed order).
 */
public final class Gaussian {

	/** Kernel half-width in standard deviations. */
	public static final double TRUNCATE = 4.0;

	/** Voxel sigmas below this leave the axis unsmoothed. */
	public static final double MIN_SIGMA_VOXELS = 1e-3;

	private Gaussian() {
	}

	/** 3D smoothing of a 16-bit volume (a depth-1 volume is smoothed in 2D). */
	public static ShortVolume smooth(ShortVolume in, double sigmaMm, Parallel parallel) {
		double[] s = voxelSigmas(in, sigmaMm, true);
		return smoothVoxels(in, s[0], s[1], s[2], parallel);
	}

	/** 3D smoothing of a float volume (a depth-1 volume is smoothed in 2D). */
	public static FloatVolume smooth(FloatVolume in, double sigmaMm, Parallel parallel) {
		double[] s = voxelSigmas(in, sigmaMm, true);
		return smoothVoxels(in, s[0], s[1], s[2], parallel);
	}

	/** 2D smoothing of each slice of a 16-bit volume independently (nothing along z). */
	public static ShortVolume smooth2d(ShortVolume in, double sigmaMm, Parallel parallel) {
		double[] s = voxelSigmas(in, sigmaMm, false);
		return smoothVoxels(in, s[0], s[1], 0, parallel);
	}

	/** 2D smoothing of each slice of a float volume independently (nothing along z). */
	public static FloatVolume smooth2d(FloatVolume in, double sigmaMm, Parallel parallel) {
		double[] s = voxelSigmas(in, sigmaMm, false);
		return smoothVoxels(in, s[0], s[1], 0, parallel);
	}

	/** Smoothing with the standard deviation given per axis in voxels (0 = leave the axis). */
	public static ShortVolume smoothVoxels(ShortVolume in, double sigmaX, double sigmaY, double sigmaZ, Parallel parallel) {
		ShortVolume out = in.blankCopy();
		run(new ShortSource(in), new ShortSink(out), in.width(), in.height(), in.depth(), sigmaX, sigmaY, sigmaZ, parallel);
		return out;
	}

	/** Smoothing with the standard deviation given per axis in voxels (0 = leave the axis). */
	public static FloatVolume smoothVoxels(FloatVolume in, double sigmaX, double sigmaY, double sigmaZ, Parallel parallel) {
		FloatVolume out = in.blankCopy();
		run(new FloatSource(in), new FloatSink(out), in.width(), in.height(), in.depth(), sigmaX, sigmaY, sigmaZ, parallel);
		return out;
	}

	/**
	 * The half kernel {@code k[0..r]} for a standard deviation in voxels: the full kernel is
	 * {@code k[|i|]} for {@code -r <= i <= r}, summing to 1. Returns {@code {1}} for sigmas
	 * below {@link #MIN_SIGMA_VOXELS}.
	 */
	public static float[] halfKernel(double sigmaVoxels) {
		if (!(sigmaVoxels >= MIN_SIGMA_VOXELS)) return new float[] { 1f };
		int r = (int) (TRUNCATE * sigmaVoxels + 0.5);
		double[] k = new double[r + 1];
		double sum = 0;
		for (int i = 0; i <= r; i++) {
			k[i] = Math.exp(-0.5 * i * i / (sigmaVoxels * sigmaVoxels));
			sum += i == 0 ? k[i] : 2 * k[i];
		}
		float[] f = new float[r + 1];
		for (int i = 0; i <= r; i++) f[i] = (float) (k[i] / sum);
		return f;
	}

	private static double[] voxelSigmas(Volume v, double sigmaMm, boolean withZ) {
		if (!(sigmaMm >= 0) || Double.isInfinite(sigmaMm)) throw new IllegalArgumentException("Gaussian sigma must be a finite non-negative length in mm, got " + sigmaMm);
		Spacing sp = v.requireSpacing();
		return new double[] { sigmaMm / sp.x(), sigmaMm / sp.y(), withZ && v.depth() > 1 ? sigmaMm / sp.z() : 0 };
	}

	/** Reads one row of slice z as floats. */
	private interface Source {
		void row(int z, int y, float[] dst, int offset);
	}

	/** Writes a row of results into slice z. */
	private interface Sink {
		void row(int z, int y, float[] src);
	}

	private record ShortSource(ShortVolume v) implements Source {
		@Override
		public void row(int z, int y, float[] dst, int offset) {
			short[] s = v.slice(z);
			int w = v.width();
			int base = y * w;
			for (int x = 0; x < w; x++) dst[offset + x] = s[base + x] & 0xffff;
		}
	}

	private record FloatSource(FloatVolume v) implements Source {
		@Override
		public void row(int z, int y, float[] dst, int offset) {
			System.arraycopy(v.slice(z), y * v.width(), dst, offset, v.width());
		}
	}

	private record ShortSink(ShortVolume v) implements Sink {
		@Override
		public void row(int z, int y, float[] src) {
			short[] s = v.slice(z);
			int w = v.width();
			int base = y * w;
			// round half up and clamp; (int) saturates, so NaN -> 0 and huge -> clamped
			for (int x = 0; x < w; x++) s[base + x] = (short) Math.min(65535, Math.max(0, (int) (src[x] + 0.5f)));
		}
	}

	private record FloatSink(FloatVolume v) implements Sink {
		@Override
		public void row(int z, int y, float[] src) {
			System.arraycopy(src, 0, v.slice(z), y * v.width(), v.width());
		}
	}

	/*
	 * Every inner loop below runs over whole row arrays from index 0 (shifted data are first
	 * copied with System.arraycopy): HotSpot vectorises such loops, not loops whose array
	 * offsets are loop invariants.
	 */
	private static void run(Source source, Sink sink, int w, int h, int d, double sx, double sy, double sz, Parallel parallel) {
		float[] kx = halfKernel(sx);
		float[] ky = halfKernel(sy);
		float[] kz = d > 1 ? halfKernel(sz) : new float[] { 1f };
		boolean zPass = kz.length > 1;
		// Stage 1, per slice: x then y, into the sink (no z pass) or a float volume. Slices
		// are big arrays allocated by the worker threads (no per-row garbage for the GC).
		float[][] tmp = zPass ? new float[d][] : null;
		parallel.forBlocks(0, d, (z0, z1) -> {
			float[] pad = new float[w + 2 * (kx.length - 1)];
			float[] left = new float[w];
			float[] right = new float[w];
			float[][] xs = new float[h][w];
			float[] row = new float[w];
			for (int z = z0; z < z1; z++) {
				for (int y = 0; y < h; y++) convolveRow(source, z, y, w, kx, pad, left, right, xs[y]);
				float[] slice = zPass ? new float[w * h] : null;
				for (int y = 0; y < h; y++) {
					combine(xs, y, h, ky, row);
					if (zPass) System.arraycopy(row, 0, slice, y * w, w);
					else sink.row(z, y, row);
				}
				if (zPass) tmp[z] = slice;
			}
		});
		if (!zPass) return;
		// Stage 2, per block of rows y: row y of every slice is copied into a per-thread
		// column of rows (in cache), from which every output slice of that row is computed.
		parallel.forBlocks(0, h, (y0, y1) -> {
			float[] row = new float[w];
			float[][] column = new float[d][w];
			for (int y = y0; y < y1; y++) {
				for (int z = 0; z < d; z++) System.arraycopy(tmp[z], y * w, column[z], 0, w);
				for (int z = 0; z < d; z++) {
					combine(column, z, d, kz, row);
					sink.row(z, y, row);
				}
			}
		});
	}

	/** x pass of one row: clamp-padded copy, then the symmetric kernel. */
	private static void convolveRow(Source source, int z, int y, int w, float[] k, float[] pad, float[] left, float[] right, float[] dst) {
		int r = k.length - 1;
		source.row(z, y, pad, r);
		float first = pad[r];
		float last = pad[r + w - 1];
		for (int i = 0; i < r; i++) {
			pad[i] = first;
			pad[r + w + i] = last;
		}
		System.arraycopy(pad, r, dst, 0, w);
		if (r == 0) return;
		float k0 = k[0];
		for (int x = 0; x < w; x++) dst[x] *= k0;
		for (int j = 1; j <= r; j++) {
			System.arraycopy(pad, r - j, left, 0, w);
			System.arraycopy(pad, r + j, right, 0, w);
			accumulate(dst, left, right, k[j], w);
		}
	}

	/** Output line i of a pass across lines: {@code k0 lines[i] + sum kj (lines[i-j] + lines[i+j])}, clamped. */
	private static void combine(float[][] lines, int i, int n, float[] k, float[] out) {
		int r = k.length - 1;
		float[] c = lines[i];
		float k0 = k[0];
		int w = out.length;
		for (int x = 0; x < w; x++) out[x] = k0 * c[x];
		for (int j = 1; j <= r; j++) accumulate(out, lines[Math.max(0, i - j)], lines[Math.min(n - 1, i + j)], k[j], w);
	}

	private static void accumulate(float[] out, float[] a, float[] b, float k, int w) {
		for (int x = 0; x < w; x++) out[x] += k * (a[x] + b[x]);
	}
}
