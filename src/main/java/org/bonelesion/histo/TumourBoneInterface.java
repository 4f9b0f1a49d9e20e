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

	/** Per-pixel distance (pixels) to the nearest tumour pixel of a tile (+Infinity if none). */
	public static float[] tumourDistance(TileFrame frame, byte[] tumour) {
		return frame.distanceTo(tumour);
	}

	/** True if contour cell (x, y) is on the interface. */
	public static boolean onInterface(TileFrame frame, float[] tumourDistance, int x, int y, double distancePx) {
		return frame.cornerMin(tumourDistance, x, y) <= distancePx;
	}
}
