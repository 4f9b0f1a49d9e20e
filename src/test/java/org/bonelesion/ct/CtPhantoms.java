package org.bonelesion.ct;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;

/** Grey-level phantoms with known geometry: bone 1000, soft tissue 100. */
final class CtPhantoms {

	static final int BONE = 1000, SOFT = 100;

	private CtPhantoms() {
	}

	/**
	 * A tube along z: centre on a voxel centre, voxels with {@code ri < rho <= ro} (in voxels,
	 * in-plane) are bone; optionally a plate {@code plate} voxels thick across the marrow
	 * (y = centre .. centre + plate - 1) in the middle third of the slices.
	 */
	static ShortVolume tube(int size, int depth, int ri, int ro, int plate, Spacing sp) {
		ShortVolume v = new ShortVolume(size, size, depth, sp);
		int c = size / 2;
		for (int z = 0; z < depth; z++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			int r2 = (x - c) * (x - c) + (y - c) * (y - c);
			boolean bone = r2 > ri * ri && r2 <= ro * ro;
			if (plate > 0 && r2 <= ri * ri && y >= c && y < c + plate && z >= depth / 3 && z < 2 * depth / 3) bone = true;
			v.set(x, y, z, bone ? BONE : SOFT);
		}
		return v;
	}

	/** Pixels of a slice with {@code a < rho <= b} around the tube's centre (a = -1: the disc). */
	static long ringPixels(int size, int a, int b) {
		int c = size / 2;
		long n = 0;
		for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			int r2 = (x - c) * (x - c) + (y - c) * (y - c);
			if ((a < 0 || r2 > a * a) && r2 <= b * b) n++;
		}
		return n;
	}
}
