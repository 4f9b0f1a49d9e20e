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

	private FillHoles() {
	}

	/** 3D hole filling (a depth-1 mask is filled in 2D). */
	public static ByteVolume fill3d(ByteVolume mask, Parallel parallel) {
		if (mask.depth() == 1) return fill2d(mask, parallel);
		ByteVolume out = mask.blankCopy();
		int w = mask.width();
		int h = mask.height();
		int d = mask.depth();
		final byte reached = 2;
		// out: 0 = background not yet reached, 1 = foreground, 2 = background reached from the border
		parallel.forRange(0, d, z -> {
			byte[] m = mask.slice(z);
			byte[] o = out.slice(z);
			for (int i = 0; i < m.length; i++) o[i] = m[i] != 0 ? (byte) 1 : 0;
		});
		Stack stack = new Stack();
		for (int z = 0; z < d; z++) {
			byte[] o = out.slice(z);
			boolean faceZ = z == 0 || z == d - 1;
			for (int y = 0; y < h; y++) {
				boolean faceY = faceZ || y == 0 || y == h - 1;
				for (int x = 0; x < w; x++) {
					if (!faceY && x != 0 && x != w - 1) continue;
					int i = y * w + x;
					if (o[i] == 0) {
						o[i] = reached;
						stack.push(z, i);
					}
				}
			}
		}
		byte[][] s = out.slices();
		while (stack.size > 0) {
			stack.size--;
			int z = stack.zs[stack.size];
			int i = stack.is[stack.size];
			int x = i % w;
			int y = i / w;
			byte[] o = s[z];
			if (x > 0 && o[i - 1] == 0) { o[i - 1] = reached; stack.push(z, i - 1); }
			if (x < w - 1 && o[i + 1] == 0) { o[i + 1] = reached; stack.push(z, i + 1); }
			if (y > 0 && o[i - w] == 0) { o[i - w] = reached; stack.push(z, i - w); }
			if (y < h - 1 && o[i + w] == 0) { o[i + w] = reached; stack.push(z, i + w); }
			if (z > 0 && s[z - 1][i] == 0) { s[z - 1][i] = reached; stack.push(z - 1, i); }
			if (z < d - 1 && s[z + 1][i] == 0) { s[z + 1][i] = reached; stack.push(z + 1, i); }
		}
		parallel.forRange(0, d, z -> {
			byte[] o = out.slice(z);
			for (int i = 0; i < o.length; i++) o[i] = o[i] == reached ? 0 : (byte) 1;
		});
		return out;
	}

	/** 2D hole filling of every slice independently. */
	public static ByteVolume fill2d(ByteVolume mask, Parallel parallel) {
		ByteVolume out = mask.blankCopy();
		int w = mask.width();
		int h = mask.height();
		final byte reached = 2;
		parallel.forBlocks(0, mask.depth(), (z0, z1) -> {
			Stack stack = new Stack();
			for (int z = z0; z < z1; z++) {
				byte[] m = mask.slice(z);
				byte[] o = out.slice(z);
				for (int i = 0; i < m.length; i++) o[i] = m[i] != 0 ? (byte) 1 : 0;
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						if (y != 0 && y != h - 1 && x != 0 && x != w - 1) continue;
						int i = y * w + x;
						if (o[i] == 0) {
							o[i] = reached;
							stack.push(z, i);
						}
					}
				}
				while (stack.size > 0) {
					stack.size--;
					int i = stack.is[stack.size];
					int x = i % w;
					int y = i / w;
					if (x > 0 && o[i - 1] == 0) { o[i - 1] = reached; stack.push(z, i - 1); }
					if (x < w - 1 && o[i + 1] == 0) { o[i + 1] = reached; stack.push(z, i + 1); }
					if (y > 0 && o[i - w] == 0) { o[i - w] = reached; stack.push(z, i - w); }
					if (y < h - 1 && o[i + w] == 0) { o[i + w] = reached; stack.push(z, i + w); }
				}
				for (int i = 0; i < o.length; i++) o[i] = o[i] == reached ? 0 : (byte) 1;
			}
		});
		return out;
	}

	/** A growable stack of (slice, in-slice index) pairs. */
	private static final class Stack {
		int[] zs = new int[1024];
		int[] is = new int[1024];
		int size;

		void push(int z, int i) {
			if (size == zs.length) {
				zs = java.util.Arrays.copyOf(zs, size * 2);
				is = java.util.Arrays.copyOf(is, size * 2);
			}
			zs[size] = z;
			is[size] = i;
			size++;
		}
	}
}
