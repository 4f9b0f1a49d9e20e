package org.bonelesion.sample;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;

/**
 * Exact squared Euclidean distance (in voxels squared) from every voxel to the nearest
 * foreground voxel of a mask, by Felzenszwalb and Huttenlocher's lower envelope of parabolas
 * along x, then y, then z. Integer arithmetic on the values, so results are exact. Used to
 * compute the paired-analysis truth; kept here so the truth does not depend on the code it
 * checks.
 */
final class SquaredDistance {

	private static final int INF = Integer.MAX_VALUE / 4;

	private SquaredDistance() {}

	static int[][] of(ByteVolume mask, Parallel par) {
		int w = mask.width(), h = mask.height(), d = mask.depth();
		int[][] f = new int[d][w * h];
		par.forRange(0, d, z -> {
			byte[] m = mask.slice(z);
			for (int i = 0; i < m.length; i++) f[z][i] = m[i] != 0 ? 0 : INF;
		});
		par.forRange(0, d, z -> {
			int n = Math.max(w, h);
			int[] line = new int[n], out = new int[n], v = new int[n];
			double[] zz = new double[n + 1];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) line[x] = f[z][y * w + x];
				envelope(line, w, out, v, zz);
				for (int x = 0; x < w; x++) f[z][y * w + x] = out[x];
			}
			for (int x = 0; x < w; x++) {
				for (int y = 0; y < h; y++) line[y] = f[z][y * w + x];
				envelope(line, h, out, v, zz);
				for (int y = 0; y < h; y++) f[z][y * w + x] = out[y];
			}
		});
		par.forRange(0, h, y -> {
			int[] line = new int[d], out = new int[d], v = new int[d];
			double[] zz = new double[d + 1];
			for (int x = 0; x < w; x++) {
				for (int z = 0; z < d; z++) line[z] = f[z][y * w + x];
				envelope(line, d, out, v, zz);
				for (int z = 0; z < d; z++) f[z][y * w + x] = out[z];
			}
		});
		return f;
	}

	/** out[q] = min_p (f[p] + (q-p)^2), INF where the line holds no finite value. */
	private static void envelope(int[] f, int n, int[] out, int[] v, double[] z) {
		int k = -1;
		for (int q = 0; q < n; q++) {
			if (f[q] >= INF) continue;
			if (k < 0) {
				k = 0;
				v[0] = q;
				z[0] = Double.NEGATIVE_INFINITY;
				z[1] = Double.POSITIVE_INFINITY;
				continue;
			}
			double s;
			while (true) {
				int p = v[k];
				s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
				if (s <= z[k] && k > 0) k--;
				else break;
			}
			if (s <= z[k]) {
				v[k] = q;
			} else {
				k++;
				v[k] = q;
				z[k] = s;
			}
			z[k + 1] = Double.POSITIVE_INFINITY;
		}
		if (k < 0) {
			for (int q = 0; q < n; q++) out[q] = INF;
			return;
		}
		int j = 0;
		for (int q = 0; q < n; q++) {
			while (z[j + 1] < q) j++;
			long dq = q - v[j];
			out[q] = (int) Math.min(INF, f[v[j]] + dq * dq);
		}
	}
}
