package org.bonelesion.ops;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;

/** Seeded random inputs for the op tests. */
final class TestVolumes {

	private TestVolumes() {
	}

	static ByteVolume randomMask(int w, int h, int d, Spacing s, double density, long seed) {
		Random r = new Random(seed);
		ByteVolume m = new ByteVolume(w, h, d, s);
		for (int z = 0; z < d; z++) {
			byte[] a = m.slice(z);
			for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() < density ? (byte) 1 : 0;
		}
		return m;
	}

	/** A mask of random solid balls (more structure than noise: holes, thin walls, big distances). */
	static ByteVolume randomBalls(int w, int h, int d, Spacing s, int count, long seed) {
		Random r = new Random(seed);
		ByteVolume m = new ByteVolume(w, h, d, s);
		for (int b = 0; b < count; b++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h, cz = r.nextDouble() * d;
			double rad = 1 + r.nextDouble() * Math.min(w, Math.min(h, d)) / 3.0;
			for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				double dx = x - cx, dy = y - cy, dz = z - cz;
				if (dx * dx + dy * dy + dz * dz <= rad * rad) m.set(x, y, z, 1);
			}
		}
		return m;
	}

	static ShortVolume randomShort(int w, int h, int d, Spacing s, long seed) {
		Random r = new Random(seed);
		ShortVolume v = new ShortVolume(w, h, d, s);
		for (int z = 0; z < d; z++) for (int i = 0; i < w * h; i++) v.slice(z)[i] = (short) r.nextInt(65536);
		return v;
	}

	static FloatVolume randomFloat(int w, int h, int d, Spacing s, long seed) {
		Random r = new Random(seed);
		FloatVolume v = new FloatVolume(w, h, d, s);
		for (int z = 0; z < d; z++) for (int i = 0; i < w * h; i++) v.slice(z)[i] = (float) (r.nextGaussian() * 100);
		return v;
	}
}
