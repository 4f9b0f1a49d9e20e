package org.bonelesion.ops;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;

/**
 * Binary morphology with a ball of physical radius (mm) on anisotropic voxels, computed
 * through the exact Euclidean distance transform so that the cost does not grow with the
 * radius.
 *
 * <p>Structuring element: every voxel offset whose physical length is at most the radius
 * ({@code (dx sx)^2 + (dy sy)^2 + (dz sz)^2 <= r^2}, with a relative slack of
 * {@link #SLACK} on r^2 so that offsets lying exactly on the sphere are included despite
 * floating-point rounding). Input voxels are "in" when non-zero; outputs are 0/1.
 *
 * <p>Border: nothing lies outside the image (as in {@link DistanceTransform}): dilation
 * does not grow in from outside, and erosion does not eat the mask from the image border
 * (out-of-image voxels are ignored, not treated as background). Opening and closing are the
 * usual compositions.
 *
 * <p>The 2D variants work on each slice independently with a disc. Memory: the output plus
 * one float volume. Results do not depend on the number of threads.
 */
public final class Morphology {

	/** Relative tolerance on r^2 that admits offsets lying exactly on the sphere. */
	public static final double SLACK = 1e-6;

	private Morphology() {
	}

	/** Voxels within {@code radiusMm} of a mask voxel. */
	public static ByteVolume dilate(ByteVolume mask, double radiusMm, Parallel parallel) {
		return threshold(mask, radiusMm, true, true, new float[mask.depth()][], parallel);
	}

	/** Mask voxels farther than {@code radiusMm} from every non-mask voxel of the image. */
	public static ByteVolume erode(ByteVolume mask, double radiusMm, Parallel parallel) {
		return threshold(mask, radiusMm, false, true, new float[mask.depth()][], parallel);
	}

	/** Erosion then dilation. */
	public static ByteVolume open(ByteVolume mask, double radiusMm, Parallel parallel) {
		float[][] work = new float[mask.depth()][];
		return threshold(threshold(mask, radiusMm, false, true, work, parallel), radiusMm, true, true, work, parallel);
	}

	/** Dilation then erosion. */
	public static ByteVolume close(ByteVolume mask, double radiusMm, Parallel parallel) {
		float[][] work = new float[mask.depth()][];
		return threshold(threshold(mask, radiusMm, true, true, work, parallel), radiusMm, false, true, work, parallel);
	}

	/** {@link #dilate} with a disc, slice by slice. */
	public static ByteVolume dilate2d(ByteVolume mask, double radiusMm, Parallel parallel) {
		return threshold(mask, radiusMm, true, false, new float[mask.depth()][], parallel);
	}

	/** {@link #erode} with a disc, slice by slice. */
	public static ByteVolume erode2d(ByteVolume mask, double radiusMm, Parallel parallel) {
		return threshold(mask, radiusMm, false, false, new float[mask.depth()][], parallel);
	}

	/** {@link #open} with a disc, slice by slice. */
	public static ByteVolume open2d(ByteVolume mask, double radiusMm, Parallel parallel) {
		float[][] work = new float[mask.depth()][];
		return threshold(threshold(mask, radiusMm, false, false, work, parallel), radiusMm, true, false, work, parallel);
	}

	/** {@link #close} with a disc, slice by slice. */
	public static ByteVolume close2d(ByteVolume mask, double radiusMm, Parallel parallel) {
		float[][] work = new float[mask.depth()][];
		return threshold(threshold(mask, radiusMm, true, false, work, parallel), radiusMm, false, false, work, parallel);
	}

	/** One dilation or erosion; {@code work} holds the distances (its null slices are allocated, others reused). */
	private static ByteVolume threshold(ByteVolume mask, double radiusMm, boolean dilate, boolean threeD, float[][] work, Parallel parallel) {
		if (!(radiusMm >= 0) || Double.isInfinite(radiusMm)) throw new IllegalArgumentException("structuring element radius must be a finite non-negative length in mm, got " + radiusMm);
		ByteVolume out = mask.blankCopy();
		double limit = radiusMm * radiusMm * (1 + SLACK);
		// dilation: background voxels near the mask join it (mask voxels have distance 0);
		// erosion: mask voxels survive if far from the background (background has distance 0)
		DistanceTransform.transform(mask, !dilate, threeD, limit, parallel, new DistanceTransform.LineSink() {
			@Override
			public float[][] target() {
				return work;
			}

			@Override
			public void accept(int z, int at, float[] src, int from, int n) {
				byte[] o = out.slice(z);
				if (dilate) {
					for (int i = 0; i < n; i++) o[at + i] = src[from + i] <= limit ? (byte) 1 : 0;
				} else {
					for (int i = 0; i < n; i++) o[at + i] = src[from + i] > limit ? (byte) 1 : 0;
				}
			}
		});
		return out;
	}
}
