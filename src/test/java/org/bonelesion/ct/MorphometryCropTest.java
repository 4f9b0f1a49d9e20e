package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.LocalThickness;
import org.junit.jupiter.api.Test;

/** The mean local thickness on the mask's grown bounding box equals the one on the whole image, exactly. */
class MorphometryCropTest {

	/** Random balls and specks inside the box [x0, x1) x [y0, y1) x [z0, z1) of a larger image. */
	static ByteVolume maskInBox(int w, int h, int d, int x0, int x1, int y0, int y1, int z0, int z1, Spacing sp, long seed) {
		Random rnd = new Random(seed);
		ByteVolume m = new ByteVolume(w, h, d, sp);
		for (int z = z0; z < z1; z++) for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) {
			if (rnd.nextDouble() < 0.55) m.set(x, y, z, 1);
		}
		for (int k = 0; k < 4; k++) {
			double cx = x0 + rnd.nextDouble() * (x1 - x0), cy = y0 + rnd.nextDouble() * (y1 - y0), cz = z0 + rnd.nextDouble() * (z1 - z0);
			double r = 2 + rnd.nextDouble() * 5;
			for (int z = z0; z < z1; z++) for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) {
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) < r * r) m.set(x, y, z, 1);
			}
		}
		return m;
	}

	@Test
	void croppedMeanEqualsWholeImageMean() {
		Spacing[] spacings = { Spacing.microns(10, 10, 10), Spacing.microns(8, 11, 15) };
		long seed = 3;
		for (Spacing sp : spacings) {
			ByteVolume[] masks = {
				maskInBox(40, 36, 30, 7, 31, 5, 25, 4, 22, sp, seed++), // clear of every face
				maskInBox(40, 36, 30, 0, 18, 9, 36, 0, 30, sp, seed++), // touching several faces
				maskInBox(30, 28, 20, 1, 29, 1, 27, 1, 19, sp, seed++), // one voxel from every face
				maskInBox(24, 20, 16, 0, 24, 0, 20, 0, 16, sp, seed++) }; // the whole image
			for (ByteVolume m : masks) {
				double whole = LocalThickness.meanThickness(m, Parallel.of(1));
				assertEquals(whole, Morphometry.meanThickness(m, Parallel.of(1)), 0.0, "at " + sp);
				assertEquals(whole, Morphometry.meanThickness(m, Parallel.of(3)), 0.0, "at " + sp + ", 3 threads");
			}
		}
		ByteVolume empty = new ByteVolume(10, 10, 10, Spacing.microns(10, 10, 10));
		assertEquals(Double.NaN, Morphometry.meanThickness(empty, Parallel.of(1)));
	}
}
