package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Exact Euclidean distance transform of a binary mask on anisotropic voxels, in millimetres.
 *
 * <p>Algorithm: the separable exact method of Felzenszwalb and Huttenlocher (lower envelope
 * of parabolas, weighted by the squared voxel size of each axis), first along x (a plain
 * two-sweep scan, since the input is binary), then y, then z. Squared distances are carried
 * in double within a line and stored in float between passes.
 *
 * <p>Definitions. Voxels are "inside" (non-zero) or "outside" (zero) the mask.
 * <ul>
 * <li>{@code foreground = true}: every non-zero voxel gets the distance from its centre to
 * the centre of the nearest zero voxel; zero voxels get 0.</li>
 * <li>{@code foreground = false}: every zero voxel gets the distance to the nearest non-zero
 * voxel; non-zero voxels get 0.</li>
 * <li>Image border: there is nothing outside the image. Only voxels of the image count as
 * targets, so the border does not act as background (or foreground). If the image holds no
 * target voxel at all, every voxel that needs one gets {@code +Infinity}.</li>
 * </ul>
 *
 * <p>Memory: the output volume plus, per thread, a few line buffers.
 * Results do not depend on the number of threads.
 */
public final class DistanceTransform {

	/** Columns gathered together in the y and z passes (one cache line of floats). */
	private static final int BLOCK = 16;

	private DistanceTransform() {
	}

	/** Distances in mm (3D; a depth-1 mask gets the 2D transform). */
	public static FloatVolume distances(ByteVolume mask, boolean foreground, Parallel parallel) {
		return run(mask, foreground, true, true, parallel);
	}

	/** Squared distances in mm^2 (3D; a depth-1 mask gets the 2D transform). */
	public static FloatVolume squaredDistances(ByteVolume mask, boolean foreground, Parallel parallel) {
		return run(mask, foreground, true, false, parallel);
	}

	/** Distances in mm within each slice independently (x and y only). */
	public static FloatVolume distances2d(ByteVolume mask, boolean foreground, Parallel parallel) {
		return run(mask, foreground, false, true, parallel);
	}

	/** Squared distances in mm^2 within each slice independently (x and y only). */
	public static FloatVolume squaredDistances2d(ByteVolume mask, boolean foreground, Parallel parallel) {
		return run(mask, foreground, false, false, parallel);
	}

	private static FloatVolume run(ByteVolume mask, boolean foreground, boolean threeD, boolean root, Parallel parallel) {
		// slices are allocated (and zeroed) by the worker threads in the first pass
		float[][] slices = new float[mask.depth()][];
		transform(mask, foreground, threeD, Double.POSITIVE_INFINITY, parallel, new FloatSink(slices, root));
		return new FloatVolume(mask.width(), mask.height(), mask.requireSpacing(), slices);
	}

	/**
	 * Runs the transform; the last pass hands each finished line to {@code sink}. The
	 * intermediate squared distances are kept in {@code sink.target()}. Squared distances
	 * above {@code cap} (mm^2) come out as +Infinity, and are dropped as early as possible
	 * (morphology only needs to know which voxels lie within the radius); those at or below
	 * it are exact, since every partial sum of a squared distance is at most the whole.
	 */
	static void transform(ByteVolume mask, boolean foreground, boolean threeD, double cap, Parallel parallel, LineSink sink) {
		Spacing sp = mask.requireSpacing();
		int w = mask.width();
		int h = mask.height();
		int d = mask.depth();
		boolean zPass = threeD && d > 1;
		double wx = sp.x() * sp.x();
		double wy = sp.y() * sp.y();
		double wz = sp.z() * sp.z();
		float[][] work = sink.target();
		// Pass 1 (x, binary scan) and pass 2 (y, lower envelope), slice by slice.
		parallel.forBlocks(0, d, (z0, z1) -> {
			Envelope env = new Envelope(Math.max(h, w));
			float[] block = new float[BLOCK * h];
			for (int z = z0; z < z1; z++) {
				byte[] m = mask.slice(z);
				if (work[z] == null) work[z] = new float[w * h];
				float[] s = work[z];
				for (int y = 0; y < h; y++) scanRow(m, s, y * w, w, foreground, wx, cap);
				for (int x0 = 0; x0 < w; x0 += BLOCK) {
					int bw = Math.min(BLOCK, w - x0);
					for (int y = 0; y < h; y++) System.arraycopy(s, y * w + x0, block, y * bw, bw);
					for (int c = 0; c < bw; c++) env.transform(block, c, bw, h, wy, cap);
					if (zPass) {
						for (int y = 0; y < h; y++) System.arraycopy(block, y * bw, s, y * w + x0, bw);
					} else {
						for (int y = 0; y < h; y++) sink.accept(z, y * w + x0, block, y * bw, bw);
					}
				}
			}
		});
		if (!zPass) return;
		// Pass 3 (z): for each row y, blocks of x gathered across all slices.
		parallel.forBlocks(0, h, (y0, y1) -> {
			Envelope env = new Envelope(d);
			float[] block = new float[BLOCK * d];
			for (int y = y0; y < y1; y++) {
				for (int x0 = 0; x0 < w; x0 += BLOCK) {
					int bw = Math.min(BLOCK, w - x0);
					int at = y * w + x0;
					for (int z = 0; z < d; z++) System.arraycopy(work[z], at, block, z * bw, bw);
					for (int c = 0; c < bw; c++) env.transform(block, c, bw, d, wz, cap);
					for (int z = 0; z < d; z++) sink.accept(z, at, block, z * bw, bw);
				}
			}
		});
	}

	/** Squared distance along x to the nearest target voxel of the row, or +Infinity. */
	private static void scanRow(byte[] m, float[] out, int base, int w, boolean foreground, double wx, double cap) {
		// forward: distance (in voxels) since the last target, +Infinity before the first one
		int last = -1;
		for (int x = 0; x < w; x++) {
			boolean target = (m[base + x] != 0) != foreground;
			if (target) last = x;
			out[base + x] = last < 0 ? Float.POSITIVE_INFINITY : x - last;
		}
		int next = -1;
		for (int x = w - 1; x >= 0; x--) {
			boolean target = (m[base + x] != 0) != foreground;
			if (target) next = x;
			float f = out[base + x];
			if (next >= 0 && next - x < f) f = next - x;
			double sq = f * (double) f * wx;
			out[base + x] = sq > cap ? Float.POSITIVE_INFINITY : (float) sq;
		}
	}

	/** Receives finished lines of squared distances (mm^2). */
	interface LineSink {
		/** The float slices that hold the intermediate passes (null slices are allocated). */
		float[][] target();

		/** Values {@code src[from .. from+n)} are the final squared distances at slice z, in-slice index at.. */
		void accept(int z, int at, float[] src, int from, int n);
	}

	private record FloatSink(float[][] slices, boolean root) implements LineSink {
		@Override
		public float[][] target() {
			return slices;
		}

		@Override
		public void accept(int z, int at, float[] src, int from, int n) {
			float[] s = slices[z];
			if (root) {
				for (int i = 0; i < n; i++) s[at + i] = (float) Math.sqrt(src[from + i]);
			} else {
				System.arraycopy(src, from, s, at, n);
			}
		}
	}

	/**
	 * The 1D lower envelope of parabolas {@code f(q) + w (p - q)^2} over the finite samples of a
	 * line, evaluated at every p (Felzenszwalb and Huttenlocher 2012, with weight w).
	 */
	static final class Envelope {
		private final int[] vertex;
		private final double[] bound;
		private final double[] height;
		private final double[] value;

		Envelope(int n) {
			vertex = new int[n];
			bound = new double[n + 1];
			height = new double[n];
			value = new double[n];
		}

		/** Transforms in place the line {@code line[offset + i*stride]}, i in [0, n). */
		void transform(float[] line, int offset, int stride, int n, double w, double cap) {
			int k = -1;
			for (int q = 0; q < n; q++) {
				float fq = line[offset + q * stride];
				if (fq == Float.POSITIVE_INFINITY) continue;
				double gq = fq + w * q * q;
				if (k < 0) {
					k = 0;
					vertex[0] = q;
					height[0] = gq;
					value[0] = fq;
					bound[0] = Double.NEGATIVE_INFINITY;
					continue;
				}
				double s;
				while (true) {
					int v = vertex[k];
					s = (gq - height[k]) / (2 * w * (q - v));
					if (s <= bound[k] && k > 0) k--;
					else break;
				}
				// the first vertex has bound -infinity, so it is never removed by the test above
				k++;
				vertex[k] = q;
				height[k] = gq;
				value[k] = fq;
				bound[k] = s;
			}
			if (k < 0) return; // no finite sample: the line stays +Infinity
			int top = k;
			k = 0;
			for (int p = 0; p < n; p++) {
				while (k < top && bound[k + 1] < p) k++;
				double dp = p - vertex[k];
				double sq = value[k] + w * dp * dp;
				line[offset + p * stride] = sq > cap ? Float.POSITIVE_INFINITY : (float) sq;
			}
		}
	}
}
