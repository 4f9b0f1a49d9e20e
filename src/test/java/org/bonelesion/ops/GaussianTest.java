package org.bonelesion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Volume;
import org.junit.jupiter.api.Test;

class GaussianTest {

	private static final Spacing ANISO = new Spacing(0.010, 0.013, 0.027);

	/** Normalised sampled Gaussian, written independently of the op: full kernel -r..r. */
	private static double[] kernel(double sigma) {
		if (sigma < Gaussian.MIN_SIGMA_VOXELS) return new double[] { 1 };
		int r = (int) Math.floor(4 * sigma + 0.5);
		double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(double) i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		return k;
	}

	/** Direct (non-separable) convolution with the product kernel and clamped indices. */
	private static double[] reference(Volume v, double sx, double sy, double sz) {
		int w = v.width(), h = v.height(), d = v.depth();
		double[] kx = kernel(sx), ky = kernel(sy), kz = kernel(sz);
		int rx = kx.length / 2, ry = ky.length / 2, rz = kz.length / 2;
		double[] out = new double[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double acc = 0;
			for (int k = -rz; k <= rz; k++) for (int j = -ry; j <= ry; j++) for (int i = -rx; i <= rx; i++) {
				int xx = Math.min(w - 1, Math.max(0, x + i));
				int yy = Math.min(h - 1, Math.max(0, y + j));
				int zz = Math.min(d - 1, Math.max(0, z + k));
				acc += kx[i + rx] * ky[j + ry] * kz[k + rz] * v.getDouble(xx, yy, zz);
			}
			out[(z * h + y) * w + x] = acc;
		}
		return out;
	}

	@Test
	void floatMatchesDirectConvolutionOnAnisotropicVoxels() {
		FloatVolume in = TestVolumes.randomFloat(17, 11, 9, ANISO, 1);
		double sigmaMm = 0.021;
		FloatVolume out = Gaussian.smooth(in, sigmaMm, Parallel.of(1));
		double[] ref = reference(in, sigmaMm / ANISO.x(), sigmaMm / ANISO.y(), sigmaMm / ANISO.z());
		// float accumulation of values ~100 over <= 17*13*5 taps: error well below 1e-3
		assertClose(ref, out, 1e-3);
	}

	@Test
	void shortIsRoundedDirectConvolution() {
		ShortVolume in = TestVolumes.randomShort(13, 10, 7, ANISO, 2);
		double sigmaMm = 0.03;
		ShortVolume out = Gaussian.smooth(in, sigmaMm, Parallel.of(1));
		double[] ref = reference(in, sigmaMm / ANISO.x(), sigmaMm / ANISO.y(), sigmaMm / ANISO.z());
		int w = in.width(), h = in.height();
		for (int z = 0; z < in.depth(); z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double r = ref[(z * h + y) * w + x];
			// rounding to the nearest integer; float error ~65535 * 1e-7 may flip an exact .5
			assertEquals(r, out.get(x, y, z), 0.5 + 0.02, "at " + x + "," + y + "," + z);
		}
	}

	@Test
	void twoDimensionalSmoothingLeavesSlicesIndependent() {
		FloatVolume in = TestVolumes.randomFloat(15, 12, 4, ANISO, 3);
		double sigmaMm = 0.025;
		FloatVolume out = Gaussian.smooth2d(in, sigmaMm, Parallel.of(1));
		assertClose(reference(in, sigmaMm / ANISO.x(), sigmaMm / ANISO.y(), 0), out, 1e-3);
		FloatVolume single = new FloatVolume(15, 12, Spacing.isotropicMicrons(10), new float[][] { in.slice(2) });
		FloatVolume out3 = Gaussian.smooth(single, 0.02, Parallel.of(1));
		assertClose(reference(single, 2, 2, 0), out3, 1e-3);
	}

	@Test
	void constantImageStaysConstantAtTheBorders() {
		ShortVolume in = new ShortVolume(9, 8, 7, ANISO);
		for (int z = 0; z < 7; z++) java.util.Arrays.fill(in.slice(z), (short) 40000);
		ShortVolume out = Gaussian.smooth(in, 0.05, Parallel.of(2));
		for (int z = 0; z < 7; z++) for (short s : out.slice(z)) assertEquals(40000, s & 0xffff);
	}

	@Test
	void kernelSumsToOneAndIsTruncatedAtFourSigma() {
		float[] k = Gaussian.halfKernel(2.0);
		assertEquals(9, k.length); // offsets 0..8 = 4 sigma
		double sum = k[0];
		for (int i = 1; i < k.length; i++) sum += 2 * k[i];
		assertEquals(1.0, sum, 1e-6);
		assertEquals(1, Gaussian.halfKernel(0).length);
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		ShortVolume s = TestVolumes.randomShort(31, 23, 19, ANISO, 4);
		ShortVolume a = Gaussian.smooth(s, 0.04, Parallel.of(1));
		ShortVolume b = Gaussian.smooth(s, 0.04, Parallel.of(3));
		for (int z = 0; z < s.depth(); z++) assertArrayEquals(a.slice(z), b.slice(z));
		FloatVolume f = TestVolumes.randomFloat(31, 23, 19, ANISO, 5);
		FloatVolume c = Gaussian.smooth(f, 0.04, Parallel.of(1));
		FloatVolume e = Gaussian.smooth(f, 0.04, Parallel.of(4));
		for (int z = 0; z < f.depth(); z++) assertArrayEquals(c.slice(z), e.slice(z));
	}

	private static void assertClose(double[] ref, FloatVolume out, double tol) {
		int w = out.width(), h = out.height();
		double worst = 0;
		for (int z = 0; z < out.depth(); z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			worst = Math.max(worst, Math.abs(ref[(z * h + y) * w + x] - out.get(x, y, z)));
		}
		assertTrue(worst <= tol, "worst difference " + worst);
	}
}
