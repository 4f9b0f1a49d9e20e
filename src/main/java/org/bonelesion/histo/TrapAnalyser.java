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

	private static final Spacing UNIT = Spacing.isotropicMicrons(1000); // distances in pixels

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

	/**
	 * CPU seconds per step of the tiles' analysis (all threads) since the last call, when the
	 * JVM runs with {@code -Dbonelesion.histo.stages=true} (zeros otherwise): for benchmarks.
	 */
	public static java.util.Map<String, Double> stageSeconds() {
		return StageClock.drain();
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
		// tiles in order of padded size, largest first: a thread's arena arrays have their final size
		// from its first tile on, and the small edge tiles balance the end
		Integer[] order = new Integer[nTiles];
		for (int t = 0; t < nTiles; t++) order[t] = t;
		int tileF = tile;
		java.util.function.IntUnaryOperator padded = t -> {
			int x0 = (t % tx) * tileF, y0 = (t / tx) * tileF;
			int pw = Math.min(w, x0 + tileF + margin) - Math.max(0, x0 - margin), ph = Math.min(h, y0 + tileF + margin) - Math.max(0, y0 - margin);
			return pw * ph;
		};
		java.util.Arrays.sort(order, Comparator.comparingInt((Integer t) -> -padded.applyAsInt(t)).thenComparingInt(t -> t));
		parallel.forRange(0, nTiles, k -> {
			progress.checkCancelled();
			int t = order[k];
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

		// per-pixel arrays of the padded tile (from the arena; dropped when the tile is done)
		private int[] rgb;
		private int rgbBase, rgbStride;
		private byte[] tissueMask, tumourMaskTile, trapMask, ocNear;
		private final List<int[]> outlines = new ArrayList<>(); // {tile index, colour}

		/*
		 * The work is split into one method per step (stains, tissue, tumour, vicious cycle, cells,
		 * contour, overlay): besides reading better, small methods are compiled, and recompiled
		 * after a deoptimisation, far more cheaply by the JIT than one giant constructor.
		 */
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
			int rs = px(s.smoothUm());
			area = (2 * rs + 1) * (2 * rs + 1);
			TileFrame frame = new TileFrame(pw, ph, cx0, cy0, cx1, cy1, px0 > 0, py0 > 0, px1 < w, py1 < h);
			long t = StageClock.now();
			// the pixels: the image's own array where it is held in memory (no copy), else the region read
			int[] whole = src.inMemoryPixels();
			rgb = whole != null ? whole : src.region(px0, py0, pw, ph).pixels();
			rgbStride = whole != null ? w : pw;
			rgbBase = whole != null ? py0 * w + px0 : 0;
			TumourDetector detector = s.culture() || tumourMask != null ? null : new TumourDetector(TumourDetector.Parameters.of(s), pixelUm);
			byte[] nuclear = stains(sc, rs, detector);
			t = StageClock.lap(StageClock.Stage.STAINS, t);
			tissue(sc);
			t = StageClock.lap(StageClock.Stage.TISSUE, t);
			if (!s.culture()) tumour(sc, frame, tumourMask, w, detector, nuclear);
			t = StageClock.lap(StageClock.Stage.TUMOUR, t);
			countCore();
			ocNear = s.culture() ? null : sc.zeroBytesAtLeast("trap.ocCovered", pw * ph);
			if (cycle != null) cyc = new CycleTile(cycle, pixelUm, s.nucleusRadiusUm(), frame, boneMask, tumourMaskTile, trapMask, hemRaw, hemS, ctrS, sc);
			t = StageClock.lap(StageClock.Stage.CYCLE, t);
			findCells(trapMask, ocNear, outlines);
			t = StageClock.lap(StageClock.Stage.CELLS, t);
			if (!s.culture()) contour();
			t = StageClock.lap(StageClock.Stage.CONTOUR, t);
			drawOverlay(overlay, scale);
			StageClock.lap(StageClock.Stage.OVERLAY, t);
			// the tile object outlives its work (its sums are merged later): drop the arrays
			hemS = hemRaw = ctrS = odRaw = rgb = null;
			boneMask = tissueMask = tumourMaskTile = trapMask = ocNear = null;
			outlines.clear();
			cyc = null;
		}

		/**
		 * Stain amounts, smoothed, and the masks thresholded from them ({@link #smoothAndThreshold});
		 * returns the nuclear mask for the tumour detection (null without one).
		 */
		private byte[] stains(TileArena sc, int rs, TumourDetector detector) {
			int n = pw * ph;
			hemS = sc.intsAtLeast("trap.hemSmooth", n);
			ctrS = sc.intsAtLeast("trap.counterSmooth", n);
			hemRaw = sc.intsAtLeast("trap.hemRaw", n);
			odRaw = s.culture() && s.paleNucleusOd() > 0 ? sc.intsAtLeast("trap.odRaw", n) : null;
			boneMask = sc.bytesAtLeast("trap.bone", n);
			trapMask = sc.bytesAtLeast("trap.trap", n);
			tissueMask = sc.bytesAtLeast("trap.tissueRaw", n); // raw until tissue() closes it
			byte[] nuclear = detector == null ? null : sc.bytesAtLeast("trap.nuclear", n);
			smoothAndThreshold(rgb, rgbBase, rgbStride, rs, trapMask, tissueMask, nuclear, detector == null ? Long.MAX_VALUE : detector.nucleusLevel(area));
			return nuclear;
		}

		/** Tissue: the raw tissue mask closed, plus bone. */
		private void tissue(TileArena sc) {
			int n = pw * ph;
			BoxMorphology.close(tissueMask, pw, ph, px(s.tissueCloseUm()), sc);
			byte[] b = boneMask, m = tissueMask;
			for (int i = 0; i < n; i++) m[i] = (byte) (m[i] | b[i]);
		}

		/** The tumour mask: the user's (within soft tissue) or the detector's. */
		private void tumour(TileArena sc, TileFrame frame, ByteVolume tumourMask, int w, TumourDetector detector, byte[] nuclear) {
			if (tumourMask != null) {
				tumourMaskTile = sc.bytesAtLeast("trap.tumour", pw * ph);
				byte[] tm = tumourMask.slice(0);
				for (int y = 0; y < ph; y++) for (int x = 0; x < pw; x++) {
					int i = y * pw + x;
					tumourMaskTile[i] = tm[(py0 + y) * w + px0 + x] != 0 && tissueMask[i] != 0 && boneMask[i] == 0 ? (byte) 1 : 0;
				}
			} else {
				tumourMaskTile = detector.detect(frame, px0, py0, tissueMask, boneMask, nuclear, sc);
			}
		}

		/** Tissue, bone and tumour pixels of the core. */
		private void countCore() {
			for (int y = cy0; y < cy1; y++) {
				int off = y * pw;
				tissue += ByteRuns.ones(tissueMask, off + cx0, off + cx1);
				bone += ByteRuns.ones(boneMask, off + cx0, off + cx1);
				if (tumourMaskTile != null) tumour += ByteRuns.ones(tumourMaskTile, off + cx0, off + cx1);
			}
		}

		/** Bone perimeter and its osteoclast-covered part over the core's contour cells, then the vicious-cycle measures on them. */
		private void contour() {
			double boneLevelD = s.boneOd() * TrapStains.SCALE * area;
			long boneFloor = (long) Math.floor(boneLevelD);
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

		/** The core's part of the overlay: base image, then bone and tumour outlines, then cells (and the vicious cycle's marks). */
		private void drawOverlay(RgbImage overlay, int scale) {
			int ow = overlay.width();
			int[] op = overlay.pixels();
			byte[] tumourMaskTile = this.tumourMaskTile != null ? this.tumourMaskTile : boneMask; // culture: no tumour (the bone mask is empty there)
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
		}


		/**
		 * Stain amounts (milli-OD) a row at a time, box-smoothed along the row and then down the
		 * columns (rows clamped at the tile's edges) in one streaming pass over a ring of 2 rs + 1
		 * rows: for each finished row the smoothed haematoxylin and counterstain are stored, and the
		 * bone, TRAP, raw tissue and (for the tumour detection) nuclear masks thresholded at once
		 * (the smoothed TRAP and mean OD are never stored). Raw haematoxylin (and, in culture, raw
		 * mean OD) are kept for the nuclei. Every loop but the colour lookup is a simple loop over
		 * ints that the JIT vectorises.
		 */
		private void smoothAndThreshold(int[] rgb, int rgbBase, int rgbStride, int rs, byte[] trapMask, byte[] tissueRaw, byte[] nuclear, long nuclearLevel) {
			rowBits = new int[pw];
			rowLeft = new int[pw];
			rowRight = new int[pw];
			long boneLevel = s.culture() ? Long.MAX_VALUE : Math.round(s.boneOd() * TrapStains.SCALE * area);
			long tissueLevel = Math.round(s.tissueOd() * TrapStains.SCALE * area);
			long trapLevel = Math.round(stains.trapOd(s) * TrapStains.SCALE * area);
			int slots = 2 * rs + 1; // horizontal sums of rows y - rs .. y + rs
			int[][] hT = new int[slots][pw], hH = new int[slots][pw], hC = new int[slots][pw], hM = new int[slots][pw];
			// one row of each amount (T, H, C, M), of the second cone's (H2, C2), and of vertical sums
			int[] rowT = new int[pw], rowH = new int[pw], rowC = new int[pw], rowM = new int[pw], rowH2 = new int[pw], rowC2 = new int[pw], sums = new int[pw];
			int[][] window = new int[slots][];
			long[][] tables = { stains.packed(0, 0), stains.packed(0, 1), stains.packed(0, 2), stains.packed(1, 0), stains.packed(1, 1), stains.packed(1, 2) };
			int useOther = stains.counterstained() ? -1 : 0;
			int computed = -1; // last row whose horizontal sums are in the ring
			for (int y = 0; y < ph; y++) {
				// make sure rows up to y + rs (clamped) have their horizontal sums
				int need = Math.min(ph - 1, y + rs);
				while (computed < need) {
					int ry = ++computed;
					int off = ry * pw;
					unpack(rgb, rgbBase + ry * rgbStride, pw, tables, rowT, rowH, rowM, rowH2, rowC2);
					chooseCone(pw, useOther, rowT, rowH, rowM, rowH2, rowC2, rowC);
					System.arraycopy(rowH, 0, hemRaw, off, pw);
					if (odRaw != null) System.arraycopy(rowM, 0, odRaw, off, pw);
					int slot = ry % slots;
					horizontal(rowT, rs, hT[slot]);
					horizontal(rowH, rs, hH[slot]);
					horizontal(rowC, rs, hC[slot]);
					horizontal(rowM, rs, hM[slot]);
				}
				int off = y * pw;
				// rows y - rs .. y + rs, clamped (rows 0 and ph - 1 repeat at the edges)
				vertical(hT, window, y, rs, sums);
				above(sums, trapLevel, trapMask, off);
				vertical(hM, window, y, rs, sums);
				above(sums, tissueLevel, tissueRaw, off);
				vertical(hC, window, y, rs, sums);
				System.arraycopy(sums, 0, ctrS, off, pw);
				above(sums, boneLevel, boneMask, off);
				vertical(hH, window, y, rs, sums);
				System.arraycopy(sums, 0, hemS, off, pw);
				if (nuclear != null) above(sums, nuclearLevel, nuclear, off);
			}
		}

		private int[] rowBits, rowLeft, rowRight; // one-row buffers of the stain pass

		/** Box sums of half-width rs along a row of the tile's width, clamped at its ends. */
		private void horizontal(int[] in, int rs, int[] out) {
			if (rs == 1) box3(in, out);
			else if (rs > 0) BoxSums.horizontal(in, 0, pw, rs, out, 0);
			else System.arraycopy(in, 0, out, 0, pw);
		}

		/** Row y of the vertical box sums (half-width rs, rows clamped to the tile) of a ring of horizontal sums, into out. */
		private void vertical(int[][] ring, int[][] window, int y, int rs, int[] out) {
			int slots = ring.length;
			for (int k = -rs; k <= rs; k++) window[k + rs] = ring[Math.min(ph - 1, Math.max(0, y + k)) % slots];
			if (rs == 0) System.arraycopy(window[0], 0, out, 0, pw);
			else if (rs == 1) sum3(window[0], window[1], window[2], out);
			else {
				sum3(window[0], window[1], window[2], out);
				for (int k = 3; k < slots; k++) add(window[k], out);
			}
		}

		/*
		 * The loops below index every int array by x alone: with an offset on one of them the JIT
		 * cannot rule out an overlap and does not vectorise the loop (about 10x slower).
		 */

		/** out[x] = a[x] + b[x] + c[x] over the tile's width. */
		private void sum3(int[] a, int[] b, int[] c, int[] out) {
			for (int x = 0; x < pw; x++) out[x] = a[x] + b[x] + c[x];
		}

		/** out[x] += a[x] over the tile's width. */
		private void add(int[] a, int[] out) {
			for (int x = 0; x < pw; x++) out[x] += a[x];
		}


		/**
		 * Stain amounts (milli-OD) of {@code n} pixels from {@code rgb[from]} on, from the packed
		 * lookup tables of both stain cones ({@link TrapStains#packed}: R, G, B of the
		 * TRAP-haematoxylin cone, then of the haematoxylin-counterstain cone; one long per channel and
		 * intensity holds three biased amounts): TRAP, haematoxylin and mean OD in the first cone,
		 * haematoxylin and counterstain in the second.
		 */
		private static void unpack(int[] rgb, int from, int n, long[][] tables, int[] t, int[] h, int[] m, int[] h2, int[] c2) {
			long[] p1R = tables[0], p1G = tables[1], p1B = tables[2];
			long[] p2R = tables[3], p2G = tables[4], p2B = tables[5];
			final long mask = TrapStains.PACK_MASK, bias3 = 3L * TrapStains.PACK_BIAS;
			for (int x = 0; x < n; x++) {
				int p = rgb[from + x];
				int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
				long sum = p1R[r] + p1G[g] + p1B[b];
				t[x] = (int) (((sum >>> 42) & mask) - bias3);
				h[x] = (int) (((sum >>> 21) & mask) - bias3);
				m[x] = (int) ((sum & mask) - bias3);
				long sum2 = p2R[r] + p2G[g] + p2B[b];
				h2[x] = (int) (((sum2 >>> 42) & mask) - bias3);
				c2[x] = (int) (((sum2 >>> 21) & mask) - bias3);
			}
		}

		/**
		 * The amounts of each pixel from one cone: a pixel outside the TRAP-haematoxylin cone (TRAP or
		 * haematoxylin negative) that lies in the haematoxylin-counterstain cone (counterstain
		 * positive, and haematoxylin there non-negative or TRAP non-positive) takes the second cone's
		 * (with a counterstain only: {@code useOther} = -1, else 0). Amounts are then clipped at 0; the
		 * counterstain (matrix) without one is the optical density that neither TRAP nor
		 * haematoxylin explains. In place on t and h; c is written. Sign-bit masks instead of
		 * comparisons and Math.max, so that the loop vectorises (near glass the cone test is a coin
		 * toss, so a branch would mispredict too).
		 */
		private static void chooseCone(int n, int useOther, int[] t, int[] h, int[] m, int[] h2, int[] c2, int[] c) {
			for (int x = 0; x < n; x++) {
				int tt = t[x], hh = h[x], cc = c2[x], hh2 = h2[x];
				int other = useOther & ((tt | hh) >> 31) & (-cc >> 31) & (~(hh2 >> 31) | ((tt - 1) >> 31));
				int tv = tt & ~other, hv = (hh & ~other) | (hh2 & other);
				int tp = tv & ~(tv >> 31), hp = hv & ~(hv >> 31);
				t[x] = tp;
				h[x] = hp;
				c[x] = (cc & other) | (~useOther & (3 * m[x] - tp - hp));
			}
		}

		/**
		 * mask[mOff + x] = 1 where sums[x] > level, else 0, over the tile's width, as the sign
		 * bit of level - sum: no branch and no int-long comparison, so that the loop vectorises (the
		 * comparison did not: ~3 ns a pixel). Box sums of stain amounts are below 2^18 times the box
		 * area in magnitude ({@link TrapStains#PACK_BIAS}), so with the level clamped to +-2^30 the
		 * difference cannot overflow for boxes under 4096 pixels; larger boxes take the comparison.
		 */
		private void above(int[] sums, long level, byte[] mask, int mOff) {
			if ((long) area << 18 < 1L << 30) {
				int l = (int) Math.max(-(1L << 30), Math.min(1L << 30, level));
				int[] bits = rowBits;
				for (int x = 0; x < pw; x++) bits[x] = (l - sums[x]) >>> 31;
				for (int x = 0; x < pw; x++) mask[mOff + x] = (byte) bits[x]; // two loops: each vectorises, the fused one did not
			} else {
				for (int x = 0; x < pw; x++) mask[mOff + x] = sums[x] > level ? (byte) 1 : 0;
			}
		}



		/** Sums over windows of 3 along a row of the tile's width, clamped at its ends (as a sum of shifted copies, so that it vectorises). */
		private void box3(int[] in, int[] out) {
			int last = pw - 1;
			if (last == 0) {
				out[0] = 3 * in[0];
				return;
			}
			// the row shifted by one pixel each way (edge pixels repeated), then a sum indexed by x alone
			int[] left = rowLeft, right = rowRight;
			System.arraycopy(in, 0, left, 1, last);
			left[0] = in[0];
			System.arraycopy(in, 1, right, 0, last);
			right[last] = in[last];
			sum3(left, in, right, out);
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

		// the pixels (tile indices) of the profile being measured, its first pixel and bounding box; reused from profile to profile
		private int[] comp = new int[256], stack = new int[1024];
		private int compSize, minX, maxX, minY, maxY;

		/** Finds TRAP+ profiles, counts their nuclei, decides which are counted cells. */
		private void findCells(byte[] trapMask, byte[] ocNear, List<int[]> outlines) {
			int n = pw * ph;
			int minArea = (int) Math.ceil(s.minCellAreaUm2() / (pixelUm * pixelUm));
			int e = (int) Math.ceil(s.contactUm() / pixelUm) + 3;
			NucleusCounter counter = new NucleusCounter(s.nucleusRadiusUm() / pixelUm);
			for (int start = 0; start < n; start++) {
				start = ByteRuns.nextOdd(trapMask, start, n); // skips unmarked (0) and visited (2) pixels 8 at a time
				if (start >= n) break;
				if (trapMask[start] != 1) continue;
				flood(trapMask, start);
				if (compSize < minArea) continue; // debris
				int ax = start % pw, ay = start / pw;
				boolean owned = ax >= cx0 && ax < cx1 && ay >= cy0 && ay < cy1;
				// a profile far from the core cannot matter to this tile
				if (!owned && (maxX < cx0 - e - 1 || minX >= cx1 + e + 1 || maxY < cy0 - e - 1 || minY >= cy1 + e + 1)) continue;
				profile(ax, ay, owned, e, counter, ocNear, outlines);
			}
		}

		/** The 8-connected component of trapMask's 1s from start (marked 2), into comp, compSize and the bounding box. */
		private void flood(byte[] trapMask, int start) {
			int size = 0, sp = 0;
			stack[sp++] = start;
			trapMask[start] = 2;
			minX = pw;
			maxX = -1;
			minY = ph;
			maxY = -1;
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
			compSize = size;
		}

		/**
		 * One TRAP+ profile (the component just flooded, first pixel (ax, ay)): holes filled, nuclei
		 * counted, bone contact tested; a counted cell is outlined, its covered contour marked in
		 * ocNear, and, if this tile owns it, added to the cells.
		 */
		private void profile(int ax, int ay, boolean owned, int e, NucleusCounter counter, byte[] ocNear, List<int[]> outlines) {
			int bx0 = Math.max(0, minX - e), by0 = Math.max(0, minY - e);
			int bw = Math.min(pw, maxX + e + 1) - bx0, bh = Math.min(ph, maxY + e + 1) - by0;
			byte[] cell = new byte[bw * bh];
			for (int k = 0; k < compSize; k++) {
				int i = comp[k];
				cell[(i / pw - by0) * bw + (i % pw - bx0)] = 1;
			}
			ByteVolume filled = FillHoles.fill2d(new ByteVolume(bw, bh, UNIT, new byte[][] { cell }), Parallel.of(1));
			byte[] f = filled.slice(0);
			byte[] nuc = new byte[bw * bh];
			long area = 0;
			double sx = 0, sy = 0;
			long nucleusRaw = Math.round(s.nucleusOd() * TrapStains.SCALE);
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
				return;
			}
			boolean counted = nuclei.size() >= s.minNuclei() && touchesBone(f, bx0, by0, bw, bh);
			double[] contact = counted ? contact(filled, bx0, by0, bw, bh, ocNear) : new double[2]; // {contact length, of which on the tumour-bone interface}
			outline(f, bx0, by0, bw, bh, counted, nuclei, outlines);
			if (!owned) return;
			if (!counted) {
				rejected++;
				return;
			}
			if (cyc != null) cyc.osteoclast(contact[1] >= 0.5 * contact[0] && contact[0] > 0);
			List<int[]> centres = new ArrayList<>();
			for (NucleusCounter.Nucleus nu : nuclei) centres.add(new int[] { px0 + bx0 + nu.x(), py0 + by0 + nu.y() });
			cells.add(new TrapCell(px0 + ax, py0 + ay, area, centres, contact[0], px0 + bx0 + sx / area, py0 + by0 + sy / area));
		}

		/** True if a pixel of the filled profile f (box bx0, by0, bw x bh of the tile) lies within the contact distance of bone. */
		private boolean touchesBone(byte[] f, int bx0, int by0, int bw, int bh) {
			double contactPx = s.contactUm() / pixelUm;
			byte[] bone = new byte[bw * bh];
			boolean any = false;
			for (int yy = 0; yy < bh; yy++) for (int xx = 0; xx < bw; xx++) {
				if (boneMask[(by0 + yy) * pw + bx0 + xx] != 0) {
					bone[yy * bw + xx] = 1;
					any = true;
				}
			}
			if (!any) return false;
			float[] dBone = DistanceTransform.distances2d(new ByteVolume(bw, bh, UNIT, new byte[][] { bone }), false, Parallel.of(1)).slice(0);
			for (int k = 0; k < f.length; k++) if (f[k] != 0 && dBone[k] <= contactPx + 1e-6) return true;
			return false;
		}

		/**
		 * The osteoclast's contact with bone: the bone contour cells (at the bone level) with a cell
		 * pixel as a corner, marked in ocNear; returns {their length, of which on the tumour-bone interface}.
		 */
		private double[] contact(ByteVolume filled, int bx0, int by0, int bw, int bh, byte[] ocNear) {
			double contactLen = 0, interfaceLen = 0;
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
			return new double[] { contactLen, interfaceLen };
		}

		/** The profile's outline for the overlay (rejected ones too), and a counted cell's nuclei (only core pixels get drawn later). */
		private void outline(byte[] f, int bx0, int by0, int bw, int bh, boolean counted, List<NucleusCounter.Nucleus> nuclei, List<int[]> outlines) {
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
		}
	}
}
