package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.FillHoles;

/**
 * Segments a TRAP-stained section (or culture well) tile by tile and counts osteoclasts
 * (or TRAP+ multinucleated cells).
 *
 * <p>Per pixel: stain amounts from integer lookup tables ({@link TrapStains}), smoothed by a
 * box of half-width {@code smoothUm}; tissue = mean OD above {@code tissueOd}, closed by a
 * box of half-width {@code tissueCloseUm}, plus bone; bone = counterstain above
 * {@code boneOd}; nuclei = haematoxylin above {@code nucleusOd}; tumour: {@link TumourDetector}
 * (or the user's mask).
 * TRAP+ profiles are 8-connected components of TRAP above {@code trapOd}, holes filled;
 * smaller than {@code minCellAreaUm2}: debris. Nuclei inside a profile (unsmoothed
 * haematoxylin above {@code nucleusOd}, so that smoothing does not fuse them) are counted with
 * {@link NucleusCounter}. Osteoclast: at least {@code minNuclei} nuclei and at most
 * {@code contactUm} from bone. Bone perimeter: {@link ContourLength} on the smoothed
 * counterstain at the bone threshold; covered perimeter: the cells of that contour within
 * that have an osteoclast pixel as a corner.
 *
 * <p>Tiling: the image is cut into tiles of {@code tileSize} pixels, each analysed with a
 * margin wider than every neighbourhood used (box supports, closing, opening, the largest
 * cell plus the contact distance). Sums are integers, pixel counts and contour cells belong
 * to the tile whose core holds them, and a cell belongs to the tile holding its first
 * pixel, so the results do not depend on the tile size or the number of threads. Tiles run
 * in parallel, each on one thread; memory is about 45 bytes per pixel of a padded tile per
 * thread, plus the overlay (downscaled for images over 25 megapixels).
 */
public final class TrapAnalyser {

	/** Largest overlay, in pixels; bigger images get a downscaled overlay. */
	public static final long MAX_OVERLAY_PIXELS = 25_000_000L;

	/** Overlay colours. */
	public static final int BONE = 0x0050ff, TUMOUR = 0xff8c00, OSTEOCLAST = 0x00c000, NUCLEUS = 0xff0000, REJECTED = 0x202020;

	private final HistoSettings s;
	private final TrapStains stains;
	private final double pixelUm;
	private final Parallel parallel;
	private final CycleSettings cycle; // vicious-cycle measurements (tissue mode), see CycleTile

	/** An analyser with the default vicious-cycle settings (tissue mode). */
	public TrapAnalyser(HistoSettings settings, TrapStains stains, double pixelUm, Parallel parallel) {
		this(settings, settings.culture() ? null : CycleSettings.defaults(), stains, pixelUm, parallel);
	}

	/** @param cycle vicious-cycle settings (woven bone, osteoblasts, erosion, interface); null: not measured (culture) */
	public TrapAnalyser(HistoSettings settings, CycleSettings cycle, TrapStains stains, double pixelUm, Parallel parallel) {
		this.s = settings;
		this.cycle = settings.culture() ? null : cycle;
		this.stains = stains;
		this.pixelUm = pixelUm;
		this.parallel = parallel;
	}

	private int px(double um) {
		return (int) Math.round(um / pixelUm);
	}

	/** Tile overlap in pixels for these settings. */
	public int margin() {
		int rs = px(s.smoothUm());
		int rc = px(s.tissueCloseUm());
		int cells = (int) Math.ceil((s.maxCellUm() + s.contactUm()) / pixelUm) + rs + 4;
		int tissue = rs + 2 * rc + 2;
		int tumour = s.culture() ? 0 : tissue + new TumourDetector(TumourDetector.Parameters.of(s), pixelUm).reachPixels();
		int m = Math.max(cells, Math.max(tissue, tumour));
		return cycle == null ? m : Math.max(m, cycle.margin(pixelUm, tumour));
	}

	/**
	 * Analyses the image.
	 *
	 * @param src        the pixels
	 * @param tumourMask the user's tumour mask (image-sized, nonzero = tumour) or null
	 */
	public TrapResult analyse(RgbSource src, ByteVolume tumourMask, Progress progress) {
		int w = src.width(), h = src.height();
		int scale = (int) Math.max(1, Math.ceil(Math.sqrt((double) w * h / MAX_OVERLAY_PIXELS)));
		int tile = Math.max(scale, s.tileSize() / scale * scale);
		int ow = (w + scale - 1) / scale, oh = (h + scale - 1) / scale;
		RgbImage overlay = new RgbImage(ow, oh, null);
		int tx = (w + tile - 1) / tile, ty = (h + tile - 1) / tile;
		int nTiles = tx * ty;
		int margin = margin();
		Tile[] done = new Tile[nTiles];
		AtomicInteger finished = new AtomicInteger();
		// working arrays, reused from tile to tile (one set per thread at a time), freed with this call
		java.util.concurrent.ConcurrentLinkedQueue<TileArena> arenas = new java.util.concurrent.ConcurrentLinkedQueue<>();
		parallel.forRange(0, nTiles, t -> {
			progress.checkCancelled();
			int x0 = (t % tx) * tile, y0 = (t / tx) * tile;
			TileArena arena = arenas.poll();
			if (arena == null) arena = new TileArena();
			done[t] = new Tile(src, tumourMask, x0, y0, Math.min(tile, w - x0), Math.min(tile, h - y0), margin, overlay, scale, arena);
			arenas.add(arena);
			progress.report("tiles", finished.incrementAndGet() / (double) nTiles);
		});
		long tissue = 0, bone = 0, tumour = 0, trap = 0;
		double bpm = 0, ocpm = 0;
		int rejected = 0;
		List<TrapCell> cells = new ArrayList<>();
		ViciousCycleMeasures cyc = cycle == null ? null : ViciousCycleMeasures.NONE;
		for (Tile t : done) {
			if (cyc != null) cyc = cyc.plus(t.cycleMeasures);
			tissue += t.tissue;
			bone += t.bone;
			tumour += t.tumour;
			bpm += t.bonePerimeter;
			ocpm += t.ocPerimeter;
			rejected += t.rejected;
			cells.addAll(t.cells);
		}
		cells.sort(Comparator.comparingInt(TrapCell::anchorY).thenComparingInt(TrapCell::anchorX));
		for (TrapCell c : cells) trap += c.areaPixels();
		return new TrapResult(tissue, bone, tumour, trap, bpm, ocpm, cells, rejected, overlay, scale, margin, nTiles, cyc);
	}

	/** One tile's analysis; the constructor does the work. */
	private final class Tile {
		long tissue, bone, tumour;
		double bonePerimeter, ocPerimeter;
		int rejected;
		final List<TrapCell> cells = new ArrayList<>();
		CycleTile cyc; // vicious-cycle measurements, null in culture
		ViciousCycleMeasures cycleMeasures;

		// padded tile geometry
		final int px0, py0, pw, ph;
		// core in padded coordinates
		final int cx0, cy0, cx1, cy1;
		final int area; // box area of the smoothing window
		int[] hemS, hemRaw, ctrS, odRaw;
		byte[] boneMask;

		Tile(RgbSource src, ByteVolume tumourMask, int x0, int y0, int cw, int ch, int margin, RgbImage overlay, int scale, TileArena sc) {
			int w = src.width(), h = src.height();
			px0 = Math.max(0, x0 - margin);
			py0 = Math.max(0, y0 - margin);
			int px1 = Math.min(w, x0 + cw + margin), py1 = Math.min(h, y0 + ch + margin);
			pw = px1 - px0;
			ph = py1 - py0;
			cx0 = x0 - px0;
			cy0 = y0 - py0;
			cx1 = cx0 + cw;
			cy1 = cy0 + ch;
			int n = pw * ph;
			// the pixels: the image's own array where it is held in memory (no copy), else the region read
			int[] whole = src.inMemoryPixels();
			int[] rgb = whole != null ? whole : src.region(px0, py0, pw, ph).pixels();
			int rgbStride = whole != null ? w : pw, rgbBase = whole != null ? py0 * w + px0 : 0;

			// stain amounts (milli-OD), smoothed, and the bone, TRAP and tissue thresholds in one pass
			int rs = px(s.smoothUm());
			area = (2 * rs + 1) * (2 * rs + 1);
			hemS = sc.ints("trap.hemSmooth", n);
			ctrS = sc.ints("trap.counterSmooth", n);
			hemRaw = sc.ints("trap.hemRaw", n);
			odRaw = s.culture() && s.paleNucleusOd() > 0 ? sc.ints("trap.odRaw", n) : null;
			byte[] tissueMask = sc.bytes("trap.tissue", n);
			boneMask = sc.bytes("trap.bone", n);
			byte[] tumourMaskTile = sc.zeroBytes("trap.tumour", n);
			byte[] bin = sc.bytes("trap.tissueRaw", n), btmp = sc.bytes("trap.tmp", n);
			byte[] trapMask = sc.bytes("trap.trap", n);
			TumourDetector detector = s.culture() || tumourMask != null ? null : new TumourDetector(TumourDetector.Parameters.of(s), pixelUm);
			byte[] nuclear = detector == null ? null : sc.bytes("trap.nuclear", n);
			smoothAndThreshold(rgb, rgbBase, rgbStride, n, rs, trapMask, bin, nuclear, detector == null ? Long.MAX_VALUE : detector.nucleusLevel(area));
			BoxMorphology.close(bin, pw, ph, px(s.tissueCloseUm()), btmp);
			for (int i = 0; i < n; i++) tissueMask[i] = (byte) (bin[i] | boneMask[i]);
			long nucLevel = Math.round(s.nucleusOd() * TrapStains.SCALE * area);
			if (!s.culture()) {
				if (tumourMask != null) {
					byte[] tm = tumourMask.slice(0);
					for (int y = 0; y < ph; y++) for (int x = 0; x < pw; x++) {
						int i = y * pw + x;
						tumourMaskTile[i] = tm[(py0 + y) * w + px0 + x] != 0 && tissueMask[i] != 0 && boneMask[i] == 0 ? (byte) 1 : 0;
					}
				} else {
					tumourMaskTile = detector.detect(new TileFrame(pw, ph, cx0, cy0, cx1, cy1, px0 > 0, py0 > 0, px1 < w, py1 < h), px0, py0, tissueMask, boneMask, nuclear, btmp, sc);
				}
			}
			// core counts and perimeter
			double boneLevelD = s.boneOd() * TrapStains.SCALE * area;
			long boneFloor = (long) Math.floor(boneLevelD);
			for (int y = cy0; y < cy1; y++) {
				for (int x = cx0; x < cx1; x++) {
					int i = y * pw + x;
					tissue += tissueMask[i];
					bone += boneMask[i];
					tumour += tumourMaskTile[i];
				}
			}
			byte[] ocNear = s.culture() ? null : sc.zeroBytes("trap.ocCovered", n);
			// TRAP+ profiles
			if (cycle != null) {
				TileFrame frame = new TileFrame(pw, ph, cx0, cy0, cx1, cy1, px0 > 0, py0 > 0, px1 < w, py1 < h);
				cyc = new CycleTile(cycle, pixelUm, s.nucleusRadiusUm(), frame, boneMask, tumourMaskTile, trapMask, hemRaw, hemS, ctrS, sc);
			}
			List<int[]> outlines = new ArrayList<>(); // {tile index, colour}
			findCells(trapMask, nucLevel, ocNear, outlines);

			if (!s.culture()) {
				int[] contourCells = new int[1024];
				double[] contourLengths = new double[1024];
				int contourCount = 0;
				// the bone mask is the inside of the contour when its rounded level is the contour's (ints: v > level iff v > floor(level))
				boolean maskIsInside = Math.round(boneLevelD) == boneFloor;
				for (int y = cy0; y < Math.min(cy1, ph - 1); y++) {
					for (int x = cx0; x < Math.min(cx1, pw - 1); x++) {
						int i = y * pw + x;
						if (maskIsInside && ((x - cx0) & 63) == 0 && x + 64 <= Math.min(cx1, pw - 1) && uniform(boneMask, y, x, x + 64)) {
							x += 63; // 64 cells with all corners on one side
							continue;
						}
						if (maskIsInside) {
							byte b = boneMask[i];
							if (b == boneMask[i + 1] && b == boneMask[i + pw] && b == boneMask[i + pw + 1]) continue;
						}
						// the contour crosses this cell only if its corners are not all on one side
						boolean c00 = ctrS[i] > boneFloor, c10 = ctrS[i + 1] > boneFloor, c01 = ctrS[i + pw] > boneFloor, c11 = ctrS[i + pw + 1] > boneFloor;
						if (c00 == c10 && c00 == c01 && c00 == c11) continue;
						double len = ContourLength.cell(ctrS, pw, x, y, boneLevelD);
						if (len == 0) continue;
						bonePerimeter += len;
						if (ocNear[i] != 0) ocPerimeter += len;
						if (contourCount == contourCells.length) {
							contourCells = java.util.Arrays.copyOf(contourCells, 2 * contourCount);
							contourLengths = java.util.Arrays.copyOf(contourLengths, 2 * contourCount);
						}
						contourCells[contourCount] = i;
						contourLengths[contourCount++] = len;
					}
				}
				if (cyc != null) cycleMeasures = cyc.measure(contourCells, contourLengths, contourCount, ocNear);
			}
			// overlay: base image, then bone and tumour outlines, then cells
			int ow = overlay.width();
			int[] op = overlay.pixels();
			int[] overlayColumn = new int[cx1]; // overlay column of each tile column, -1 where the base image is not sampled
			int[] overlayColumnAny = new int[cx1];
			for (int x = cx0; x < cx1; x++) {
				overlayColumnAny[x] = (px0 + x) / scale;
				overlayColumn[x] = (px0 + x) % scale == 0 ? overlayColumnAny[x] : -1;
			}
			for (int y = cy0; y < cy1; y++) {
				int gy = py0 + y;
				int orow = (gy / scale) * ow;
				boolean baseRow = gy % scale == 0;
				int off = y * pw, rgbOff = rgbBase + y * rgbStride;
				for (int x = cx0; x < cx1; x++) {
					int i = off + x;
					if (((x - cx0) & 63) == 0 && x + 64 <= cx1 && uniform(tumourMaskTile, y, x, x + 64) && uniform(boneMask, y, x, x + 64)) {
						// 64 pixels inside or outside both masks, with their neighbours: no outline, only the base image where sampled
						if (baseRow) for (int k = x; k < x + 64; k++) if (overlayColumn[k] >= 0) op[orow + overlayColumn[k]] = rgb[rgbOff + k] & 0xffffff;
						x += 63;
						continue;
					}
					byte t = tumourMaskTile[i], b = boneMask[i];
					if ((t | b) == 0) {
						// the common case: off both masks, only the base image (where sampled)
						if (baseRow && overlayColumn[x] >= 0) op[orow + overlayColumn[x]] = rgb[rgbOff + x] & 0xffffff;
						continue;
					}
					int colour = -1;
					if (t != 0 && edge(tumourMaskTile, i, x, y)) colour = TUMOUR;
					if (b != 0 && edge(boneMask, i, x, y)) colour = BONE;
					if (colour >= 0) op[orow + overlayColumnAny[x]] = colour;
					else if (baseRow && overlayColumn[x] >= 0) op[orow + overlayColumn[x]] = rgb[rgbOff + x] & 0xffffff;
				}
			}
			for (int[] o : outlines) {
				int i = o[0];
				int x = i % pw, y = i / pw;
				if (x < cx0 || x >= cx1 || y < cy0 || y >= cy1) continue;
				op[((py0 + y) / scale) * ow + (px0 + x) / scale] = o[1];
			}
			if (cyc != null) cyc.draw(op, ow, scale, px0, py0);
			// the tile object outlives its work (its sums are merged later): drop the arrays
			hemS = hemRaw = ctrS = odRaw = null;
			boneMask = null;
			cyc = null;
		}

		/**
		 * Stain amounts (milli-OD) a row at a time, box-smoothed by running sums along the row and
		 * then down the columns (rows clamped at the tile's edges) in one streaming pass: for each
		 * finished row the smoothed haematoxylin and counterstain are stored, and the bone, TRAP,
		 * raw tissue and (for the tumour detection) nuclear masks thresholded at once (the smoothed TRAP and mean OD are never stored).
		 * Raw haematoxylin (and, in culture, raw mean OD) are kept for the nuclei.
		 */
		private void smoothAndThreshold(int[] rgb, int rgbBase, int rgbStride, int n, int rs, byte[] trapMask, byte[] tissueRaw, byte[] nuclear, long nuclearLevel) {
			long boneLevel = s.culture() ? Long.MAX_VALUE : Math.round(s.boneOd() * TrapStains.SCALE * area);
			long tissueLevel = Math.round(s.tissueOd() * TrapStains.SCALE * area);
			long trapLevel = Math.round(stains.trapOd(s) * TrapStains.SCALE * area);
			int slots = 2 * rs + 2; // horizontal sums of rows y - rs - 1 .. y + rs
			int[][] hT = new int[slots][pw], hH = new int[slots][pw], hC = new int[slots][pw], hM = new int[slots][pw];
			int[] aT = new int[pw], aH = new int[pw], aC = new int[pw], aM = new int[pw];
			int[] rowT = new int[pw], rowH = new int[pw], rowC = new int[pw], rowM = new int[pw];
			// packed lookup tables: one long per channel and intensity holds three biased amounts
			long[] p1R = stains.packed(0, 0), p1G = stains.packed(0, 1), p1B = stains.packed(0, 2);
			long[] p2R = stains.packed(1, 0), p2G = stains.packed(1, 1), p2B = stains.packed(1, 2);
			boolean counter = stains.counterstained();
			final long mask = TrapStains.PACK_MASK, bias3 = 3L * TrapStains.PACK_BIAS;
			int computed = -1; // last row whose horizontal sums are in the ring
			for (int y = 0; y < ph; y++) {
				// make sure rows up to y + rs (clamped) have their horizontal sums
				int need = Math.min(ph - 1, y + rs);
				while (computed < need) {
					int ry = ++computed;
					int off = ry * pw, rgbOff = rgbBase + ry * rgbStride;
					for (int x = 0; x < pw; x++) {
						int p = rgb[rgbOff + x];
						int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
						long sum = p1R[r] + p1G[g] + p1B[b];
						int t = (int) (((sum >>> 42) & mask) - bias3);
						int hm = (int) (((sum >>> 21) & mask) - bias3);
						int m = (int) ((sum & mask) - bias3);
						// not in the TRAP-haematoxylin cone: try the haematoxylin-counterstain cone
						// (computed for every pixel and selected without a branch: near glass the test is a coin toss)
						long sum2 = p2R[r] + p2G[g] + p2B[b];
						int h2 = (int) (((sum2 >>> 42) & mask) - bias3);
						int c2 = (int) (((sum2 >>> 21) & mask) - bias3);
						boolean other = counter & (t < 0 | hm < 0) & c2 > 0 & (h2 >= 0 | t <= 0);
						t = other ? 0 : t;
						hm = other ? Math.max(0, h2) : hm;
						int c = other ? c2 : 0;
						int tp = Math.max(0, t), hp = Math.max(0, hm);
						rowT[x] = tp;
						rowH[x] = hp;
						rowM[x] = m;
						// without a counterstain, matrix = optical density that neither TRAP nor haematoxylin explains
						rowC[x] = counter ? c : 3 * m - tp - hp;
					}
					System.arraycopy(rowH, 0, hemRaw, off, pw);
					if (odRaw != null) System.arraycopy(rowM, 0, odRaw, off, pw);
					int slot = ry % slots;
					if (rs == 1) {
						box3(rowT, hT[slot]);
						box3(rowH, hH[slot]);
						box3(rowC, hC[slot]);
						box3(rowM, hM[slot]);
					} else if (rs > 0) {
						BoxSums.horizontal(rowT, 0, pw, rs, hT[slot], 0);
						BoxSums.horizontal(rowH, 0, pw, rs, hH[slot], 0);
						BoxSums.horizontal(rowC, 0, pw, rs, hC[slot], 0);
						BoxSums.horizontal(rowM, 0, pw, rs, hM[slot], 0);
					} else {
						System.arraycopy(rowT, 0, hT[slot], 0, pw);
						System.arraycopy(rowH, 0, hH[slot], 0, pw);
						System.arraycopy(rowC, 0, hC[slot], 0, pw);
						System.arraycopy(rowM, 0, hM[slot], 0, pw);
					}
				}
				if (y == 0) {
					// window rows -rs .. rs, clamped: row 0 counts rs + 1 times
					for (int k = -rs; k <= rs; k++) {
						int slot = Math.min(ph - 1, Math.max(0, k)) % slots;
						int[] t = hT[slot], hh = hH[slot], c = hC[slot], m = hM[slot];
						for (int x = 0; x < pw; x++) {
							aT[x] += t[x];
							aH[x] += hh[x];
							aC[x] += c[x];
							aM[x] += m[x];
						}
					}
				} else {
					// row y - rs - 1 leaves the window, row y + rs enters (both clamped)
					int outSlot = Math.max(0, y - rs - 1) % slots, inSlot = Math.min(ph - 1, y + rs) % slots;
					int[] oT = hT[outSlot], oH = hH[outSlot], oC = hC[outSlot], oM = hM[outSlot];
					int[] iT = hT[inSlot], iH = hH[inSlot], iC = hC[inSlot], iM = hM[inSlot];
					// one channel per loop: three arrays a loop vectorise where twelve did not (about 4x faster)
					slide(aT, iT, oT);
					slide(aH, iH, oH);
					slide(aC, iC, oC);
					slide(aM, iM, oM);
				}
				int off = y * pw;
				System.arraycopy(aH, 0, hemS, off, pw);
				System.arraycopy(aC, 0, ctrS, off, pw);
				above(aC, boneLevel, boneMask, off);
				above(aT, trapLevel, trapMask, off);
				above(aM, tissueLevel, tissueRaw, off);
				if (nuclear != null) above(aH, nuclearLevel, nuclear, off);
			}
		}

		/**
		 * mask[off + x] = 1 where sums[x] > level, else 0, over the tile's width. The level is
		 * clamped to the int range first (the same test for int sums), so that the loop compares
		 * ints and vectorises (an int against a long did not: a fifth of the whole analysis).
		 */
		private void above(int[] sums, long level, byte[] mask, int off) {
			int l = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, level));
			for (int x = 0; x < pw; x++) mask[off + x] = sums[x] > l ? (byte) 1 : 0;
		}

		/** acc += in - out over the tile's width (one row entering and one leaving a running column sum). */
		private void slide(int[] acc, int[] in, int[] out) {
			for (int x = 0; x < pw; x++) acc[x] += in[x] - out[x];
		}

		/** Sums over windows of 3 along a row of the tile's width, clamped at its ends (a loop without a carried sum, so that it vectorises). */
		private void box3(int[] in, int[] out) {
			int last = pw - 1;
			if (last == 0) {
				out[0] = 3 * in[0];
				return;
			}
			out[0] = 2 * in[0] + in[1];
			for (int x = 1; x < last; x++) out[x] = in[x - 1] + in[x] + in[x + 1];
			out[last] = in[last - 1] + 2 * in[last];
		}

		/** True if pixels [x0, x1) of row y and the pixels around them in the tile are all in the mask or all out of it. */
		private boolean uniform(byte[] m, int y, int x0, int x1) {
			return ByteRuns.uniform(m, pw, ph, y, x0, x1);
		}

		/** True if pixel i is in the mask and a 4-neighbour inside the tile is not. */
		private boolean edge(byte[] m, int i, int x, int y) {
			if (m[i] == 0) return false;
			return (x > 0 && m[i - 1] == 0) || (x + 1 < pw && m[i + 1] == 0) || (y > 0 && m[i - pw] == 0) || (y + 1 < ph && m[i + pw] == 0);
		}

		/**
		 * The dark (haematoxylin) nuclei of a cell that lie inside it (not at its border), plus its pale nuclei ({@link PaleNuclei}) that
		 * lie farther than a dark nucleus's radius plus the nucleus radius from every dark one.
		 */
		private List<NucleusCounter.Nucleus> addPaleNuclei(List<NucleusCounter.Nucleus> dark, ByteVolume filled, byte[] darkMask, int bx0, int by0, int bw, int bh) {
			double r = s.nucleusRadiusUm() / pixelUm;
			float[] inside = DistanceTransform.distances2d(filled, true, Parallel.of(1)).slice(0);
			List<int[]> pale = PaleNuclei.find(odRaw, pw, bx0, by0, bw, bh, filled.slice(0), darkMask, inside, r, s.paleNucleusOd() * TrapStains.SCALE);
			List<NucleusCounter.Nucleus> all = new ArrayList<>();
			// a dark "nucleus" whose centre lies within its own radius (+ 2 px) of the cell's border
			// is a whole dark mononuclear cell stuck to the outside, not a nucleus within
			for (NucleusCounter.Nucleus d : dark) if (inside[d.y() * bw + d.x()] >= d.radius() + 2) all.add(d);
			for (int[] c : pale) {
				boolean near = false;
				for (NucleusCounter.Nucleus d : dark) if (Math.hypot(c[0] - d.x(), c[1] - d.y()) < d.radius() + r) near = true;
				if (!near) all.add(new NucleusCounter.Nucleus(c[0], c[1], r));
			}
			return all;
		}

		/** Finds TRAP+ profiles, counts their nuclei, decides which are counted cells. */
		private void findCells(byte[] trapMask, long nucLevel, byte[] ocNear, List<int[]> outlines) {
			int n = pw * ph;
			int[] stack = new int[1024];
			int minArea = (int) Math.ceil(s.minCellAreaUm2() / (pixelUm * pixelUm));
			double contactPx = s.contactUm() / pixelUm;
			int e = (int) Math.ceil(contactPx) + 3;
			long nucleusRaw = Math.round(s.nucleusOd() * TrapStains.SCALE);
			NucleusCounter counter = new NucleusCounter(s.nucleusRadiusUm() / pixelUm);
			Spacing unit = Spacing.isotropicMicrons(1000); // distances in pixels
			for (int start = 0; start < n; start++) {
				start = ByteRuns.nextOdd(trapMask, start, n); // skips unmarked (0) and visited (2) pixels 8 at a time
				if (start >= n) break;
				if (trapMask[start] != 1) continue;
				// flood fill (8-connected), marking visited pixels 2
				int[] comp = new int[256];
				int size = 0, sp = 0;
				stack[sp++] = start;
				trapMask[start] = 2;
				int minX = pw, maxX = -1, minY = ph, maxY = -1;
				while (sp > 0) {
					int i = stack[--sp];
					if (size == comp.length) comp = java.util.Arrays.copyOf(comp, size * 2);
					comp[size++] = i;
					int x = i % pw, y = i / pw;
					if (x < minX) minX = x;
					if (x > maxX) maxX = x;
					if (y < minY) minY = y;
					if (y > maxY) maxY = y;
					for (int dy = -1; dy <= 1; dy++) {
						int yy = y + dy;
						if (yy < 0 || yy >= ph) continue;
						for (int dx = -1; dx <= 1; dx++) {
							int xx = x + dx;
							if (xx < 0 || xx >= pw) continue;
							int j = yy * pw + xx;
							if (trapMask[j] == 1) {
								trapMask[j] = 2;
								if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, sp * 2);
								stack[sp++] = j;
							}
						}
					}
				}
				if (size < minArea) continue; // debris
				int ax = start % pw, ay = start / pw;
				boolean owned = ax >= cx0 && ax < cx1 && ay >= cy0 && ay < cy1;
				// a profile far from the core cannot matter to this tile
				if (!owned && (maxX < cx0 - e - 1 || minX >= cx1 + e + 1 || maxY < cy0 - e - 1 || minY >= cy1 + e + 1)) continue;
				int bx0 = Math.max(0, minX - e), by0 = Math.max(0, minY - e);
				int bw = Math.min(pw, maxX + e + 1) - bx0, bh = Math.min(ph, maxY + e + 1) - by0;
				byte[] cell = new byte[bw * bh];
				for (int k = 0; k < size; k++) {
					int i = comp[k];
					cell[(i / pw - by0) * bw + (i % pw - bx0)] = 1;
				}
				ByteVolume filled = FillHoles.fill2d(new ByteVolume(bw, bh, unit, new byte[][] { cell }), Parallel.of(1));
				byte[] f = filled.slice(0);
				byte[] nuc = new byte[bw * bh];
				long area = 0;
				double sx = 0, sy = 0;
				for (int yy = 0; yy < bh; yy++) {
					for (int xx = 0; xx < bw; xx++) {
						int k = yy * bw + xx;
						if (f[k] == 0) continue;
						area++;
						sx += xx;
						sy += yy;
						if (hemRaw[(by0 + yy) * pw + bx0 + xx] > nucleusRaw) nuc[k] = 1;
					}
				}
				List<NucleusCounter.Nucleus> nuclei = counter.find(nuc, bw, bh);
				if (odRaw != null) nuclei = addPaleNuclei(nuclei, filled, nuc, bx0, by0, bw, bh);
				if (s.culture()) { // touching cells are cut apart and counted one by one
					rejected += CultureCellSplitter.of(s, pixelUm).emit(f, bw, bh, nuclei, px0 + bx0, py0 + by0, owned, cells, (k, colour) -> outlines.add(new int[] { (by0 + k / bw) * pw + bx0 + k % bw, colour }));
					continue;
				}
				boolean enough = nuclei.size() >= s.minNuclei();
				boolean contact = true;
				if (!s.culture() && enough) {
					byte[] bone = new byte[bw * bh];
					boolean any = false;
					for (int yy = 0; yy < bh; yy++) for (int xx = 0; xx < bw; xx++) {
						if (boneMask[(by0 + yy) * pw + bx0 + xx] != 0) {
							bone[yy * bw + xx] = 1;
							any = true;
						}
					}
					contact = false;
					if (any) {
						float[] dBone = DistanceTransform.distances2d(new ByteVolume(bw, bh, unit, new byte[][] { bone }), false, Parallel.of(1)).slice(0);
						for (int k = 0; k < f.length && !contact; k++) if (f[k] != 0 && dBone[k] <= contactPx + 1e-6) contact = true;
					}
				}
				boolean counted = enough && contact;
				double contactLen = 0, interfaceLen = 0;
				if (counted && !s.culture()) {
					float[] dCell = DistanceTransform.distances2d(filled, false, Parallel.of(1)).slice(0);
					double level = s.boneOd() * TrapStains.SCALE * this.area;
					for (int yy = 0; yy + 1 < bh; yy++) {
						for (int xx = 0; xx + 1 < bw; xx++) {
							int k = yy * bw + xx;
							float d = Math.min(Math.min(dCell[k], dCell[k + 1]), Math.min(dCell[k + bw], dCell[k + bw + 1]));
							if (d > 0) continue; // a corner of the cell must be an osteoclast pixel
							int ti = (by0 + yy) * pw + bx0 + xx;
							if (bx0 + xx + 1 >= pw || by0 + yy + 1 >= ph) continue;
							double len = ContourLength.cell(ctrS, pw, bx0 + xx, by0 + yy, level);
							if (len > 0) {
								contactLen += len;
								if (cyc != null && cyc.onInterface(ti)) interfaceLen += len;
								ocNear[ti] = 1;
							}
						}
					}
				}
				// outlines for the overlay (only core pixels get drawn)
				int colour = counted ? OSTEOCLAST : REJECTED;
				for (int yy = 0; yy < bh; yy++) {
					for (int xx = 0; xx < bw; xx++) {
						int k = yy * bw + xx;
						boolean in = f[k] != 0;
						boolean border = false;
						for (int d = 0; d < 4 && !border; d++) {
							int nx = xx + (d == 0 ? -1 : d == 1 ? 1 : 0), ny = yy + (d == 2 ? -1 : d == 3 ? 1 : 0);
							boolean nin = nx >= 0 && ny >= 0 && nx < bw && ny < bh && f[ny * bw + nx] != 0;
							border = nin != in;
						}
						if (border && (in || counted)) outlines.add(new int[] { (by0 + yy) * pw + bx0 + xx, colour });
					}
				}
				if (counted) {
					for (NucleusCounter.Nucleus nu : nuclei) {
						for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
							int xx = bx0 + nu.x() + dx, yy = by0 + nu.y() + dy;
							if (xx >= 0 && yy >= 0 && xx < pw && yy < ph) outlines.add(new int[] { yy * pw + xx, NUCLEUS });
						}
					}
				}
				if (!owned) continue;
				if (!counted) {
					rejected++;
					continue;
				}
				if (cyc != null) cyc.osteoclast(interfaceLen >= 0.5 * contactLen && contactLen > 0);
				List<int[]> centres = new ArrayList<>();
				for (NucleusCounter.Nucleus nu : nuclei) centres.add(new int[] { px0 + bx0 + nu.x(), py0 + by0 + nu.y() });
				cells.add(new TrapCell(px0 + ax, py0 + ay, area, centres, contactLen, px0 + bx0 + sx / area, py0 + by0 + sy / area));
			}
		}
	}
}
