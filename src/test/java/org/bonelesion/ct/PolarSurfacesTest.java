package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Spacing;
import org.junit.jupiter.api.Test;

/**
 * The polar surfaces against rings whose radii are known to a fraction of a voxel: a voxel is
 * bone when its centre lies between the two circles, so the unbiased surface is the circle
 * itself, and the fitted radius must not drift to either side as the radius slides across
 * the voxel grid.
 */
class PolarSurfacesTest {

	private static final Spacing SPACING = Spacing.isotropicMicrons(10);

	/** One slice: a ring of outer radius ro and inner radius ri (voxels) about an off-grid centre. */
	private static ByteVolume[] ring(double ro, double ri) {
		int n = 64;
		double cx = 31.3, cy = 32.6;
		ByteVolume bone = new ByteVolume(n, n, 1, SPACING), envelope = new ByteVolume(n, n, 1, SPACING);
		for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
			double r = Math.hypot(x - cx, y - cy);
			if (r <= ro) envelope.set(x, y, 0, 1);
			if (r <= ro && r >= ri) bone.set(x, y, 0, 1);
		}
		return new ByteVolume[] { bone, envelope };
	}

	@Test
	void fittedRadiiAreUnbiasedToAFractionOfAVoxel() {
		double sumOuter = 0, sumInner = 0;
		int count = 0;
		// the radius slides over one voxel in tenths: the mean error is the bias
		for (int k = 0; k < 10; k++) {
			double ro = 22 + 0.1 * k + 0.05, ri = ro - 8;
			ByteVolume[] m = ring(ro, ri);
			PolarSurfaces.Slice f = PolarSurfaces.fit(m[0], m[1], 0);
			assertTrue(f.valid, "ring " + ro);
			double meanOuter = 0, meanInner = 0;
			for (int r = 0; r < PolarSurfaces.RAYS; r++) {
				meanOuter += f.outer[r] / SPACING.x();
				meanInner += f.inner[r] / SPACING.x();
			}
			meanOuter /= PolarSurfaces.RAYS;
			meanInner /= PolarSurfaces.RAYS;
			// each radius: within 0.25 voxel (a digital circle's boundary wanders by about that much)
			assertEquals(ro, meanOuter, 0.25, "outer radius of ring " + ro);
			assertEquals(ri, meanInner, 0.25, "inner radius of ring " + ro);
			sumOuter += meanOuter - ro;
			sumInner += meanInner - ri;
			count++;
		}
		// bias over the voxel: under 0.1 voxel (measured: +0.003 outer, -0.013 inner; so the
		// voxel centres can be assigned against the fitted surfaces without any tolerance)
		assertEquals(0, sumOuter / count, 0.1, "outer bias (voxels)");
		assertEquals(0, sumInner / count, 0.1, "inner bias (voxels)");
	}
}
