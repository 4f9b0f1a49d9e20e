package org.bonelesion.ct;

import java.util.Arrays;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.EulerCharacteristic;
import org.bonelesion.ops.LocalThickness;

/**
 * Standard micro-CT morphometry (Bouxsein et al., JBMR 2010) of the volume of interest of a
 * {@link CtSegmentation}. Trabecular measures are taken in the trabecular compartment of the
 * VOI slices; cortical ones in the cortex of the same slices. See docs/ct-morphometry.md.
 */
public final class Morphometry {

	/**
	 * The measurements; NaN where they cannot be known (no cortex, no trabecular bone).
	 *
	 * @param tvMm3         TV: trabecular compartment volume in the VOI (mm^3)
	 * @param bvMm3         BV: trabecular bone volume in the VOI (mm^3)
	 * @param bvTvPercent   BV/TV (%)
	 * @param tbThMm        Tb.Th: mean local thickness of the trabecular bone (mm)
	 * @param tbSpMm        Tb.Sp: mean local thickness of the marrow space (mm)
	 * @param tbNPerMm      Tb.N = 1 / (Tb.Th + Tb.Sp) (1/mm)
	 * @param chi           Euler characteristic of the trabecular bone in the VOI
	 * @param deltaChi      its boundary-corrected contribution (Odgaard and Gundersen)
	 * @param connDPerMm3   Conn.D = (1 - deltaChi) / TV (1/mm^3)
	 * @param ctThMm        Ct.Th: mean local thickness of the cortex (mm)
	 * @param ctArMm2       Ct.Ar: mean cortical bone area per slice (mm^2)
	 * @param ttArMm2       Tt.Ar: mean envelope area per slice over the same slices (mm^2)
	 * @param ctArTtArPercent Ct.Ar/Tt.Ar (%)
	 * @param tmd           mean density of the bone in the VOI (physical unit), NaN unless density-calibrated
	 * @param cortexSlices  slices of the VOI holding cortex (those averaged for the areas)
	 */
	public record Result(double tvMm3, double bvMm3, double bvTvPercent, double tbThMm, double tbSpMm, double tbNPerMm, double chi,
		double deltaChi, double connDPerMm3, double ctThMm, double ctArMm2, double ttArMm2, double ctArTtArPercent, double tmd,
		int cortexSlices) {}

	private Morphometry() {
	}

	/** A view of slices [z0, z1) of a mask (no copy). */
	public static ByteVolume slab(ByteVolume m, int z0, int z1) {
		return new ByteVolume(m.width(), m.height(), m.spacing(), Arrays.copyOfRange(m.slices(), z0, z1));
	}

	/** Measures the VOI of a segmentation. */
	public static Result measure(CtSegmentation s, Parallel parallel, Progress progress) {
		int z0 = s.voiStart(), z1 = s.voiEnd();
		Spacing sp = s.spacing();
		double vv = sp.voxelVolume();
		ByteVolume trab = slab(s.trabecular(), z0, z1);
		ByteVolume comp = slab(s.trabecularCompartment(), z0, z1);
		ByteVolume marrow = slab(s.marrow(), z0, z1);
		long tvN = count(comp, parallel), bvN = count(trab, parallel);
		double tv = tvN * vv, bv = bvN * vv;
		double bvtv = tvN == 0 ? Double.NaN : 100.0 * bvN / tvN;
		double tbTh = Double.NaN, tbSp = Double.NaN, chi = Double.NaN, dchi = Double.NaN, connD = Double.NaN;
		progress.checkCancelled();
		if (bvN > 0) {
			progress.report("Tb.Th", 0);
			tbTh = meanThickness(trab, parallel);
			progress.checkCancelled();
			progress.report("Tb.Sp", 0.3);
			tbSp = meanThickness(marrow, parallel);
			progress.checkCancelled();
			progress.report("Conn.D", 0.6);
			chi = EulerCharacteristic.chi(trab, parallel);
			dchi = EulerCharacteristic.deltaChi(trab, parallel);
			connD = (1 - dchi) / tv;
		}
		double tbN = 1.0 / (tbTh + tbSp);
		double ctTh = Double.NaN, ctAr = Double.NaN, ttAr = Double.NaN, ratio = Double.NaN;
		int cortexSlices = 0;
		if (s.hasCortex()) {
			ByteVolume ct = slab(s.cortical(), z0, z1);
			ByteVolume env = slab(s.envelope(), z0, z1);
			long ctSum = 0, ttSum = 0;
			for (int z = 0; z < ct.depth(); z++) {
				long c = count(ct.slice(z));
				if (c == 0) continue;
				cortexSlices++;
				ctSum += c;
				ttSum += count(env.slice(z));
			}
			if (cortexSlices > 0) {
				progress.report("Ct.Th", 0.8);
				ctTh = meanThickness(ct, parallel);
				ctAr = ctSum * sp.pixelArea() / cortexSlices;
				ttAr = ttSum * sp.pixelArea() / cortexSlices;
				ratio = 100.0 * ctSum / ttSum;
			}
		}
		double tmd = Double.NaN;
		if (s.values().isDensity()) tmd = s.values().apply(meanGrey(s, parallel));
		progress.report("morphometry", 1);
		return new Result(tv, bv, bvtv, tbTh, tbSp, tbN, chi, dchi, connD, ctTh, ctAr, ttAr, ratio, tmd, cortexSlices);
	}

	/**
	 * {@link LocalThickness#meanThickness} of a mask, computed on its bounding box grown by one
	 * voxel on every side (within the image). The same value: the grown box's outer layer is not
	 * mask, and every non-mask voxel beyond it is farther from every mask voxel than the layer
	 * voxel on the way (clamping a point to the box shortens each axis' difference), so the
	 * distances, the spheres and the map are unchanged; the mean sums the same voxels in the same
	 * order. Only the empty space around the mask is not transformed.
	 */
	static double meanThickness(ByteVolume m, Parallel parallel) {
		int w = m.width(), h = m.height(), d = m.depth();
		int[][] rows = new int[d][];
		parallel.forRange(0, d, z -> {
			byte[] s = m.slice(z);
			int x0 = w, x1 = -1, y0 = h, y1 = -1;
			for (int y = 0; y < h; y++) {
				int row = y * w;
				for (int x = 0; x < w; x++) {
					if (s[row + x] == 0) continue;
					if (x < x0) x0 = x;
					if (x > x1) x1 = x;
					if (y < y0) y0 = y;
					y1 = y;
				}
			}
			rows[z] = new int[] { x0, x1, y0, y1 };
		});
		int x0 = w, x1 = -1, y0 = h, y1 = -1, z0 = d, z1 = -1;
		for (int z = 0; z < d; z++) {
			int[] b = rows[z];
			if (b[1] < 0) continue;
			x0 = Math.min(x0, b[0]);
			x1 = Math.max(x1, b[1]);
			y0 = Math.min(y0, b[2]);
			y1 = Math.max(y1, b[3]);
			z0 = Math.min(z0, z);
			z1 = z;
		}
		if (x1 < 0) return Double.NaN;
		int bx0 = Math.max(0, x0 - 1), bx1 = Math.min(w - 1, x1 + 1), by0 = Math.max(0, y0 - 1), by1 = Math.min(h - 1, y1 + 1);
		int bz0 = Math.max(0, z0 - 1), bz1 = Math.min(d - 1, z1 + 1);
		int cw = bx1 - bx0 + 1, ch = by1 - by0 + 1, cd = bz1 - bz0 + 1;
		if (cw == w && ch == h && cd == d) return LocalThickness.meanThickness(m, parallel);
		ByteVolume crop = new ByteVolume(cw, ch, cd, m.spacing());
		parallel.forRange(0, cd, k -> {
			byte[] a = m.slice(bz0 + k), b = crop.slice(k);
			for (int y = 0; y < ch; y++) System.arraycopy(a, (by0 + y) * w + bx0, b, y * cw, cw);
		});
		return LocalThickness.meanThickness(crop, parallel);
	}

	/** Mean raw grey value of the bone in the VOI (trabecular and cortical). */
	static double meanGrey(CtSegmentation s, Parallel parallel) {
		int z0 = s.voiStart(), z1 = s.voiEnd();
		double[] sums = new double[z1 - z0];
		long[] counts = new long[z1 - z0];
		parallel.forRange(z0, z1, z -> {
			byte[] b = s.bone().slice(z), e = s.envelope().slice(z);
			short[] g = s.image().slice(z);
			double sum = 0;
			long c = 0;
			for (int i = 0; i < b.length; i++) {
				if (b[i] != 0 && e[i] != 0) {
					sum += g[i] & 0xffff;
					c++;
				}
			}
			sums[z - z0] = sum;
			counts[z - z0] = c;
		});
		double sum = 0;
		long c = 0;
		for (int i = 0; i < sums.length; i++) {
			sum += sums[i];
			c += counts[i];
		}
		return c == 0 ? Double.NaN : sum / c;
	}

	static long count(ByteVolume m, Parallel parallel) {
		long[] c = new long[m.depth()];
		parallel.forRange(0, m.depth(), z -> c[z] = count(m.slice(z)));
		long n = 0;
		for (long v : c) n += v;
		return n;
	}

	static long count(byte[] s) {
		long n = 0;
		for (byte v : s) if (v != 0) n++;
		return n;
	}
}
