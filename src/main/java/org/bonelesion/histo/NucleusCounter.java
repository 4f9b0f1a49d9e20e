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
 * Pixels are visited from the largest distance down; a pixel p becomes a new nucleus centre
 * when its distance r_p is at least the minimum nucleus radius, it lies outside every
 * accepted centre's inscribed disc, and, for every accepted centre c nearer than
 * {@code 2.5 (r_p + r_c)}, the distance transform dips along the straight path from p to c
 * to below {@code (1 - DIP) r_p}: a waist separates them (the neck where two nuclei touch or
 * overlap). Along the ridge of a single oval nucleus the distance only rises towards its
 * centre, so an oval gives one centre; a pixel on the neck between two nuclei has no dip
 * towards either and is not a third one. This is the h-maxima marker selection of the
 * distance-transform watershed, with the dip relative to the radius.
 */
public final class NucleusCounter {

	/** Relative dip of the distance between two nuclei: 25 % of the candidate's radius (at least half a pixel). */
	public static final double DIP = 0.25;

	private final double minRadiusPx;

	/** @param minRadiusPx smallest inscribed radius of a nucleus, in pixels */
	public NucleusCounter(double minRadiusPx) {
		this.minRadiusPx = minRadiusPx;
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
		n = 0;
		int k = 0;
		for (int i = 0; i < d.length; i++) {
			// larger distance first, then raster order: sort ascending on (-distance bits, index)
			if (d[i] >= minRadiusPx) keys[k++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(d[i])) << 32) | i;
		}
		keys = java.util.Arrays.copyOf(keys, k);
		java.util.Arrays.sort(keys);
		List<Nucleus> out = new ArrayList<>();
		for (long key : keys) {
			int i = (int) key;
			double r = d[i];
			int x = i % width, y = i / width;
			boolean ok = true;
			for (Nucleus c : out) {
				double dist = Math.hypot(x - c.x, y - c.y);
				if (dist < c.radius || (dist < 2.5 * (r + c.radius) && !dips(d, width, x, y, c.x, c.y, r - Math.max(0.5, DIP * r)))) {
					ok = false;
					break;
				}
			}
			if (ok) out.add(new Nucleus(x, y, r));
		}
		return out;
	}

	/** True if the distance falls below {@code level} somewhere on the segment (x0, y0)-(x1, y1). */
	private static boolean dips(float[] d, int width, int x0, int y0, int x1, int y1, double level) {
		int steps = 2 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
		for (int k = 1; k < steps; k++) {
			int x = (int) Math.round(x0 + (x1 - x0) * (double) k / steps), y = (int) Math.round(y0 + (y1 - y0) * (double) k / steps);
			if (d[y * width + x] < level) return true;
		}
		return false;
	}
}
