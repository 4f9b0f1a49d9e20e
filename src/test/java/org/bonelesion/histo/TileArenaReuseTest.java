package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bonelesion.ops.Labeling;
import org.junit.jupiter.api.Test;

/**
 * The arena forms of the vicious-cycle steps give exactly what the allocating forms give, on a
 * first tile (fresh arrays) and on following tiles of the same size whose masks differ (the
 * arena's arrays then hold the previous tile's values, which must not leak into the result).
 * Masks: seeded random discs (bone profiles of radius 2-9 pixels) on a 150 x 110 tile.
 */
class TileArenaReuseTest {

	private static final int W = 150, H = 110;
	private static final TileFrame FRAME = new TileFrame(W, H, 20, 20, 130, 90, true, false, true, true);

	private static byte[] discs(Random rnd, int n) {
		return discs(rnd, n, W, H);
	}

	private static byte[] discs(Random rnd, int n, int w, int h) {
		byte[] m = new byte[w * h];
		for (int k = 0; k < n; k++) {
			int cx = rnd.nextInt(w), cy = rnd.nextInt(h), r = 2 + rnd.nextInt(8);
			for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
				for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m[y * w + x] = 1;
			}
		}
		return m;
	}

	/**
	 * Tiles of changing shape (as at the image's edges) share the arena's arrays that may be longer
	 * than a tile: the results are their first width * height elements, equal to the allocating forms'.
	 */
	@Test
	void tilesOfChangingShapeShareLongerArrays() {
		Random rnd = new Random(21);
		TileArena arena = new TileArena();
		int[][] shapes = { { 150, 110 }, { 90, 70 }, { 150, 60 }, { 40, 110 }, { 150, 110 } };
		for (int[] shape : shapes) {
			int w = shape[0], h = shape[1], n = w * h;
			String at = w + " x " + h;
			TileFrame frame = new TileFrame(w, h, 10, 10, w - 10, h - 10, true, true, false, true);
			byte[] bone = discs(rnd, w * h / 400, w, h), trap = new byte[n];
			int[] hem = new int[n], counter = new int[n];
			for (int i = 0; i < n; i++) {
				hem[i] = bone[i] != 0 ? 100 : rnd.nextInt(3) == 0 ? 400 + rnd.nextInt(200) : rnd.nextInt(300);
				counter[i] = bone[i] != 0 ? 50 : rnd.nextInt(80);
				trap[i] = (byte) (rnd.nextInt(20) == 0 ? 1 : 0);
			}
			byte[] tumour = new byte[n];
			for (int i = 0; i < n; i++) tumour[i] = (byte) (bone[i] == 0 && i % w < w / 2 ? 1 : 0);

			BoundedDistance a = new BoundedDistance(bone, w, h, 5), b = new BoundedDistance(bone, 0, w, w, h, 5, arena, "d");
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) assertEquals(a.squared(x, y), b.squared(x, y), at + " at " + x + "," + y);

			float[] lacunae = ErodedSurfaceFinder.lacunaDistance(frame, bone, 8, 1.5, 6);
			byte[] marks = ErodedSurfaceFinder.lacunaMarks(frame, bone, 0, w, 8, 1.5, 6, arena, "lacunae");
			for (int i = 0; i < n; i++) assertEquals(lacunae[i] == 0 ? 1 : 0, marks[i], at + " lacuna pixel " + i);

			byte[] woven = WovenBoneFinder.find(frame, bone, tumour, hem, counter, 20, 4, 0.5, 0.5);
			byte[] wovenArena = WovenBoneFinder.find(frame, bone, tumour, hem, counter, 0, w, 20, 4, 0.5, 0.5, arena, "woven");
			assertArrayEquals(woven, java.util.Arrays.copyOf(wovenArena, n), at);

			OsteoblastFinder.Criteria c = new OsteoblastFinder.Criteria(350, 250, 2, 200, 2, 5, 1, 3, 0.3);
			int bound = OsteoblastFinder.distanceBound(c);
			List<OsteoblastFinder.Osteoblast> obs = OsteoblastFinder.find(frame, bone, trap, hem, new BoundedDistance(bone, w, h, bound), c);
			assertEquals(obs, OsteoblastFinder.find(frame, bone, trap, hem, 0, w, new BoundedDistance(bone, 0, w, w, h, bound, arena, "d"), c, arena, "nuclei"), at);
			assertArrayEquals(OsteoblastFinder.surface(frame, obs, 5), java.util.Arrays.copyOf(OsteoblastFinder.surface(frame, obs, 5, arena, "surface"), n), at);
		}
	}

	@Test
	void labellingBoundedDistanceAndLacunaeEqualAllocatingForms() {
		Random rnd = new Random(5);
		TileArena arena = new TileArena();
		int[] discCounts = { 60, 15, 0, 40 };
		for (int tile = 0; tile < discCounts.length; tile++) {
			byte[] mask = discs(rnd, discCounts[tile]);
			String at = "tile " + tile;
			Labeling.Result fresh = FRAME.label(mask), reused = FRAME.label(mask, arena);
			assertEquals(fresh.count(), reused.count(), at);
			assertArrayEquals(TileFrame.labels(fresh), TileFrame.labels(reused), at);
			int[] longer = arena.intsAtLeast("longer", W * H + 11);
			assertEquals(fresh.count(), FRAME.label(mask, longer), at);
			assertArrayEquals(TileFrame.labels(fresh), java.util.Arrays.copyOf(longer, W * H), at + " (into a longer array)");
			// a second labelling under its own key leaves the first intact
			Labeling.Result other = FRAME.label(discs(new Random(tile), 30), arena, "other");
			assertTrue(other.count() > 0);
			assertArrayEquals(TileFrame.labels(fresh), TileFrame.labels(reused), at + " after another key's labelling");

			for (int bound : new int[] { 3, 40 }) {
				BoundedDistance a = new BoundedDistance(mask, W, H, bound), b = new BoundedDistance(mask, 0, W, W, H, bound, arena, "d");
				assertEquals(a.empty(), b.empty(), at);
				for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) assertEquals(a.squared(x, y), b.squared(x, y), at + " bound " + bound + " at " + x + "," + y);
			}

			float[] lacunae = ErodedSurfaceFinder.lacunaDistance(FRAME, mask, 8, 1.5, 6);
			byte[] marks = ErodedSurfaceFinder.lacunaMarks(FRAME, mask, 0, W, 8, 1.5, 6, arena, "lacunae");
			int marked = 0;
			for (int i = 0; i < marks.length; i++) {
				assertEquals(lacunae[i] == 0 ? 1 : 0, marks[i], at + " pixel " + i);
				marked += marks[i];
			}
			if (tile == 0) assertTrue(marked > 0, "overlapping discs make bays: " + marked);
		}
	}

	@Test
	void wovenBoneAndOsteoblastsEqualAllocatingForms() {
		Random rnd = new Random(9);
		TileArena arena = new TileArena();
		int osteoblasts = 0;
		for (int tile = 0; tile < 3; tile++) {
			String at = "tile " + tile;
			byte[] bone = discs(rnd, 25 + 10 * tile);
			byte[] tumour = new byte[W * H], trap = new byte[W * H];
			int[] hem = new int[W * H], counter = new int[W * H];
			int split = 40 + 30 * tile; // tumour left of this column
			for (int i = 0; i < bone.length; i++) {
				int x = i % W;
				tumour[i] = (byte) (bone[i] == 0 && x < split ? 1 : 0);
				hem[i] = bone[i] != 0 ? 100 : rnd.nextInt(3) == 0 ? 400 + rnd.nextInt(200) : rnd.nextInt(300);
				counter[i] = bone[i] != 0 ? 50 : rnd.nextInt(80);
				trap[i] = (byte) (rnd.nextInt(20) == 0 ? 1 : 0);
			}
			byte[] woven = WovenBoneFinder.find(FRAME, bone, tumour, hem, counter, 20, 4, 0.5, 0.5);
			byte[] wovenArena = WovenBoneFinder.find(FRAME, bone, tumour, hem, counter, 0, W, 20, 4, 0.5, 0.5, arena, "woven");
			assertArrayEquals(woven, java.util.Arrays.copyOf(wovenArena, W * H), at);
			int wovenPx = 0;
			for (byte b : woven) wovenPx += b;
			if (tile == 2) assertTrue(wovenPx > 0, "small discs in tumour are woven: " + wovenPx);

			OsteoblastFinder.Criteria c = new OsteoblastFinder.Criteria(350, 250, 2, 200, 2, 5, 1, 3, 0.3);
			int bound = OsteoblastFinder.distanceBound(c);
			List<OsteoblastFinder.Osteoblast> obs = OsteoblastFinder.find(FRAME, bone, trap, hem, new BoundedDistance(bone, W, H, bound), c);
			List<OsteoblastFinder.Osteoblast> obsArena = OsteoblastFinder.find(FRAME, bone, trap, hem, 0, W,
				new BoundedDistance(bone, 0, W, W, H, bound, arena, "d"), c, arena, "nuclei");
			assertEquals(obs, obsArena, at);
			osteoblasts += obs.size();
			assertArrayEquals(OsteoblastFinder.surface(FRAME, obs, 5), java.util.Arrays.copyOf(OsteoblastFinder.surface(FRAME, obsArena, 5, arena, "surface"), W * H), at);
		}
		assertTrue(osteoblasts > 0, "dense nuclei by the discs are osteoblasts: " + osteoblasts);
	}

	/** Element (x, y) of a W x H array placed at (7, 5) in a (W + 13) x (H + 9) array whose other elements are {@code fill}. */
	private static final int STRIDE = W + 13, BASE = 5 * STRIDE + 7;

	private static byte[] embed(byte[] a, byte fill) {
		byte[] big = new byte[STRIDE * (H + 9)];
		java.util.Arrays.fill(big, fill);
		for (int y = 0; y < H; y++) System.arraycopy(a, y * W, big, BASE + y * STRIDE, W);
		return big;
	}

	private static int[] embed(int[] a, int fill) {
		int[] big = new int[STRIDE * (H + 9)];
		java.util.Arrays.fill(big, fill);
		for (int y = 0; y < H; y++) System.arraycopy(a, y * W, big, BASE + y * STRIDE, W);
		return big;
	}

	/** Reading a rectangle of larger arrays in place gives what a copy of it gives (the surrounding elements, all "on", must not be read). */
	@Test
	void inPlaceRectangleEqualsCopy() {
		Random rnd = new Random(13);
		TileArena arena = new TileArena();
		for (int tile = 0; tile < 2; tile++) {
			String at = "tile " + tile;
			byte[] bone = discs(rnd, 40), tumour = new byte[W * H], trap = new byte[W * H];
			int[] hem = new int[W * H], counter = new int[W * H];
			for (int i = 0; i < bone.length; i++) {
				tumour[i] = (byte) (bone[i] == 0 && i % W < 80 ? 1 : 0);
				hem[i] = bone[i] != 0 ? 100 : rnd.nextInt(3) == 0 ? 400 + rnd.nextInt(200) : rnd.nextInt(300);
				counter[i] = bone[i] != 0 ? 50 : rnd.nextInt(80);
				trap[i] = (byte) (rnd.nextInt(20) == 0 ? 1 : 0);
			}
			byte[] bigBone = embed(bone, (byte) 1), bigTumour = embed(tumour, (byte) 1), bigTrap = embed(trap, (byte) 1);
			int[] bigHem = embed(hem, 1000), bigCounter = embed(counter, 1000);

			BoundedDistance copy = new BoundedDistance(bone, W, H, 6), inPlace = new BoundedDistance(bigBone, BASE, STRIDE, W, H, 6, arena, "d");
			for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) assertEquals(copy.squared(x, y), inPlace.squared(x, y), at + " at " + x + "," + y);

			float[] lacunae = ErodedSurfaceFinder.lacunaDistance(FRAME, bone, 8, 1.5, 6);
			byte[] marks = ErodedSurfaceFinder.lacunaMarks(FRAME, bigBone, BASE, STRIDE, 8, 1.5, 6, arena, "lacunae");
			for (int i = 0; i < marks.length; i++) assertEquals(lacunae[i] == 0 ? 1 : 0, marks[i], at + " pixel " + i);

			assertArrayEquals(WovenBoneFinder.find(FRAME, bone, tumour, hem, counter, 20, 4, 0.5, 0.5),
				java.util.Arrays.copyOf(WovenBoneFinder.find(FRAME, bone, bigTumour, bigHem, bigCounter, BASE, STRIDE, 20, 4, 0.5, 0.5, arena, "woven"), W * H), at);

			OsteoblastFinder.Criteria c = new OsteoblastFinder.Criteria(350, 250, 2, 200, 2, 5, 1, 3, 0.3);
			int bound = OsteoblastFinder.distanceBound(c);
			List<OsteoblastFinder.Osteoblast> obs = OsteoblastFinder.find(FRAME, bone, trap, hem, new BoundedDistance(bone, W, H, bound), c);
			assertTrue(!obs.isEmpty(), "osteoblasts found");
			assertEquals(obs, OsteoblastFinder.find(FRAME, bigBone, bigTrap, bigHem, BASE, STRIDE, new BoundedDistance(bigBone, BASE, STRIDE, W, H, bound, arena,
				"d"), c, arena, "nuclei"), at);
		}
	}
}
