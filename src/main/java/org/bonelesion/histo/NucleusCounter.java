package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;

/**
 * Counts nuclei in a binary nucleus mask, splitting touching nuclei. Each nucleus is taken as
 * a disc centred on a peak of the Euclidean distance transform (the distance from a nucleus
 * pixel to the nearest background pixel, i.e. the radius of the largest inscribed disc).
 * Pixels are visited from the largest distance down; a pixel becomes a new nucleus centre
 * when its distance is at least the minimum nucleus radius, it lies outside every accepted
 * centre's inscribed disc, and it is at least {@code separation * (r_p + r_c)} from every
 * accepted centre c (r are the inscribed radii). Two touching discs of equal radius
 * ({@code distance = 2r}) are therefore two nuclei, and so are two overlapping ones down to
 * centre distance {@code 2 * separation * r}; a single round or mildly oval nucleus gives
 * one centre. This is a marker-selection form of the distance-transform watershed.
 */
public final class NucleusCounter {

	/** Default separation factor: overlapping nuclei down to 1.6 radii apart are split. */
	public static final double DEFAULT_SEPARATION = 0.8;

	private final double minRadiusPx;
	private final double separation;

	/**
	 * @param minRadiusPx smallest inscribed radius of a nucleus, in pixels
	 * @param separation  the overlap factor described above (0.5 to 1)
	 */
	public NucleusCounter(double minRadiusPx, double separation) {
		this.minRadiusPx = minRadiusPx;
		this.separation = separation;
	}

	/** One nucleus: centre (pixel indices in the mask) and inscribed radius in pixels. */
	public record Nucleus(int x, int y, double radius) {}

	/** The nuclei of a mask of width x height (nonzero = nucleus). */
	public List<Nucleus> find(byte[] mask, int width, int height) {
		ByteVolume m = new ByteVolume(width, height, Spacing.isotropicMicrons(1000), new byte[][] { mask });
		FloatVolume dt = DistanceTransform.distances2d(m, true, Parallel.of(1));
		float[] d = dt.slice(0);
		int n = 0;
		for (float v : d) if (v >= minRadiusPx) n++;
		long[] keys = new long[n];
		int k = 0;
		for (int i = 0; i < d.length; i++) {
			// larger distance first, then raster order: sort ascending on (-distance bits, index)
			if (d[i] >= minRadiusPx) keys[k++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(d[i])) << 32) | i;
		}
		java.util.Arrays.sort(keys);
		List<Nucleus> out = new ArrayList<>();
		for (long key : keys) {
			int i = (int) key;
			double r = d[i];
			int x = i % width, y = i / width;
			boolean ok = true;
			for (Nucleus c : out) {
				double dist = Math.hypot(x - c.x, y - c.y);
				if (dist < c.radius || dist < separation * (r + c.radius)) {
					ok = false;
					break;
				}
			}
			if (ok) out.add(new Nucleus(x, y, r));
		}
		return out;
	}
}
