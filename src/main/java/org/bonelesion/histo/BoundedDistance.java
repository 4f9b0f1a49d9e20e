package org.bonelesion.histo;

/**
 * Euclidean distances (in pixels) from pixels of a tile to the nearest nonzero pixel of a mask,
 * exact up to a bound and answered pixel by pixel on demand: the measurements only ask for
 * distances up to a few pixels (contact, interface and join tolerances) and only at a small
 * fraction of the pixels (bone edges, nucleus candidates), so a whole-tile distance transform
 * does far more work than needed.
 *
 * <p>Built in one pass: for every pixel, the distance along its row to the nearest mask pixel
 * (capped at bound + 1). A query at (x, y) takes the smallest {@code g(x, y+dy)^2 + dy^2} over
 * {@code |dy| <= bound}, which is the exact squared distance whenever it is at most
 * {@code bound^2} (the first phase of the separable distance transform, with the second phase
 * done only where asked).
 */
final class BoundedDistance {

	private final int width, height, bound;
	private final short[] row; // distance along the row to the nearest mask pixel, at most bound + 1
	private final boolean empty;
	// which BLOCK x BLOCK blocks hold a mask pixel: a query far from every mask pixel is answered from these
	private static final int BLOCK_SHIFT = 4, BLOCK = 1 << BLOCK_SHIFT;
	private final int blocksWide;
	private final boolean[] occupied;

	/**
	 * @param mask   nonzero = target pixels
	 * @param bound  largest distance (pixels) that must be exact; farther pixels are +Infinity
	 */
	BoundedDistance(byte[] mask, int width, int height, int bound) {
		this(mask, 0, width, width, height, bound, new short[width * height], new boolean[blocks(width, height)]);
	}

	/**
	 * {@link #BoundedDistance(byte[], int, int, int)} of the width x height rectangle of a larger
	 * mask whose pixel (x, y) is {@code mask[base + y * stride + x]} (read in place), with its
	 * arrays from the arena under keys starting with {@code key} (valid until the arena's next
	 * use of that key).
	 */
	BoundedDistance(byte[] mask, int base, int stride, int width, int height, int bound, TileArena arena, String key) {
		this(mask, base, stride, width, height, bound, arena.shortsAtLeast(key + ".row", width * height),
			arena.zeroBooleansAtLeast(key + ".blocks", blocks(width, height)));
	}

	/** @param row any contents, at least width * height; @param occupied at least {@link #blocks} long, all false */
	private BoundedDistance(byte[] mask, int base, int stride, int width, int height, int bound, short[] row, boolean[] occupied) {
		if (bound < 0 || bound > Short.MAX_VALUE - 2) throw new IllegalArgumentException("bound out of range: " + bound);
		this.width = width;
		this.height = height;
		this.bound = bound;
		this.row = row;
		this.occupied = occupied;
		blocksWide = (width + BLOCK - 1) >> BLOCK_SHIFT;
		boolean any = false;
		for (int y = 0; y < height; y++) any |= row(mask, base + y * stride, y);
		empty = !any;
	}

	private static int blocks(int width, int height) {
		return ((width + BLOCK - 1) >> BLOCK_SHIFT) * ((height + BLOCK - 1) >> BLOCK_SHIFT);
	}

	/** Fills row y's distances along the row (capped at bound + 1; its mask pixels start at {@code m}) and marks its occupied blocks; true if it holds a mask pixel. */
	private boolean row(byte[] mask, int m, int y) {
		int far = bound + 1;
		int off = y * width, blockRow = (y >> BLOCK_SHIFT) * blocksWide;
		if (ByteRuns.nextNonzero(mask, m, m + width) == m + width) {
			// no target in this row (the common case for sparse masks)
			java.util.Arrays.fill(row, off, off + width, (short) far);
			return false;
		}
		int last = -far - 1;
		for (int x = 0; x < width; x++) {
			if (mask[m + x] != 0) {
				last = x;
				occupied[blockRow + (x >> BLOCK_SHIFT)] = true;
			}
			row[off + x] = (short) Math.min(far, x - last);
		}
		int next = Integer.MAX_VALUE / 2;
		for (int x = width - 1; x >= 0; x--) {
			if (mask[m + x] != 0) next = x;
			int d = next - x;
			if (d < row[off + x]) row[off + x] = (short) d;
		}
		return last >= 0;
	}

	/** True if the mask has no pixel at all (every distance is +Infinity). */
	boolean empty() {
		return empty;
	}

	/** The squared distance from (x, y) to the nearest mask pixel if at most bound^2, else {@link Integer#MAX_VALUE}. */
	int squared(int x, int y) {
		if (empty) return Integer.MAX_VALUE;
		if (bound <= 2 * BLOCK) {
			// no occupied block within the (2 bound + 1)^2 square around (x, y): nothing that near
			int bx0 = Math.max(0, x - bound) >> BLOCK_SHIFT, bx1 = Math.min(width - 1, x + bound) >> BLOCK_SHIFT;
			int by0 = Math.max(0, y - bound) >> BLOCK_SHIFT, by1 = Math.min(height - 1, y + bound) >> BLOCK_SHIFT;
			boolean near = false;
			for (int by = by0; by <= by1 && !near; by++) for (int bx = bx0; bx <= bx1; bx++) near |= occupied[by * blocksWide + bx];
			if (!near) return Integer.MAX_VALUE;
		}
		int best = Integer.MAX_VALUE;
		int g = row[y * width + x];
		if (g <= bound) best = g * g;
		for (int dy = 1; dy <= bound && dy * dy < best; dy++) {
			int dd = dy * dy;
			if (y - dy >= 0) {
				int a = row[(y - dy) * width + x];
				if (a <= bound && a * a + dd < best) best = a * a + dd;
			}
			if (y + dy < height) {
				int b = row[(y + dy) * width + x];
				if (b <= bound && b * b + dd < best) best = b * b + dd;
			}
		}
		return best <= bound * bound ? best : Integer.MAX_VALUE;
	}

	/** The distance from (x, y) to the nearest mask pixel, exact up to the bound, else +Infinity. */
	float distance(int x, int y) {
		int s = squared(x, y);
		return s == Integer.MAX_VALUE ? Float.POSITIVE_INFINITY : (float) Math.sqrt(s);
	}

	/** True if a mask pixel lies within {@code r} (at most the bound) of (x, y). */
	boolean within(int x, int y, double r) {
		return distance(x, y) <= r;
	}

	/** The bound these distances are exact to, pixels. */
	int bound() {
		return bound;
	}
}
