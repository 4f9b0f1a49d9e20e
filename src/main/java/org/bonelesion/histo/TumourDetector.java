package org.bonelesion.histo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.bonelesion.ops.Labeling;

/**
 * Finds tumour in a tile of a TRAP section: regions of densely packed LARGE nuclei.
 *
 * <p>Method (all distances scale with the pixel size):
 * <ol>
 * <li><b>Nuclei.</b> Pixels whose smoothed haematoxylin exceeds {@link Parameters#nucleusOd}
 * (set between the basophilic cytoplasm of a tumour, ~0.3 OD, and its nuclei, ~0.8 OD).</li>
 * <li><b>Large nuclei.</b> That mask opened by a square of side
 * {@code round(nucleusWidthUm / sqrt 2)}: only nuclei that hold the square survive, i.e.
 * nuclei at least {@link Parameters#nucleusWidthUm} across. Tumour-cell nuclei (10-15 um) pass;
 * lymphocytes and most marrow nuclei (5-7 um) do not.</li>
 * <li><b>Density.</b> The area fraction of large-nucleus pixels among the soft-tissue pixels
 * (tissue, not bone) of a box of half-width {@link Parameters#radiusUm}. Bone and empty glass are
 * left out of the denominator, so the density does not fall next to bone or at the section's
 * edge (pixels whose window holds less than a quarter of soft tissue get 0).</li>
 * <li><b>Hysteresis.</b> Seeds: density at least 2/3 of {@link Parameters#density} (the
 * large-nucleus fraction of packed tumour); the region grows from the seeds, for at most
 * {@link Parameters#reachUm}, over soft tissue whose density is at least half of it: the edge of a
 * box-smoothed step lies at half its height, so the outline lands on the tumour's edge.</li>
 * <li><b>Clean-up.</b> Holes (non-tumour 8-connected pieces, bone included) whose bounding box
 * fits in {@link Parameters#cleanUm} are filled; tumour islands that small are removed.</li>
 * <li><b>Up to bone.</b> Soft tissue within {@link Parameters#boneGapUm} of both bone and
 * tumour joins the tumour: tumour abutting bone reaches its surface (nuclei keep a thin rim of
 * matrix-facing cytoplasm off the bone), while marrow at most that far from the tumour is
 * taken, so the growth does not run along the bone.</li>
 * </ol>
 * Steps 3 to 5 work on square bins of {@link #BIN_UM} (4 um) aligned to the image grid, from
 * exact per-bin counts of large-nucleus and soft-tissue pixels (windows, growth and clean-up
 * sizes rounded to whole bins): the density is a 40 um scale measure, and at full resolution
 * these steps were most of the cost of the tissue mode. The mask comes back to full resolution
 * as the soft-tissue pixels of the tumour bins; steps 1, 2 and 6 are done at full resolution
 * (step 6 with bounded distances, only in bins near both bone and tumour).
 * Every step has a bounded reach ({@link #reachPixels()}), and a hole or island touching a tile
 * cut is left alone (its bounding box then exceeds the tile margin, hence the clean-up size), so
 * a tile padded by that much gives the same mask in its core as the whole image.
 */
public final class TumourDetector {

	/**
	 * Tumour detection parameters, physical units.
	 *
	 * @param nucleusOd      haematoxylin amount (OD) above which a pixel belongs to a nucleus for this purpose
	 * @param nucleusWidthUm smallest width of a tumour-cell nucleus, um
	 * @param radiusUm       half-width of the box in which the large-nucleus density is measured, um
	 * @param density        large-nucleus area fraction of packed tumour (0..1); seeds at 2/3, edge at 1/2 of it
	 * @param reachUm        farthest the tumour grows from a seed over the lower threshold, um
	 * @param cleanUm        holes and islands whose bounding box side is at most this are filled / removed, um
	 * @param boneGapUm      soft tissue within this distance of both bone and tumour is tumour, um
	 */
	public record Parameters(double nucleusOd, double nucleusWidthUm, double radiusUm, double density, double reachUm, double cleanUm,
		double boneGapUm) {

		/**
		 * The defaults, with the window half-width and density of the settings
		 * ({@code --tumour-radius-um}, {@code --tumour-density}).
		 */
		public static Parameters of(HistoSettings s) {
			return new Parameters(0.45, 7, s.tumourRadiusUm(), s.tumourDensity(), s.tumourRadiusUm(), s.tumourRadiusUm(), 6);
		}
	}

	/** Side of the bins the large-scale steps (density, hysteresis, clean-up) work on, um. */
	public static final double BIN_UM = 4;

	private final Parameters p;
	private final int openK, bin, rb, reachB, cleanB, gap;
	/** Offsets of the disc of radius {@code gap} (see {@link #discOffsets}). */
	private final int[] disc;

	/** A detector for one pixel size (um). */
	public TumourDetector(Parameters p, double pixelUm) {
		this.p = p;
		openK = Math.max(0, (int) Math.round((p.nucleusWidthUm() / Math.sqrt(2) / pixelUm - 1) / 2));
		bin = Math.max(1, (int) Math.round(BIN_UM / pixelUm));
		double binUm = bin * pixelUm;
		rb = Math.max(1, (int) Math.round(p.radiusUm() / binUm));
		reachB = Math.max(0, (int) Math.round(p.reachUm() / binUm));
		cleanB = Math.max(0, (int) Math.round(p.cleanUm() / binUm));
		gap = Math.max(0, (int) Math.round(p.boneGapUm() / pixelUm));
		disc = discOffsets(gap);
	}

	/**
	 * How far (pixels) the mask at a pixel depends on the inputs: a tile must be padded by this
	 * much beyond the reach of its inputs (smoothing, tissue closing).
	 */
	public int reachPixels() {
		return 2 * openK + (rb + 1) * bin + reachB * bin + 2 * (cleanB + 1) * bin + gap + 2 + bin;
	}

	/** {@link #detect(TileFrame, int, int, byte[], byte[], int[], int)} for a tile at the image's origin (or a whole image). */
	public byte[] detect(TileFrame frame, byte[] tissue, byte[] bone, int[] hemSmooth, int smoothArea) {
		return detect(frame, 0, 0, tissue, bone, hemSmooth, smoothArea);
	}

	/**
	 * The tumour mask of a tile.
	 *
	 * @param frame      the tile's geometry (which sides are cuts through the image)
	 * @param originX    image x of the tile's pixel 0 (bins are aligned to the image, so that the mask does not depend on the tiling)
	 * @param originY    image y of the tile's pixel 0
	 * @param tissue     tissue mask (1 = tissue, bone included; 0/1 values)
	 * @param bone       bone mask (0/1)
	 * @param hemSmooth  box sums of haematoxylin amounts (milli-OD) over {@code smoothArea} pixels
	 * @param smoothArea pixels in that box
	 * @return tumour mask (1 = tumour; never bone, never outside tissue)
	 */
	public byte[] detect(TileFrame frame, int originX, int originY, byte[] tissue, byte[] bone, int[] hemSmooth, int smoothArea) {
		int n = frame.width() * frame.height();
		long nucLevel = nucleusLevel(smoothArea);
		byte[] m = new byte[n];
		for (int i = 0; i < n; i++) m[i] = hemSmooth[i] > nucLevel ? (byte) 1 : 0;
		return detect(frame, originX, originY, tissue, bone, m);
	}

	/** The level on box sums of haematoxylin (milli-OD over {@code smoothArea} pixels) above which a pixel is nuclear here. */
	public long nucleusLevel(int smoothArea) {
		return Math.round(p.nucleusOd() * TrapStains.SCALE * smoothArea);
	}

	/**
	 * The tumour mask of a tile from its nuclear mask (smoothed haematoxylin above
	 * {@link #nucleusLevel}), which is overwritten; otherwise as
	 * {@link #detect(TileFrame, int, int, byte[], byte[], int[], int)}.
	 */
	public byte[] detect(TileFrame frame, int originX, int originY, byte[] tissue, byte[] bone, byte[] nuclear) {
		return detect(frame, originX, originY, tissue, bone, nuclear, new TileArena());
	}

	/**
	 * {@link #detect(TileFrame, int, int, byte[], byte[], byte[])} with an arena for working arrays: the mask returned is {@code nuclear} (overwritten), the bin-grid arrays and the opening's
	 * bit buffer come from the arena (keys {@code "tumour.*"} and {@link BoxMorphology#ARENA_KEY}), so that after the
	 * first tile nothing of the tile's or bin grid's size is allocated here.
	 */
	byte[] detect(TileFrame frame, int originX, int originY, byte[] tissue, byte[] bone, byte[] nuclear, TileArena arena) {
		int w = frame.width(), h = frame.height();
		// large nuclei: nuclear mask opened by a square of side 2k+1 (full resolution)
		byte[] m = nuclear;
		BoxMorphology.open(m, w, h, openK, arena);
		Bins g = new Bins(originX, originY, w, h, bin);
		// bin-grid arrays: at least g.n long (the grid's size changes at the image's edges), used up to g.n
		int[] large = arena.intsAtLeast("tumour.large", g.n), soft = arena.intsAtLeast("tumour.soft", g.n);
		byte[] boneIn = arena.bytesAtLeast("tumour.boneIn", g.n);
		Arrays.fill(large, 0, g.n, 0);
		Arrays.fill(soft, 0, g.n, 0);
		Arrays.fill(boneIn, 0, g.n, (byte) 0);
		// m becomes the output: cleared as it is counted
		if (!countBins(g, tissue, bone, m, large, soft, boneIn, arena)) return m;
		byte[] tumour = hysteresis(g, large, soft, arena);
		cleanUp(g, frame, tumour, arena);
		if (!paint(g, tumour, soft, tissue, bone, m)) return m;
		if (gap > 0) upToBone(g, tumour, boneIn, tissue, bone, m, arena);
		return m;
	}

	/**
	 * The bin grid of a tile: square bins of {@code bin} pixels aligned to the image grid,
	 * {@code cw} x {@code ch} of them ({@code n} in all) covering the tile, the first at image bin (bx0, by0).
	 */
	static final class Bins {
		final int originX, originY, w, h, bin, bx0, by0, cw, ch, n;

		Bins(int originX, int originY, int w, int h, int bin) {
			this.originX = originX;
			this.originY = originY;
			this.w = w;
			this.h = h;
			this.bin = bin;
			bx0 = originX / bin;
			by0 = originY / bin;
			cw = (originX + w - 1) / bin - bx0 + 1;
			ch = (originY + h - 1) / bin - by0 + 1;
			n = cw * ch;
		}

		/** First tile column of bin column cx. */
		int xFrom(int cx) {
			return Math.max(0, (bx0 + cx) * bin - originX);
		}

		/** One past the last tile column of bin column cx. */
		int xTo(int cx) {
			return Math.min(w, (bx0 + cx + 1) * bin - originX);
		}

		/** First tile row of bin row cy. */
		int yFrom(int cy) {
			return Math.max(0, (by0 + cy) * bin - originY);
		}

		/** One past the last tile row of bin row cy. */
		int yTo(int cy) {
			return Math.min(h, (by0 + cy + 1) * bin - originY);
		}
	}

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L;
	/** Rows a byte lane of the column accumulators holds without overflow (0/1 a row). */
	private static final int LANE_ROWS = 255;

	/**
	 * Per bin (zeroed arrays on entry): large-nucleus soft-tissue pixels, soft-tissue (tissue, not
	 * bone) pixels, and whether it holds bone; {@code m} (the large-nucleus mask) is cleared as it is
	 * read. Column sums over the rows of a bin row are kept 8 columns to a long (a byte lane each, 8
	 * pixels a step) and then added into the bins. The lanes are shifted by the tile's offset from
	 * the bin grid ({@code phase}): lane position p holds tile column p - phase, so that bin cx
	 * covers positions [cx bin, (cx + 1) bin) and a bin of 1, 2, 4 or 8 pixels lies within one long.
	 * Returns true if any bin has a large-nucleus pixel.
	 */
	static boolean countBins(Bins g, byte[] tissue, byte[] bone, byte[] m, int[] large, int[] soft, byte[] boneIn, TileArena arena) {
		int w = g.w, h = g.h, phase = g.originX - g.bx0 * g.bin;
		int longs = (g.cw * g.bin + 7) >>> 3; // every bin's positions (cw bin >= phase + w)
		long[] accSoft = arena.zeroLongs("tumour.accSoft", longs), accLarge = arena.zeroLongs("tumour.accLarge", longs);
		long[] accBone = arena.zeroLongs("tumour.accBone", longs);
		// whole longs: positions [8 jFirst, 8 jEnd) = columns [8 jFirst - phase, 8 jEnd - phase); the columns left and right one by one
		int jFirst = (phase + 7) >>> 3, jEnd = Math.max(jFirst, (w + phase) >>> 3);
		int headEnd = Math.min(w, 8 * jFirst - phase), tailStart = Math.max(headEnd, 8 * jEnd - phase);
		int rowsInLanes = 0;
		long anyLarge = 0;
		for (int y = 0; y < h; y++) {
			int off = y * w;
			accumulateRow(tissue, bone, m, off - phase, jFirst, jEnd, accSoft, accLarge, accBone);
			accumulateColumns(tissue, bone, m, off, 0, headEnd, phase, accSoft, accLarge, accBone);
			accumulateColumns(tissue, bone, m, off, tailStart, w, phase, accSoft, accLarge, accBone);
			rowsInLanes++;
			if (y + 1 < h && (g.originY + y + 1) % g.bin != 0 && rowsInLanes < LANE_ROWS) continue;
			anyLarge |= addToBins(g, accSoft, accLarge, accBone, ((g.originY + y) / g.bin - g.by0) * g.cw, large, soft, boneIn);
			rowsInLanes = 0;
		}
		return anyLarge != 0;
	}

	/** Longs [jFirst, jEnd) of a row whose position 0 is at {@code base}: soft = tissue AND NOT bone, large = m AND soft added to the lanes, bone ORed; m cleared. */
	private static void accumulateRow(byte[] tissue, byte[] bone, byte[] m, int base, int jFirst, int jEnd, long[] accSoft, long[] accLarge, long[] accBone) {
		for (int j = jFirst; j < jEnd; j++) {
			int i = base + 8 * j;
			long b = (long) LONGS.get(bone, i), t = (long) LONGS.get(tissue, i), v = (long) LONGS.get(m, i);
			long sf = t & ~b & ONES;
			accSoft[j] += sf;
			accLarge[j] += v & sf;
			accBone[j] |= b;
			LONGS.set(m, i, 0L);
		}
	}

	/** Columns [from, to) of the row at {@code off} one by one into their lanes (position x + phase), as {@link #accumulateRow}. */
	private static void accumulateColumns(byte[] tissue, byte[] bone, byte[] m, int off, int from, int to, int phase, long[] accSoft, long[] accLarge,
		long[] accBone) {
		for (int x = from; x < to; x++) {
			int p = x + phase, j = p >>> 3, s = (p & 7) << 3;
			long b = bone[off + x] & 1, sf = tissue[off + x] & (b ^ 1);
			accSoft[j] += sf << s;
			accLarge[j] += (m[off + x] & sf) << s;
			accBone[j] |= b << s;
			m[off + x] = 0;
		}
	}

	/**
	 * Adds the column lanes into the bins of the bin row starting at {@code row}, clears them;
	 * returns the OR of the large-nucleus lanes. A bin of 1, 2, 4 or 8 pixels (then at most 8
	 * rows in the lanes) is summed within its long by folding (adding the long shifted by 1, 2, 4
	 * lanes: sums of at most 64 stay in their byte); other bins lane by lane.
	 */
	private static long addToBins(Bins g, long[] accSoft, long[] accLarge, long[] accBone, int row, int[] large, int[] soft, byte[] boneIn) {
		int bin = g.bin, cw = g.cw;
		if (8 % bin == 0) {
			int perLong = 8 / bin;
			for (int j = 0, cx = 0; cx < cw; j++) {
				long fs = fold(accSoft[j], bin), fl = fold(accLarge[j], bin), fb = fold(accBone[j], bin);
				for (int q = 0; q < perLong && cx < cw; q++, cx++) {
					int s = q * bin * 8;
					soft[row + cx] += (int) (fs >>> s) & 0xff;
					large[row + cx] += (int) (fl >>> s) & 0xff;
					if (((fb >>> s) & 0xff) != 0) boneIn[row + cx] = 1;
				}
			}
		} else {
			for (int cx = 0; cx < cw; cx++) {
				int sumSoft = 0, sumLarge = 0;
				long bone = 0;
				for (int p = cx * bin; p < (cx + 1) * bin; p++) {
					int j = p >>> 3, s = (p & 7) << 3;
					sumSoft += (int) (accSoft[j] >>> s) & 0xff;
					sumLarge += (int) (accLarge[j] >>> s) & 0xff;
					bone |= (accBone[j] >>> s) & 0xff;
				}
				soft[row + cx] += sumSoft;
				large[row + cx] += sumLarge;
				if (bone != 0) boneIn[row + cx] = 1;
			}
		}
		long any = 0;
		for (int j = 0; j < accSoft.length; j++) {
			any |= accLarge[j];
			accSoft[j] = 0;
			accLarge[j] = 0;
			accBone[j] = 0;
		}
		return any;
	}

	/** Lane k of the result = sum of lanes [k, k + bin) of v (bin a power of two up to 8; lane sums must stay below 256). */
	private static long fold(long v, int bin) {
		for (int shift = 8; shift < 8 * bin; shift <<= 1) v += v >>> shift;
		return v;
	}

	/**
	 * Density, seeds and bounded growth on the bin grid: the tumour bins (0/1, an arena array).
	 * Density among soft-tissue pixels of the window of (2 rb + 1)^2 bins, compared in integers:
	 * 6 num &gt;= 4 rho den (seed), 2 num &gt;= rho den (edge), rho in 1/1000.
	 */
	private byte[] hysteresis(Bins g, int[] large, int[] soft, TileArena arena) {
		int cn = g.n;
		byte[] seed = arena.bytesAtLeast("tumour.seed", cn), low = arena.bytesAtLeast("tumour.low", cn);
		int[] queue = arena.intsAtLeast("tumour.queue", cn);
		int qn = seedsAndEdges(g.cw, g.ch, large, soft, seed, low, queue, arena);
		grow(g.cw, g.ch, seed, low, queue, qn);
		return seed;
	}

	/**
	 * Seeds and edge bins of a cw x ch grid from its per-bin counts (every element of
	 * {@code seed} and {@code low} up to cw ch written); the seeds' indices into {@code queue},
	 * their count returned. The window sums are streamed a row at a time: sums along the rows
	 * (bins outside the grid taking the value of the nearest edge bin, as {@link BoxSums}) kept
	 * for the 2 rb + 2 rows the column step needs, and the column sums of a row updated from the
	 * previous row's. Large-nucleus (high 32 bits) and soft-tissue (low 32 bits) counts travel
	 * packed in one long: both sums are non-negative and below 2^31 (window pixel counts), so the
	 * packed long is their exact sum, whatever the order of additions and subtractions.
	 */
	int seedsAndEdges(int cw, int ch, int[] large, int[] soft, byte[] seed, byte[] low, int[] queue, TileArena arena) {
		int r = rb, ring = 2 * r + 2;
		long[] rows = arena.longsAtLeast("tumour.rowSums", ring * cw), sums = arena.longsAtLeast("tumour.columnSums", cw);
		long window = (long) (2 * r + 1) * (2 * r + 1) * bin * bin, rho = Math.round(p.density() * 1000);
		// first row: its 2r+1 rows (clamped) summed
		int computed = -1;
		while (computed < Math.min(ch - 1, r)) rowWindowSums(large, soft, ++computed, cw, r, rows, (computed % ring) * cw);
		Arrays.fill(sums, 0, cw, 0L);
		for (int k = -r; k <= r; k++) addRow(rows, (Math.min(ch - 1, Math.max(0, k)) % ring) * cw, sums, cw);
		int qn = thresholdRow(sums, 0, cw, soft, seed, low, queue, 0, window, rho);
		// each next row: the previous plus the entering row minus the leaving one (a row is kept in the ring until it leaves)
		for (int y = 1; y < ch; y++) {
			int enter = Math.min(ch - 1, y + r), leave = Math.max(0, y - r - 1);
			while (computed < enter) rowWindowSums(large, soft, ++computed, cw, r, rows, (computed % ring) * cw);
			nextRow(sums, rows, (enter % ring) * cw, (leave % ring) * cw, cw);
			qn = thresholdRow(sums, y * cw, cw, soft, seed, low, queue, qn, window, rho);
		}
		return qn;
	}

	/** Packed window sums along row y of the grid (indices clamped to the row) into {@code out} from {@code to}. */
	private static void rowWindowSums(int[] large, int[] soft, int y, int cw, int r, long[] out, int to) {
		int last = cw - 1, off = y * cw;
		long s = 0;
		for (int i = -r; i <= r; i++) {
			int k = off + Math.min(last, Math.max(0, i));
			s += ((long) large[k] << 32) + soft[k];
		}
		for (int x = 0; x < cw; x++) {
			out[to + x] = s;
			int add = off + Math.min(last, x + r + 1), rem = off + Math.max(0, x - r);
			s += (((long) large[add] << 32) + soft[add]) - (((long) large[rem] << 32) + soft[rem]);
		}
	}

	/** sums[x] += rows[enter + x] - rows[leave + x] for x in [0, cw). */
	private static void nextRow(long[] sums, long[] rows, int enter, int leave, int cw) {
		for (int x = 0; x < cw; x++) sums[x] += rows[enter + x] - rows[leave + x];
	}

	/** out[x] += rows[off + x] for x in [0, cw). */
	private static void addRow(long[] rows, int off, long[] out, int cw) {
		for (int x = 0; x < cw; x++) out[x] += rows[off + x];
	}

	/** Seeds and edge bins of the grid row at {@code off} from its window sums; seeds appended to the queue (its new length returned). */
	private static int thresholdRow(long[] sums, int off, int cw, int[] soft, byte[] seed, byte[] low, int[] queue, int qn, long window, long rho) {
		for (int x = 0; x < cw; x++) {
			int c = off + x;
			long d = sums[x] & 0xffffffffL, a = 1000L * (sums[x] >>> 32);
			// bins whose window holds less than a quarter of soft tissue are not tumour
			boolean counted = soft[c] != 0 && 4L * d >= window;
			low[c] = counted && 2 * a >= rho * d ? (byte) 1 : 0;
			boolean s = counted && 3 * a >= 2 * rho * d;
			seed[c] = s ? (byte) 1 : 0;
			if (s) queue[qn++] = c;
		}
		return qn;
	}

	/** Hysteresis with bounded reach: geodesic (8-neighbour) growth of {@code seed} inside {@code low}, reachB steps, breadth first. */
	private void grow(int cw, int ch, byte[] seed, byte[] low, int[] queue, int qn) {
		int from = 0;
		for (int step = 0; step < reachB && from < qn; step++) {
			int to = qn;
			for (int q = from; q < to; q++) qn = growFrom(queue[q], cw, ch, seed, low, queue, qn);
			from = to;
		}
	}

	/** Adds the 8-neighbours of bin c inside {@code low} and not yet in {@code seed} to both; returns the new queue length. */
	private static int growFrom(int c, int cw, int ch, byte[] seed, byte[] low, int[] queue, int qn) {
		int cx = c % cw, cy = c / cw;
		int x0 = Math.max(0, cx - 1), x1 = Math.min(cw - 1, cx + 1), y0 = Math.max(0, cy - 1), y1 = Math.min(ch - 1, cy + 1);
		for (int yy = y0; yy <= y1; yy++) {
			for (int j = yy * cw + x0, end = yy * cw + x1; j <= end; j++) {
				if ((low[j] & (seed[j] ^ 1)) != 0) {
					seed[j] = 1;
					queue[qn++] = j;
				}
			}
		}
		return qn;
	}

	/** Clean-up on the bin grid: small holes filled, then small islands dropped (pieces touching a tile cut are left alone). */
	private void cleanUp(Bins g, TileFrame frame, byte[] tumour, TileArena arena) {
		if (cleanB <= 0) return;
		TileFrame coarse = new TileFrame(g.cw, g.ch, 0, 0, g.cw, g.ch, frame.cutLeft(), frame.cutTop(), frame.cutRight(), frame.cutBottom());
		byte[] pieces = arena.bytes("tumour.pieces", g.n);
		for (int c = 0; c < g.n; c++) pieces[c] = (byte) (1 - tumour[c]);
		fillSmall(coarse, pieces, tumour, 1, arena);
		System.arraycopy(tumour, 0, pieces, 0, g.n);
		fillSmall(coarse, pieces, tumour, 0, arena);
	}

	/**
	 * Back to full resolution: the soft-tissue pixels of the tumour bins set in {@code m} (zero on
	 * entry), visiting the tumour bins' pixels only, a run of tumour bins along a bin row at a time.
	 * Returns true if any pixel was set (a tumour bin holds soft tissue).
	 */
	private static boolean paint(Bins g, byte[] tumour, int[] soft, byte[] tissue, byte[] bone, byte[] m) {
		boolean any = false;
		for (int cy = 0; cy < g.ch; cy++) {
			int yFrom = g.yFrom(cy), yTo = g.yTo(cy), row = cy * g.cw;
			for (int cx = 0; cx < g.cw; cx++) {
				if (tumour[row + cx] == 0) continue;
				int run = cx;
				while (run + 1 < g.cw && tumour[row + run + 1] != 0) run++;
				for (int k = cx; k <= run; k++) any |= soft[row + k] != 0;
				int xFrom = g.xFrom(cx), xTo = g.xTo(run);
				for (int y = yFrom; y < yTo; y++) softTissue(tissue, bone, m, y * g.w + xFrom, y * g.w + xTo);
				cx = run;
			}
		}
		return any;
	}

	/** m[i] = tissue AND NOT bone over [from, to). */
	private static void softTissue(byte[] tissue, byte[] bone, byte[] m, int from, int to) {
		for (int i = from; i < to; i++) m[i] = (byte) (tissue[i] & ~bone[i] & 1);
	}

	/**
	 * Up to bone: soft tissue within the gap of both bone and tumour (the tumour as it was before
	 * this step) joins it, looked for only in bins near both. Candidates are few (soft pixels in
	 * non-tumour bins near both): a direct search of the disc of radius gap. Pixels taken are marked
	 * 2 until the search ends, so that they do not count as tumour for the others.
	 */
	private void upToBone(Bins g, byte[] tumour, byte[] boneIn, byte[] tissue, byte[] bone, byte[] m, TileArena arena) {
		int cn = g.n, cw = g.cw, w = g.w, h = g.h;
		int gb = (gap + bin - 1) / bin + 1; // bins within which a pixel's gap-neighbourhood lies
		byte[] nearTumour = arena.bytesAtLeast("tumour.nearTumour", cn);
		System.arraycopy(tumour, 0, nearTumour, 0, cn);
		BoxMorphology.dilate(nearTumour, cw, g.ch, gb, arena);
		byte[] nearBone = boneIn; // no longer needed as it was
		BoxMorphology.dilate(nearBone, cw, g.ch, gb, arena);
		for (int pass = 0; pass < 2; pass++) {
			for (int cy = 0; cy < g.ch; cy++) {
				int yFrom = g.yFrom(cy), yTo = g.yTo(cy);
				for (int cx = 0; cx < cw; cx++) {
					int c = cy * cw + cx;
					if (nearTumour[c] == 0 || nearBone[c] == 0 || tumour[c] != 0) continue;
					int xFrom = g.xFrom(cx), xTo = g.xTo(cx);
					if (pass == 0) searchBin(tissue, bone, m, w, h, xFrom, xTo, yFrom, yTo);
					else for (int y = yFrom; y < yTo; y++) for (int i = y * w + xFrom; i < y * w + xTo; i++) m[i] = (byte) ((m[i] | (m[i] >> 1)) & 1);
				}
			}
		}
	}

	/** Marks 2 in m the soft-tissue pixels of the rectangle within the disc of both a bone pixel and a pixel of m equal to 1. */
	private void searchBin(byte[] tissue, byte[] bone, byte[] m, int w, int h, int xFrom, int xTo, int yFrom, int yTo) {
		for (int y = yFrom; y < yTo; y++) {
			for (int x = xFrom; x < xTo; x++) {
				int i = y * w + x;
				if (tissue[i] == 0 || bone[i] != 0) continue;
				if (within(bone, w, h, x, y, disc) && within(m, w, h, x, y, disc)) m[i] = 2;
			}
		}
	}

	/** Offsets {dx, dy} of the pixels within Euclidean distance r of the origin, nearest first. */
	private static int[] discOffsets(int r) {
		java.util.List<int[]> d = new java.util.ArrayList<>();
		for (int dy = -r; dy <= r; dy++) for (int dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= r * r) d.add(new int[] { dx, dy });
		d.sort(java.util.Comparator.comparingInt(o -> o[0] * o[0] + o[1] * o[1]));
		int[] out = new int[2 * d.size()];
		for (int k = 0; k < d.size(); k++) {
			out[2 * k] = d.get(k)[0];
			out[2 * k + 1] = d.get(k)[1];
		}
		return out;
	}

	/** True if a pixel equal to 1 of {@code mask} lies at one of the disc's offsets from (x, y) inside the tile. */
	private static boolean within(byte[] mask, int w, int h, int x, int y, int[] disc) {
		for (int k = 0; k < disc.length; k += 2) {
			int xx = x + disc[k], yy = y + disc[k + 1];
			if (xx >= 0 && yy >= 0 && xx < w && yy < h && mask[yy * w + xx] == 1) return true;
		}
		return false;
	}

	/**
	 * For every 8-connected component of {@code pieces} whose bounding box side is at most
	 * the clean-up size and which does not touch a tile cut, sets {@code target} to {@code value} on its pixels.
	 */
	private void fillSmall(TileFrame frame, byte[] pieces, byte[] target, int value, TileArena arena) {
		Labeling.Result lr = frame.label(pieces, arena);
		int[] labels = TileFrame.labels(lr);
		int count = lr.count();
		int[][] boxes = frame.boxes(labels, count, pieces);
		int w = frame.width();
		for (int k = 1; k <= count; k++) {
			int[] s = boxes[k];
			if (s[5] != 0 || s[2] - s[0] + 1 > cleanB || s[3] - s[1] + 1 > cleanB) continue;
			// a small piece: its pixels within its bounding box (at most cleanB x cleanB)
			for (int y = s[1]; y <= s[3]; y++) for (int i = y * w + s[0], end = y * w + s[2]; i <= end; i++) if (labels[i] == k) target[i] = (byte) value;
		}
	}
}
