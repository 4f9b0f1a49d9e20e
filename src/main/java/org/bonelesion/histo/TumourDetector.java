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

	private final Parameters p;
	private final int openK, r, reach, clean, gap;

	/** A detector for one pixel size (um). */
	public TumourDetector(Parameters p, double pixelUm) {
		this.p = p;
		openK = Math.max(0, (int) Math.round((p.nucleusWidthUm() / Math.sqrt(2) / pixelUm - 1) / 2));
		r = Math.max(1, (int) Math.round(p.radiusUm() / pixelUm));
		reach = Math.max(0, (int) Math.round(p.reachUm() / pixelUm));
		clean = Math.max(0, (int) Math.round(p.cleanUm() / pixelUm));
		gap = Math.max(0, (int) Math.round(p.boneGapUm() / pixelUm));
	}

	/**
	 * How far (pixels) the mask at a pixel depends on the inputs: a tile must be padded by this
	 * much beyond the reach of its inputs (smoothing, tissue closing).
	 */
	public int reachPixels() {
		return 2 * openK + r + reach + 2 * (clean + 1) + gap + 2;
	}

	/**
	 * The tumour mask of a tile.
	 *
	 * @param frame      the tile's geometry (which sides are cuts through the image)
	 * @param tissue     tissue mask (nonzero = tissue, bone included)
	 * @param bone       bone mask
	 * @param hemSmooth  box sums of haematoxylin amounts (milli-OD) over {@code smoothArea} pixels
	 * @param smoothArea pixels in that box
	 * @return tumour mask (1 = tumour; never bone, never outside tissue)
	 */
	public byte[] detect(TileFrame frame, byte[] tissue, byte[] bone, int[] hemSmooth, int smoothArea) {
		int w = frame.width(), h = frame.height(), n = w * h;
		long nucLevel = Math.round(p.nucleusOd() * TrapStains.SCALE * smoothArea);
		int[] a = new int[n], b = new int[n];
		// large nuclei: nuclear mask opened by a square of side 2k+1
		for (int i = 0; i < n; i++) a[i] = hemSmooth[i] > nucLevel ? 1 : 0;
		open(a, b, w, h, openK);
		// density among soft-tissue pixels of the window
		int[] soft = new int[n];
		for (int i = 0; i < n; i++) {
			soft[i] = tissue[i] != 0 && bone[i] == 0 ? 1 : 0;
			a[i] &= soft[i];
		}
		BoxSums.sum(a, w, h, r, b); // large-nucleus pixels per window
		BoxSums.sum(soft, w, h, r, a); // soft pixels per window
		long window = (long) (2 * r + 1) * (2 * r + 1);
		// integer comparisons: 6 num >= 4 rho den (seed), 2 num >= rho den (edge), rho in 1/1000
		long rho = Math.round(p.density() * 1000);
		byte[] seed = new byte[n], low = new byte[n];
		for (int i = 0; i < n; i++) {
			if (soft[i] == 0 || 4L * a[i] < window) continue;
			long num = 1000L * b[i], den = a[i];
			if (2 * num >= rho * den) low[i] = 1;
			if (3 * num >= 2 * rho * den) seed[i] = 1;
		}
		// hysteresis with bounded reach: geodesic (8-neighbour) growth inside low, reach steps
		byte[] m = seed;
		byte[] next = new byte[n];
		for (int step = 0; step < reach; step++) {
			boolean changed = false;
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					byte v = m[i];
					if (v == 0 && low[i] != 0) {
						for (int dy = -1; dy <= 1 && v == 0; dy++) {
							int yy = y + dy;
							if (yy < 0 || yy >= h) continue;
							for (int dx = -1; dx <= 1; dx++) {
								int xx = x + dx;
								if (xx >= 0 && xx < w && m[yy * w + xx] != 0) {
									v = 1;
									changed = true;
									break;
								}
							}
						}
					}
					next[i] = v;
				}
			}
			byte[] t = m;
			m = next;
			next = t;
			if (!changed) break;
		}
		// clean-up: fill small holes, drop small islands
		for (int i = 0; i < n; i++) next[i] = (byte) (1 - m[i]);
		fillSmall(frame, next, m, 1, soft);
		fillSmall(frame, m, m, 0, null);
		// up to bone
		if (gap > 0) {
			float[] dBone = frame.distanceTo(bone);
			float[] dTumour = frame.distanceTo(m);
			for (int i = 0; i < n; i++) if (soft[i] != 0 && dBone[i] <= gap && dTumour[i] <= gap) m[i] = 1;
		}
		for (int i = 0; i < n; i++) if (soft[i] == 0) m[i] = 0;
		return m;
	}

	/**
	 * For every 8-connected component of {@code pieces} whose bounding box side is at most
	 * {@code clean} and which does not touch a tile cut, sets {@code target} to {@code value} on its
	 * pixels (where {@code allowed}, if given, is nonzero).
	 */
	private void fillSmall(TileFrame frame, byte[] pieces, byte[] target, int value, int[] allowed) {
		if (clean <= 0) return;
		Labeling.Result lr = frame.label(pieces);
		int[] labels = TileFrame.labels(lr);
		int count = lr.count();
		int[][] boxes = frame.boxes(labels, count);
		boolean[] small = new boolean[count + 1];
		for (int k = 1; k <= count; k++) {
			int[] s = boxes[k];
			small[k] = s[5] == 0 && s[2] - s[0] + 1 <= clean && s[3] - s[1] + 1 <= clean;
		}
		for (int i = 0; i < labels.length; i++) {
			int k = labels[i];
			if (k != 0 && small[k] && (allowed == null || allowed[i] != 0)) target[i] = (byte) value;
		}
	}

	/** Binary opening by a (2k+1)^2 square (a holds 0/1 and is overwritten; b is scratch). */
	private static void open(int[] a, int[] b, int w, int h, int k) {
		if (k <= 0) return;
		int full = (2 * k + 1) * (2 * k + 1);
		BoxSums.sum(a, w, h, k, b);
		for (int i = 0; i < a.length; i++) a[i] = b[i] == full ? 1 : 0;
		BoxSums.sum(a, w, h, k, b);
		for (int i = 0; i < a.length; i++) a[i] = b[i] > 0 ? 1 : 0;
	}
}
