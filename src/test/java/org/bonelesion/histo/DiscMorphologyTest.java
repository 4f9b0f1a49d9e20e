package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.Morphology;
import org.junit.jupiter.api.Test;

/** {@link DiscMorphology} gives exactly {@code ops.Morphology}'s disc dilation and closing (the distance-transform reference) on seeded random masks. */
class DiscMorphologyTest {

	@Test
	void equalsTheDistanceTransformMorphology() {
		Random rnd = new Random(11);
		Spacing unit = Spacing.isotropicMicrons(1000); // 1 pixel = 1 mm, as ErodedSurfaceFinder calls it
		int[][] sizes = { { 1, 1 }, { 7, 3 }, { 61, 47 }, { 120, 90 } };
		double[] densities = { 0, 0.01, 0.1, 0.5, 0.95, 1 };
		double[] radii = { 0, 0.7, 1, 1.5, 2.5, 5, 12.3, 30 };
		for (int[] size : sizes) {
			int w = size[0], h = size[1];
			for (double density : densities) {
				byte[] m = new byte[w * h];
				for (int i = 0; i < m.length; i++) m[i] = rnd.nextDouble() < density ? (byte) 1 : 0;
				ByteVolume v = new ByteVolume(w, h, unit, new byte[][] { m });
				for (double r : radii) {
					double limit = r * r * (1 + Morphology.SLACK);
					String what = w + "x" + h + " density " + density + " radius " + r;
					assertArrayEquals(Morphology.dilate2d(v, r, Parallel.of(1)).slice(0), DiscMorphology.dilate(m, w, h, limit, false), "dilation " + what);
					assertArrayEquals(Morphology.close2d(v, r, Parallel.of(1)).slice(0), DiscMorphology.close(m, w, h, limit), "closing " + what);
				}
			}
		}
	}
}
