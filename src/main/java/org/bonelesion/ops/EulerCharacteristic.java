package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;

/**
 * The Euler characteristic of a 3D binary mask with 26-connected foreground and 6-connected
 * background: that of the union of the closed unit cubes of the mask voxels (a cubical
 * complex), {@code chi = vertices - edges + faces - cubes}.
 *
 * <p>Counting. Each vertex of the voxel lattice is the centre of a 2 x 2 x 2 block of voxels
 * (voxels outside the box count as background). The block holds the vertex itself, halves of
 * its 6 edges, quarters of its 12 faces and eighths of its 8 cubes, so
 * {@code 8 chi = sum over vertices of (8 V - 4 E + 2 F - C)}, a 256-entry table (the
 * octant method of Toriwaki and Yonekura 2002 that BoneJ uses). Sums are integers: exact and
 * independent of the number of threads.
 *
 * <p>Boundary correction ({@link #deltaChi}). A box cut from a larger structure changes its
 * topology where the structure crosses the box faces. Odgaard and Gundersen (Bone 1993)
 * estimate the box's contribution to the structure's Euler characteristic. Boxes tiling
 * space and overlapping in one layer of voxels satisfy, by inclusion-exclusion,
 * {@code chi(union) = sum chi(box) - sum chi(face layer) + sum chi(edge line) - sum chi(corner)},
 * each face layer shared by 2 boxes, each edge line by 4 and each corner voxel by 8, so one
 * box contributes
 * {@code delta chi = chi(box) - 1/2 sum_6 chi(face) + 1/4 sum_12 chi(edge) - 1/8 sum_8 corner}.
 * The face layers are 2D images with 8-connected foreground, the edge lines 1D runs.
 */
public final class EulerCharacteristic {

	/** 8 chi per block configuration; voxel (dx, dy, dz) of a block is bit {@code dy + 2 dz + 4 dx}. */
	private static final int[] LUT3 = lut3();
	/** 4 chi per 2 x 2 configuration; pixel (da, db) is bit {@code da + 2 db}. */
	private static final int[] LUT2 = lut2();

	private EulerCharacteristic() {
	}

	private static int bit(int dx, int dy, int dz) {
		return dy + 2 * dz + 4 * dx;
	}

	private static int[] lut3() {
		int[] lut = new int[256];
		for (int c = 0; c < 256; c++) {
			int v = c != 0 ? 1 : 0;
			int e = 0;
			int f = 0;
			for (int side = 0; side < 2; side++) {
				// half-edges from the vertex along -axis (side 0) or +axis (side 1): the 4 voxels on that side
				int ex = 0, ey = 0, ez = 0;
				for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) {
					ex |= c >> bit(side, a, b) & 1;
					ey |= c >> bit(a, side, b) & 1;
					ez |= c >> bit(a, b, side) & 1;
				}
				e += ex + ey + ez;
			}
			for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) {
				// quarter faces in the plane through the vertex normal to x, y, z: the 2 voxels they separate
				f += ((c >> bit(0, a, b)) | (c >> bit(1, a, b))) & 1;
				f += ((c >> bit(a, 0, b)) | (c >> bit(a, 1, b))) & 1;
				f += ((c >> bit(a, b, 0)) | (c >> bit(a, b, 1))) & 1;
			}
			lut[c] = 8 * v - 4 * e + 2 * f - Integer.bitCount(c);
		}
		return lut;
	}

	private static int[] lut2() {
		int[] lut = new int[16];
		for (int c = 0; c < 16; c++) {
			int v = c != 0 ? 1 : 0;
			int e = 0;
			e += (c & 1 | c >> 2 & 1); // -a side: pixels (0,0), (0,1)
			e += (c >> 1 & 1 | c >> 3 & 1); // +a side
			e += (c & 1 | c >> 1 & 1); // -b side
			e += (c >> 2 & 1 | c >> 3 & 1); // +b side
			lut[c] = 4 * v - 2 * e + Integer.bitCount(c);
		}
		return lut;
	}

	/** The Euler characteristic of the whole mask. */
	public static long chi(ByteVolume mask, Parallel parallel) {
		return chi(mask, 0, mask.depth(), parallel);
	}

	/**
	 * The Euler characteristic of the mask voxels in slices [z0, z1) (the whole width and
	 * height), everything outside counting as background.
	 */
	public static long chi(ByteVolume mask, int z0, int z1, Parallel parallel) {
		int w = mask.width(), h = mask.height();
		if (z1 <= z0) return 0;
		long[] planes = new long[z1 - z0 + 1];
		byte[] empty = new byte[w * h];
		parallel.forRange(z0, z1 + 1, k -> {
			byte[] below = k - 1 >= z0 ? mask.slice(k - 1) : empty;
			byte[] above = k < z1 ? mask.slice(k) : empty;
			long sum = 0;
			for (int j = 0; j <= h; j++) {
				int r0 = (j - 1) * w, r1 = j * w;
				boolean has0 = j > 0, has1 = j < h;
				int left = 0;
				for (int i = 0; i <= w; i++) {
					int right = 0;
					if (i < w) {
						if (has0 && below[r0 + i] != 0) right |= 1;
						if (has1 && below[r1 + i] != 0) right |= 2;
						if (has0 && above[r0 + i] != 0) right |= 4;
						if (has1 && above[r1 + i] != 0) right |= 8;
					}
					int c = left | right << 4;
					if (c != 0) sum += LUT3[c];
					left = right;
				}
			}
			planes[k - z0] = sum;
		});
		long total = 0;
		for (long p : planes) total += p;
		if (total % 8 != 0) throw new IllegalStateException("Euler sum " + total + " is not a multiple of 8");
		return total / 8;
	}

	/** Euler characteristic of a 2D binary layer with 8-connected foreground; {@code get(a, b)} for a in [0, na), b in [0, nb). */
	static long chi2d(int na, int nb, PixelSource get) {
		long sum = 0;
		for (int b = 0; b <= nb; b++) {
			for (int a = 0; a <= na; a++) {
				int c = 0;
				if (a > 0 && b > 0 && get.at(a - 1, b - 1)) c |= 1;
				if (a < na && b > 0 && get.at(a, b - 1)) c |= 2;
				if (a > 0 && b < nb && get.at(a - 1, b)) c |= 4;
				if (a < na && b < nb && get.at(a, b)) c |= 8;
				sum += LUT2[c];
			}
		}
		return sum / 4;
	}

	/** Euler characteristic of a 1D line of n voxels: the number of runs. */
	static long chi1d(int n, LineSource get) {
		long runs = 0;
		boolean prev = false;
		for (int t = 0; t < n; t++) {
			boolean on = get.at(t);
			if (on && !prev) runs++;
			prev = on;
		}
		return runs;
	}

	/** A 2D layer of voxels. */
	@FunctionalInterface
	interface PixelSource {
		boolean at(int a, int b);
	}

	/** A 1D line of voxels. */
	@FunctionalInterface
	interface LineSource {
		boolean at(int t);
	}

	/** The Euler characteristic of the whole mask, corrected for the image boundary. */
	public static double deltaChi(ByteVolume mask, Parallel parallel) {
		return deltaChi(mask, 0, mask.depth(), parallel);
	}

	/**
	 * The contribution of the box [0, w) x [0, h) x [z0, z1) to the Euler characteristic of the
	 * structure it was cut from (Odgaard and Gundersen 1993; see the class comment).
	 */
	public static double deltaChi(ByteVolume mask, int z0, int z1, Parallel parallel) {
		if (z1 <= z0) return 0;
		int w = mask.width(), h = mask.height();
		int nz = z1 - z0;
		int xe = w - 1, ye = h - 1, ze = z1 - 1;
		long chi = chi(mask, z0, z1, parallel);
		long faces = 0;
		for (int x : new int[] { 0, xe }) faces += chi2d(h, nz, (a, b) -> mask.get(x, a, z0 + b) != 0);
		for (int y : new int[] { 0, ye }) faces += chi2d(w, nz, (a, b) -> mask.get(a, y, z0 + b) != 0);
		for (int z : new int[] { z0, ze }) faces += chi2d(w, h, (a, b) -> mask.get(a, b, z) != 0);
		long edges = 0;
		for (int y : new int[] { 0, ye }) for (int z : new int[] { z0, ze }) edges += chi1d(w, t -> mask.get(t, y, z) != 0);
		for (int x : new int[] { 0, xe }) for (int z : new int[] { z0, ze }) edges += chi1d(h, t -> mask.get(x, t, z) != 0);
		for (int x : new int[] { 0, xe }) for (int y : new int[] { 0, ye }) edges += chi1d(nz, t -> mask.get(x, y, z0 + t) != 0);
		long corners = 0;
		for (int x : new int[] { 0, xe }) for (int y : new int[] { 0, ye }) for (int z : new int[] { z0, ze }) corners += mask.get(x, y, z) != 0 ? 1 : 0;
		return chi - faces / 2.0 + edges / 4.0 - corners / 8.0;
	}
}
