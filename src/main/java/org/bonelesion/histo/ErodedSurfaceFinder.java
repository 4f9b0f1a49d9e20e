package org.bonelesion.histo;

import org.bonelesion.ops.Labeling;
import org.bonelesion.ops.Morphology;

/**
 * Finds eroded bone surface: stretches of the bone outline scalloped by resorption lacunae
 * (Howship's lacunae), with or without an osteoclast in them.
 *
 * <p>Concavity analysis against an envelope at the lacuna scale: the bone mask is closed by a
 * disc of radius {@code scalePx} (dilation then erosion), which rebuilds the surface over every
 * hollow narrower than the disc, while surfaces curving more gently than the disc are left
 * unchanged. The filled pixels (closed, not bone) form hollows; a hollow is a resorption
 * lacuna when it opens onto the marrow (it touches a pixel outside the closed mask: enclosed
 * holes in the bone such as canals are not surface) and its depth below the envelope (the
 * largest distance from its pixels to the outside of the closed mask) lies between
 * {@code minDepthPx} and {@code maxDepthPx}: shallower fills are pixel noise and gentle
 * waviness, deeper ones are gaps between two bone profiles that the disc bridges. A bone
 * contour cell is eroded surface when a lacuna pixel lies within {@code joinPx} of one of its
 * corners; the tolerance joins the cusps between neighbouring lacunae, where the fill is
 * thinner than a pixel, into one eroded stretch.
 *
 * <p>Tiling: closing is exact in the core when the overlap is at least twice the disc radius;
 * a hollow longer than the overlap is judged on its part inside the tile.
 */
public final class ErodedSurfaceFinder {

	private ErodedSurfaceFinder() {}

	/**
	 * Per-pixel distance (pixels) to the nearest resorption-lacuna pixel of a tile (0 inside a
	 * lacuna, +Infinity if the tile has none). Contour cells whose nearest corner is within the
	 * join tolerance are eroded.
	 */
	public static float[] lacunaDistance(TileFrame frame, byte[] bone, double scalePx, double minDepthPx, double maxDepthPx) {
		return frame.distanceTo(lacunae(frame, bone, scalePx, minDepthPx, maxDepthPx));
	}

	/** The resorption-lacuna pixels of a tile (1), see {@link #lacunaDistance}. */
	static byte[] lacunae(TileFrame frame, byte[] bone, double scalePx, double minDepthPx, double maxDepthPx) {
		int w = frame.width(), h = frame.height(), n = w * h;
		byte[] closed = DiscMorphology.close(bone, w, h, scalePx * scalePx * (1 + Morphology.SLACK)); // = Morphology.close2d, faster
		// depth below the envelope: only compared with the depth limits, so exact up to just past the largest is enough
		byte[] open = new byte[n];
		for (int i = 0; i < n; i++) open[i] = (byte) (closed[i] ^ 1);
		BoundedDistance depth = new BoundedDistance(open, w, h, (int) Math.ceil(maxDepthPx) + 1);
		byte[] fill = new byte[n];
		boolean any = false;
		for (int i = 0; i < n; i++) {
			if (closed[i] != 0 && bone[i] == 0) {
				fill[i] = 1;
				any = true;
			}
		}
		byte[] lacuna = new byte[n];
		if (any) {
			Labeling.Result lr = frame.label(fill);
			int[] lab = TileFrame.labels(lr);
			int count = lr.count();
			float[] deepest = new float[count + 1];
			boolean[] opens = new boolean[count + 1];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = y * w + x, k = lab[i];
					if (k == 0) continue;
					float d = depth.distance(x, y);
					if (d > deepest[k]) deepest[k] = d;
					if (!opens[k]) {
						for (int dy = -1; dy <= 1 && !opens[k]; dy++) {
							for (int dx = -1; dx <= 1; dx++) {
								int xx = x + dx, yy = y + dy;
								if (xx >= 0 && yy >= 0 && xx < w && yy < h && closed[yy * w + xx] == 0) {
									opens[k] = true;
									break;
								}
							}
						}
					}
				}
			}
			for (int i = 0; i < n; i++) {
				int k = lab[i];
				if (k != 0 && opens[k] && deepest[k] >= minDepthPx && deepest[k] <= maxDepthPx) lacuna[i] = 1;
			}
		}
		return lacuna;
	}
}
