package org.bonelesion.histo;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.Labeling;

/**
 * Finds woven (tumour-induced new) bone: bone profiles lying inside tumour, as opposed to the
 * pre-existing trabecular and cortical bone. A bone profile (8-connected component of the bone
 * mask) is woven when
 * <ol>
 * <li>it is small: its bounding box is at most {@code maxPx} pixels along each side (the
 * cortex and trabecular network are larger; a profile reaching a tile cut is larger than the
 * tile overlap, which exceeds {@code maxPx}, so the decision does not depend on the tiling);</li>
 * <li>it lies in tumour: of the non-bone pixels within {@code surroundPx} of it, at least
 * {@code surroundFraction} are tumour;</li>
 * <li>its matrix stains like woven bone: over its interior (pixels at least 2 pixels from its
 * edge, so that the neighbouring tissue does not leak in through the smoothing), the summed
 * haematoxylin over summed haematoxylin plus counterstain is at least {@code hemFraction}.
 * Woven bone is more cellular and basophilic than lamellar bone, so it takes up more
 * haematoxylin and less of the matrix counterstain. With {@code hemFraction} 0 this test is
 * skipped and pre-existing trabeculae engulfed by tumour are counted as woven too.</li>
 * </ol>
 */
public final class WovenBoneFinder {

	/** How far (pixels) outside the bone mask the half-contrast edge of a woven profile is looked for. */
	static final double EDGE_PX = 2;

	private WovenBoneFinder() {}

	/**
	 * The woven-bone mask of a tile.
	 *
	 * @param frame            tile geometry
	 * @param bone             bone mask (nonzero = bone)
	 * @param tumour           tumour mask
	 * @param hem              haematoxylin amount per pixel (any scale, e.g. box sums)
	 * @param counter          counterstain amount per pixel, same scale
	 * @param maxPx            largest bounding-box side of a woven profile, pixels
	 * @param surroundPx       width of the examined ring, pixels
	 * @param surroundFraction least tumour fraction of the ring
	 * @param hemFraction      least haematoxylin fraction of the matrix (0: no stain test)
	 * @return 1 on woven-bone pixels, else 0
	 */
	public static byte[] find(TileFrame frame, byte[] bone, byte[] tumour, int[] hem, int[] counter, int maxPx, double surroundPx,
		double surroundFraction, double hemFraction) {
		byte[] woven = new byte[frame.width() * frame.height()];
		new Search(frame, bone, tumour, hem, counter, 0, frame.width(), surroundPx, surroundFraction, hemFraction, woven).run(frame.label(bone), maxPx);
		return woven;
	}

	/**
	 * {@link #find(TileFrame, byte[], byte[], int[], int[], int, double, double, double)} into the
	 * first width * height elements of the arena's byte array under {@code key}, which may be
	 * longer, labelling under {@code key + ".labels"} (both valid
	 * until the arena's next use of those keys). The bone mask is the frame's own (its first
	 * width * height elements); tumour and stains are read in place from larger arrays whose
	 * element {@code base + y * stride + x} is the frame's pixel (x, y).
	 */
	static byte[] find(TileFrame frame, byte[] bone, byte[] tumour, int[] hem, int[] counter, int base, int stride, int maxPx, double surroundPx,
		double surroundFraction, double hemFraction, TileArena arena, String key) {
		byte[] woven = arena.zeroBytesAtLeast(key, frame.width() * frame.height());
		int[] labels = arena.intsAtLeast(key + ".labels", frame.width() * frame.height());
		int count = frame.label(bone, labels);
		new Search(frame, bone, tumour, hem, counter, base, stride, surroundPx, surroundFraction, hemFraction, woven).run(labels, count, maxPx);
		return woven;
	}

	/** One tile's search: the candidates, then each examined on its own (tumour and stains at base + y * stride + x). */
	private static final class Search {
		final TileFrame frame;
		final byte[] bone, tumour, woven;
		final int[] hem, counter;
		final int w, h, base, stride;
		final double surroundPx, surroundFraction, hemFraction;
		int[] lab;

		Search(TileFrame frame, byte[] bone, byte[] tumour, int[] hem, int[] counter, int base, int stride, double surroundPx, double surroundFraction,
			double hemFraction, byte[] woven) {
			this.frame = frame;
			this.base = base;
			this.stride = stride;
			this.bone = bone;
			this.tumour = tumour;
			this.hem = hem;
			this.counter = counter;
			this.surroundPx = surroundPx;
			this.surroundFraction = surroundFraction;
			this.hemFraction = hemFraction;
			this.woven = woven;
			w = frame.width();
			h = frame.height();
		}

		/** Marks the woven profiles among the labelled bone profiles. */
		void run(Labeling.Result lr, int maxPx) {
			run(TileFrame.labels(lr), lr.count(), maxPx);
		}

		/** Marks the woven profiles among the bone profiles labelled 1..count. */
		void run(int[] labels, int count, int maxPx) {
			lab = labels;
			int[][] box = frame.boxes(lab, count, bone);
			for (int k = 1; k <= count; k++) {
				int[] b = box[k];
				if (b[5] != 0 || b[6] == 0) continue; // reaches a cut (too large) or has nothing in the core
				if (b[2] - b[0] + 1 > maxPx || b[3] - b[1] + 1 > maxPx) continue;
				examine(k, b);
			}
		}

		/** Judges profile k (bounding box b) and marks it, with its blurred edge, if woven. */
		private void examine(int k, int[] b) {
			int pad = (int) Math.ceil(surroundPx) + 1;
			int x0 = Math.max(0, b[0] - pad), y0 = Math.max(0, b[1] - pad);
			int bw = Math.min(w, b[2] + pad + 1) - x0, bh = Math.min(h, b[3] + pad + 1) - y0;
			byte[] comp = new byte[bw * bh];
			for (int y = 0; y < bh; y++) for (int x = 0; x < bw; x++) if (lab[(y0 + y) * w + x0 + x] == k) comp[y * bw + x] = 1;
			Spacing unit = Spacing.isotropicMicrons(1000);
			ByteVolume cv = new ByteVolume(bw, bh, unit, new byte[][] { comp });
			float[] dOut = DistanceTransform.distances2d(cv, false, Parallel.of(1)).slice(0);
			float[] dIn = DistanceTransform.distances2d(cv, true, Parallel.of(1)).slice(0);
			long ring = 0, ringTumour = 0, inner = 0, outer = 0;
			double sumHem = 0, sumCounter = 0, outerCounter = 0;
			for (int y = 0; y < bh; y++) {
				for (int x = 0; x < bw; x++) {
					int j = y * bw + x, i = (y0 + y) * w + x0 + x, t = base + (y0 + y) * stride + x0 + x;
					if (comp[j] == 0) {
						if (bone[i] == 0 && dOut[j] <= surroundPx) {
							ring++;
							if (tumour[t] != 0) ringTumour++;
							if (dOut[j] >= 3) {
								outer++;
								outerCounter += counter[t];
							}
						}
					} else if (dIn[j] >= 2) {
						inner++;
						sumHem += hem[t];
						sumCounter += counter[t];
					}
				}
			}
			if (ring == 0 || ringTumour < surroundFraction * ring) return;
			if (hemFraction > 0) {
				double total = sumHem + sumCounter;
				if (!(total > 0) || sumHem < hemFraction * total) return;
			}
			// area at half the profile's own contrast: woven matrix takes up less counterstain than
			// lamellar bone, so the bone threshold cuts its blurred edge too far inside
			double half = inner > 0 && outer > 0 ? (sumCounter / inner + outerCounter / outer) / 2 : Double.NaN;
			for (int y = 0; y < bh; y++) {
				for (int x = 0; x < bw; x++) {
					int j = y * bw + x, i = (y0 + y) * w + x0 + x, t = base + (y0 + y) * stride + x0 + x;
					boolean in = comp[j] != 0 || (bone[i] == 0 && dOut[j] <= EDGE_PX && counter[t] > half);
					if (in) woven[i] = 1;
				}
			}
		}
	}
}
