package org.bonelesion.histo;

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
		return detect(frame, originX, originY, tissue, bone, nuclear, new byte[frame.width() * frame.height()], new TileArena());
	}

	/**
	 * {@link #detect(TileFrame, int, int, byte[], byte[], byte[])} with scratch space of the tile's size (overwritten) and
	 * an arena for working arrays (the mask returned may be one of them).
	 */
	byte[] detect(TileFrame frame, int originX, int originY, byte[] tissue, byte[] bone, byte[] nuclear, byte[] tmp, TileArena arena) {
		int w = frame.width(), h = frame.height(), n = w * h;
		// large nuclei: nuclear mask opened by a square of side 2k+1 (full resolution)
		byte[] m = nuclear;
		BoxMorphology.open(m, w, h, openK, tmp);
		// counts per bin (bins aligned to the image grid): large-nucleus and soft-tissue pixels, bone pixels
		int bx0 = originX / bin, by0 = originY / bin;
		int cw = (originX + w - 1) / bin - bx0 + 1, ch = (originY + h - 1) / bin - by0 + 1, cn = cw * ch;
		int[] large = new int[cn], soft = new int[cn], boneCount = new int[cn];
		int[] colBin = new int[w];
		for (int x = 0; x < w; x++) colBin[x] = (originX + x) / bin - bx0;
		int anyLarge = 0;
		// column sums over the rows of a bin row (loops that vectorise), then added into the bins
		int[] accSoft = new int[w], accBone = new int[w], accLarge = new int[w];
		for (int y = 0; y < h; y++) {
			int off = y * w;
			for (int x = 0; x < w; x++) {
				int b = bone[off + x], sf = tissue[off + x] & (b ^ 1);
				accSoft[x] += sf;
				accBone[x] += b;
				accLarge[x] += m[off + x] & sf;
				m[off + x] = 0; // cleared as it is read: m becomes the output
			}
			if (y + 1 < h && (originY + y + 1) % bin != 0) continue;
			int row = ((originY + y) / bin - by0) * cw;
			for (int x = 0; x < w; x++) {
				int c = row + colBin[x];
				soft[c] += accSoft[x];
				boneCount[c] += accBone[x];
				large[c] += accLarge[x];
				anyLarge |= accLarge[x];
			}
			java.util.Arrays.fill(accSoft, 0);
			java.util.Arrays.fill(accBone, 0);
			java.util.Arrays.fill(accLarge, 0);
		}
		if (anyLarge == 0) return m;
		// density among soft-tissue pixels of the window of (2 rb + 1)^2 bins
		int[] num = new int[cn], den = new int[cn];
		BoxSums.sum(large, cw, ch, rb, num);
		BoxSums.sum(soft, cw, ch, rb, den);
		long window = (long) (2 * rb + 1) * (2 * rb + 1) * bin * bin;
		// integer comparisons: 6 num >= 4 rho den (seed), 2 num >= rho den (edge), rho in 1/1000
		long rho = Math.round(p.density() * 1000);
		byte[] seed = new byte[cn], low = new byte[cn];
		int[] queue = new int[cn];
		int qn = 0;
		for (int c = 0; c < cn; c++) {
			if (soft[c] == 0 || 4L * den[c] < window) continue;
			long a = 1000L * num[c], d = den[c];
			if (2 * a >= rho * d) low[c] = 1;
			if (3 * a >= 2 * rho * d) {
				seed[c] = 1;
				queue[qn++] = c;
			}
		}
		// hysteresis with bounded reach: geodesic (8-neighbour) growth inside low, reachB steps, breadth first
		int from = 0;
		for (int step = 0; step < reachB && from < qn; step++) {
			int to = qn;
			for (int q = from; q < to; q++) {
				int c = queue[q], cx = c % cw, cy = c / cw;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = cy + dy;
					if (yy < 0 || yy >= ch) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = cx + dx;
						if (xx < 0 || xx >= cw) continue;
						int j = yy * cw + xx;
						if (low[j] != 0 && seed[j] == 0) {
							seed[j] = 1;
							queue[qn++] = j;
						}
					}
				}
			}
			from = to;
		}
		byte[] tumour = seed;
		// clean-up: fill small holes, drop small islands (bins touching a tile cut are left alone)
		TileFrame coarse = new TileFrame(cw, ch, 0, 0, cw, ch, frame.cutLeft(), frame.cutTop(), frame.cutRight(), frame.cutBottom());
		byte[] holes = new byte[cn];
		for (int c = 0; c < cn; c++) holes[c] = (byte) (1 - tumour[c]);
		fillSmall(coarse, holes, tumour, 1);
		fillSmall(coarse, tumour.clone(), tumour, 0);
		// back to full resolution: tumour bins, soft tissue only (visiting the tumour bins' pixels only)
		boolean any = false;
		for (int cy = 0; cy < ch; cy++) {
			int yFrom = Math.max(0, (by0 + cy) * bin - originY), yTo = Math.min(h, (by0 + cy + 1) * bin - originY);
			for (int cx = 0; cx < cw; cx++) {
				if (tumour[cy * cw + cx] == 0) continue;
				int xFrom = Math.max(0, (bx0 + cx) * bin - originX), xTo = Math.min(w, (bx0 + cx + 1) * bin - originX);
				for (int y = yFrom; y < yTo; y++) {
					for (int i = y * w + xFrom, end = y * w + xTo; i < end; i++) {
						if (tissue[i] != 0 && bone[i] == 0) {
							m[i] = 1;
							any = true;
						}
					}
				}
			}
		}
		// up to bone: soft tissue within gap of both bone and tumour, looked for only in bins near both
		if (gap > 0 && any) {
			int gb = (gap + bin - 1) / bin + 1; // bins within which a pixel's gap-neighbourhood lies
			byte[] nearTumour = new byte[cn], nearBone = new byte[cn];
			for (int c = 0; c < cn; c++) {
				nearTumour[c] = tumour[c];
				nearBone[c] = boneCount[c] > 0 ? (byte) 1 : 0;
			}
			byte[] ct = new byte[cn];
			BoxMorphology.dilate(nearTumour, cw, ch, gb, ct);
			BoxMorphology.dilate(nearBone, cw, ch, gb, ct);
			// candidates are few (soft pixels in non-tumour bins near both): a direct search of the disc of radius gap
			int[] disc = discOffsets(gap);
			byte[] before = m.clone(); // distances to the tumour as it was before this step
			for (int cy = 0; cy < ch; cy++) {
				int yFrom = Math.max(0, (by0 + cy) * bin - originY), yTo = Math.min(h, (by0 + cy + 1) * bin - originY);
				for (int cx = 0; cx < cw; cx++) {
					int c = cy * cw + cx;
					if (nearTumour[c] == 0 || nearBone[c] == 0 || tumour[c] != 0) continue;
					int xFrom = Math.max(0, (bx0 + cx) * bin - originX), xTo = Math.min(w, (bx0 + cx + 1) * bin - originX);
					for (int y = yFrom; y < yTo; y++) {
						for (int x = xFrom; x < xTo; x++) {
							int i = y * w + x;
							if (tissue[i] == 0 || bone[i] != 0) continue;
							if (within(bone, w, h, x, y, disc) && within(before, w, h, x, y, disc)) m[i] = 1;
						}
					}
				}
			}
		}
		return m;
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

	/** True if a nonzero pixel of {@code mask} lies at one of the disc's offsets from (x, y) inside the tile. */
	private static boolean within(byte[] mask, int w, int h, int x, int y, int[] disc) {
		for (int k = 0; k < disc.length; k += 2) {
			int xx = x + disc[k], yy = y + disc[k + 1];
			if (xx >= 0 && yy >= 0 && xx < w && yy < h && mask[yy * w + xx] != 0) return true;
		}
		return false;
	}

	/**
	 * For every 8-connected component of {@code pieces} whose bounding box side is at most
	 * the clean-up size and which does not touch a tile cut, sets {@code target} to {@code value} on its pixels.
	 */
	private void fillSmall(TileFrame frame, byte[] pieces, byte[] target, int value) {
		if (cleanB <= 0) return;
		Labeling.Result lr = frame.label(pieces);
		int[] labels = TileFrame.labels(lr);
		int count = lr.count();
		int[][] boxes = frame.boxes(labels, count, pieces);
		boolean[] small = new boolean[count + 1];
		for (int k = 1; k <= count; k++) {
			int[] s = boxes[k];
			small[k] = s[5] == 0 && s[2] - s[0] + 1 <= cleanB && s[3] - s[1] + 1 <= cleanB;
		}
		for (int i = 0; i < labels.length; i++) {
			int k = labels[i];
			if (k != 0 && small[k]) target[i] = (byte) value;
		}
	}
}
