package org.bonelesion.histo;

/**
 * Binary dilation and closing of 2D byte masks by a disc, exact and cheaper than going through
 * a full distance transform: only "is there a target pixel within the radius?" is asked.
 *
 * <p>A pixel lies within {@code sqrt(limit)} of a target pixel when some row y' holds a target
 * at horizontal distance g from its column with {@code g^2 + (y - y')^2 <= limit}. With g the
 * distance along row y' to its nearest target (one scan each way), each row's nearest target
 * covers the column interval {@code |y - y'| <= floor(sqrt(limit - g^2))}; two sweeps down and
 * up the image, keeping per column the farthest interval end reached so far, mark every covered
 * pixel. Only pixels inside the image take part (as targets and as the complement), as in
 * {@code ops.Morphology}, whose results these equal (same squared-distance limit, tested).
 */
final class DiscMorphology {

	private DiscMorphology() {}

	/** Closing (dilation, then erosion) by the disc of squared radius {@code limit} (pixels^2). */
	static byte[] close(byte[] m, int width, int height, double limit) {
		byte[] d = dilate(m, width, height, limit, false);
		// erosion of d = complement of the dilation of d's complement
		byte[] e = dilate(d, width, height, limit, true);
		for (int i = 0; i < e.length; i++) e[i] ^= 1;
		return e;
	}

	/**
	 * Dilation by the disc of squared radius {@code limit}: 1 where a target pixel (nonzero, or
	 * zero if {@code complement}) lies within it.
	 */
	static byte[] dilate(byte[] m, int width, int height, double limit, boolean complement) {
		int n = width * height;
		byte[] out = new byte[n];
		if (!(limit >= 0)) throw new IllegalArgumentException("squared radius must be non-negative: " + limit);
		long lim = (long) Math.floor(limit);
		int r = (int) isqrt(lim);
		int[] half = new int[r + 1]; // column half-width covered from a row whose nearest target is g away
		for (int g = 0; g <= r; g++) half[g] = (int) isqrt(lim - (long) g * g);
		int far = r + 1;
		int flip = complement ? 1 : 0;
		short[] g = new short[n];
		for (int y = 0; y < height; y++) {
			int off = y * width;
			int last = -far - 1;
			for (int x = 0; x < width; x++) {
				if ((m[off + x] != 0 ? 1 : 0) != flip) last = x;
				g[off + x] = (short) Math.min(far, x - last);
			}
			int next = Integer.MAX_VALUE / 2;
			for (int x = width - 1; x >= 0; x--) {
				if ((m[off + x] != 0 ? 1 : 0) != flip) next = x;
				int d = next - x;
				if (d < g[off + x]) g[off + x] = (short) d;
			}
		}
		int[] reach = new int[width];
		java.util.Arrays.fill(reach, Integer.MIN_VALUE);
		for (int y = 0; y < height; y++) {
			int off = y * width;
			for (int x = 0; x < width; x++) {
				int gv = g[off + x];
				if (gv <= r) reach[x] = Math.max(reach[x], y + half[gv]);
				out[off + x] = y <= reach[x] ? (byte) 1 : 0;
			}
		}
		java.util.Arrays.fill(reach, Integer.MAX_VALUE);
		for (int y = height - 1; y >= 0; y--) {
			int off = y * width;
			for (int x = 0; x < width; x++) {
				int gv = g[off + x];
				if (gv <= r) reach[x] = Math.min(reach[x], y - half[gv]);
				if (y >= reach[x]) out[off + x] = 1;
			}
		}
		return out;
	}

	/** floor(sqrt(v)) for v >= 0, exact. */
	static long isqrt(long v) {
		long s = (long) Math.sqrt((double) v);
		while (s * s > v) s--;
		while ((s + 1) * (s + 1) <= v) s++;
		return s;
	}
}
