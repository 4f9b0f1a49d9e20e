package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;

/**
 * Fills the holes of a binary mask: background components that do not touch the image
 * border become foreground. Input voxels are foreground when non-zero; outputs are 0/1.
 *
 * <p>Background connectivity is face connectivity: 6-connected in 3D, 4-connected in 2D
 * (so the foreground is implicitly 26- or 8-connected, the usual dual pair; same as
 * scipy's {@code binary_fill_holes} with its default structure).
 */
public final class FillHoles {

	/** Marks background reached from the border while filling. */
	private static final byte REACHED = 2;

	private FillHoles() {
	}

	/** 3D hole filling (a depth-1 mask is filled in 2D). */
	public static ByteVolume fill3d(ByteVolume mask, Parallel parallel) {
		if (mask.depth() == 1) return fill2d(mask, parallel);
		ByteVolume out = mask.blankCopy();
		int w = mask.width();
		int h = mask.height();
		int d = mask.depth();
		// out: 0 = background not yet reached, 1 = foreground, 2 = background reached from the border
		parallel.forRange(0, d, z -> {
			byte[] m = mask.slice(z);
			byte[] o = out.slice(z);
			for (int i = 0; i < m.length; i++) o[i] = m[i] != 0 ? (byte) 1 : 0;
		});
		// The slices are cut into one slab per thread. Each slab floods from the image border
		// it owns; then, in rounds, background reached on one side of a slab boundary seeds
		// the other side, until no boundary voxel changes. The reachable set is unique, so
		// the result does not depend on the number of slabs. Seeds are collected while no
		// slab is being written, floods write only their own slab.
		byte[][] s = out.slices();
		int slabs = Math.min(d, parallel.threads());
		int[] from = new int[slabs + 1];
		for (int k = 0; k <= slabs; k++) from[k] = (int) ((long) d * k / slabs);
		Stack[] stacks = new Stack[slabs];
		for (int k = 0; k < slabs; k++) stacks[k] = new Stack();
		parallel.forRange(0, slabs, k -> {
			int z0 = from[k];
			int z1 = from[k + 1] - 1;
			Stack stack = stacks[k];
			for (int z = z0; z <= z1; z++) {
				boolean faceZ = z == 0 || z == d - 1;
				for (int y = 0; y < h; y++) {
					boolean face = faceZ || y == 0 || y == h - 1;
					if (face) {
						for (int x = 0; x < w; x++) flood(s, w, h, z0, z1, z, y, x, stack);
					} else {
						flood(s, w, h, z0, z1, z, y, 0, stack);
						flood(s, w, h, z0, z1, z, y, w - 1, stack);
					}
				}
			}
		});
		if (slabs > 1) {
			while (true) {
				parallel.forRange(0, slabs, k -> {
					if (k > 0) collectSeeds(s[from[k]], s[from[k] - 1], from[k], w, stacks[k]);
					if (k < slabs - 1) collectSeeds(s[from[k + 1] - 1], s[from[k + 1]], from[k + 1] - 1, w, stacks[k]);
				});
				boolean any = false;
				for (Stack st : stacks) any |= st.size > 0;
				if (!any) break;
				parallel.forRange(0, slabs, k -> drain(s, w, h, from[k], from[k + 1] - 1, stacks[k]));
			}
		}
		parallel.forRange(0, d, z -> {
			byte[] o = out.slice(z);
			for (int i = 0; i < o.length; i++) o[i] = o[i] == REACHED ? 0 : (byte) 1;
		});
		return out;
	}

	/** 2D hole filling of every slice independently. */
	public static ByteVolume fill2d(ByteVolume mask, Parallel parallel) {
		ByteVolume out = mask.blankCopy();
		int w = mask.width();
		int h = mask.height();
		parallel.forBlocks(0, mask.depth(), (z0, z1) -> {
			Stack stack = new Stack();
			for (int z = z0; z < z1; z++) {
				byte[] m = mask.slice(z);
				byte[] o = out.slice(z);
				for (int i = 0; i < m.length; i++) o[i] = m[i] != 0 ? (byte) 1 : 0;
				byte[][] s = out.slices();
				for (int y = 0; y < h; y++) {
					if (y == 0 || y == h - 1) {
						for (int x = 0; x < w; x++) flood(s, w, h, z, z, z, y, x, stack);
					} else {
						flood(s, w, h, z, z, z, y, 0, stack);
						flood(s, w, h, z, z, z, y, w - 1, stack);
					}
				}
				for (int i = 0; i < o.length; i++) o[i] = o[i] == REACHED ? 0 : (byte) 1;
			}
		});
		return out;
	}

	/**
	 * Scan-line flood fill from (x, y, z) through unreached background (0), marking it
	 * {@link #REACHED}: each popped seed is widened to its whole run along x, then one seed
	 * is pushed per run of unreached background in the four neighbouring rows (y +- 1 in
	 * the slice, the same row in slices z +- 1 within [zMin, zMax]).
	 */
	private static void flood(byte[][] s, int w, int h, int zMin, int zMax, int z0, int y0, int x0, Stack stack) {
		if (s[z0][y0 * w + x0] != 0) return;
		stack.push(z0, y0, x0);
		drain(s, w, h, zMin, zMax, stack);
	}

	/** Floods from every seed on the stack, within slices [zMin, zMax]. */
	private static void drain(byte[][] s, int w, int h, int zMin, int zMax, Stack stack) {
		while (stack.size > 0) {
			stack.size--;
			int z = stack.zs[stack.size];
			int y = stack.ys[stack.size];
			int x = stack.xs[stack.size];
			byte[] o = s[z];
			int base = y * w;
			if (o[base + x] != 0) continue;
			int left = x;
			while (left > 0 && o[base + left - 1] == 0) left--;
			int right = x;
			while (right < w - 1 && o[base + right + 1] == 0) right++;
			for (int i = left; i <= right; i++) o[base + i] = REACHED;
			if (y > 0) seedRuns(o, base - w, left, right, z, y - 1, stack);
			if (y < h - 1) seedRuns(o, base + w, left, right, z, y + 1, stack);
			if (z > zMin) seedRuns(s[z - 1], base, left, right, z - 1, y, stack);
			if (z < zMax) seedRuns(s[z + 1], base, left, right, z + 1, y, stack);
		}
	}

	/** Seeds slice z (own) wherever it is unreached background and the neighbouring slice is reached. */
	private static void collectSeeds(byte[] own, byte[] neighbour, int z, int w, Stack stack) {
		for (int i = 0; i < own.length; i++) {
			if (own[i] == 0 && neighbour[i] == REACHED) stack.push(z, i / w, i % w);
		}
	}

	private static void seedRuns(byte[] o, int base, int left, int right, int z, int y, Stack stack) {
		boolean inRun = false;
		for (int x = left; x <= right; x++) {
			boolean open = o[base + x] == 0;
			if (open && !inRun) stack.push(z, y, x);
			inRun = open;
		}
	}

	/** A growable stack of (z, y, x) seeds. */
	private static final class Stack {
		int[] zs = new int[1024];
		int[] ys = new int[1024];
		int[] xs = new int[1024];
		int size;

		void push(int z, int y, int x) {
			if (size == zs.length) {
				zs = java.util.Arrays.copyOf(zs, size * 2);
				ys = java.util.Arrays.copyOf(ys, size * 2);
				xs = java.util.Arrays.copyOf(xs, size * 2);
			}
			zs[size] = z;
			ys[size] = y;
			xs[size] = x;
			size++;
		}
	}
}
