package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.bonelesion.ops.Labeling;
import org.junit.jupiter.api.Test;

/**
 * {@link TileFrame#boxes} (by runs, with and without the mask) against a pixel-by-pixel reference on seeded random masks (exact integers);
 * {@link TileFrame#boxOnCut} of each component's box against its pixels' {@link TileFrame#onCut}.
 */
class TileFrameBoxesTest {

	@Test
	void boxesMatchPixelByPixelStatistics() {
		Random rnd = new Random(17);
		for (int trial = 0; trial < 60; trial++) {
			int w = 1 + rnd.nextInt(90), h = 1 + rnd.nextInt(40);
			int cx0 = rnd.nextInt(w), cy0 = rnd.nextInt(h), cx1 = cx0 + 1 + rnd.nextInt(w - cx0), cy1 = cy0 + 1 + rnd.nextInt(h - cy0);
			TileFrame f = new TileFrame(w, h, cx0, cy0, cx1, cy1, rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean());
			double p = rnd.nextDouble();
			byte[] mask = new byte[w * h];
			for (int i = 0; i < mask.length; i++) mask[i] = rnd.nextDouble() < p ? (byte) 1 : 0;
			Labeling.Result lr = f.label(mask);
			int[] labels = TileFrame.labels(lr);
			int count = lr.count();
			int[][] expected = new int[count + 1][];
			for (int k = 1; k <= count; k++) expected[k] = new int[] { w, h, -1, -1, 0, 0, 0 };
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				int k = labels[y * w + x];
				if (k == 0) continue;
				int[] s = expected[k];
				s[0] = Math.min(s[0], x);
				s[1] = Math.min(s[1], y);
				s[2] = Math.max(s[2], x);
				s[3] = Math.max(s[3], y);
				s[4]++;
				if (f.onCut(x, y)) s[5] = 1;
				if (f.inCore(x, y)) s[6] = 1;
			}
			int[][] plain = f.boxes(labels, count), masked = f.boxes(labels, count, mask);
			for (int k = 1; k <= count; k++) {
				assertArrayEquals(expected[k], plain[k], "trial " + trial + " label " + k);
				assertArrayEquals(expected[k], masked[k], "trial " + trial + " label " + k + " (masked)");
				int[] e = expected[k];
				// a component's bounding box is on a cut exactly when one of its pixels is
				assertEquals(e[5] != 0, f.boxOnCut(e[0], e[1], e[2], e[3]), "trial " + trial + " label " + k + " (box on cut)");
			}
		}
	}
}
