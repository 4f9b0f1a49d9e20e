package org.bonelesion.histo;

/**
 * The tumour-bone interface (TBI): bone surface in contact with tumour. A bone contour cell is
 * on the interface when tumour lies within {@code distancePx} of one of its corners. The
 * tolerance is needed because the tumour mask, found from the density of nuclei in a window,
 * stops a few micrometres short of the bone (the window straddles nucleus-free bone); it must
 * stay below the usual gap between tumour and bone it does not touch.
 */
public final class TumourBoneInterface {

	private TumourBoneInterface() {}

	/** Distances (pixels) to the nearest tumour pixel of a tile, exact up to {@code distancePx} (farther: +Infinity). */
	static BoundedDistance tumourDistance(TileFrame frame, byte[] tumour, double distancePx) {
		return new BoundedDistance(tumour, frame.width(), frame.height(), (int) Math.ceil(distancePx));
	}

	/** {@link #tumourDistance(TileFrame, byte[], double)} with its arrays from the arena under keys starting with {@code key}. */
	static BoundedDistance tumourDistance(TileFrame frame, byte[] tumour, double distancePx, TileArena arena, String key) {
		return new BoundedDistance(tumour, 0, frame.width(), frame.width(), frame.height(), (int) Math.ceil(distancePx), arena, key);
	}

	/** True if contour cell (x, y) is on the interface. */
	static boolean onInterface(BoundedDistance tumourDistance, int x, int y, double distancePx) {
		if (tumourDistance.empty()) return false;
		return tumourDistance.distance(x, y) <= distancePx || tumourDistance.distance(x + 1, y) <= distancePx
			|| tumourDistance.distance(x, y + 1) <= distancePx || tumourDistance.distance(x + 1, y + 1) <= distancePx;
	}
}
