package org.bonelesion.histo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.UserInputException;
import org.bonelesion.ops.ColourDeconvolution;
import org.bonelesion.ops.StainEstimation;
import org.bonelesion.ops.StainMatrix;
import org.bonelesion.ops.StainVector;

/**
 * The stain model of a TRAP section: TRAP (row 0), haematoxylin (row 1) and the matrix
 * counterstain or, without one, the residual (row 2), with the blank-glass background, turned
 * into integer lookup tables of stain amounts in milli-OD units. Integer amounts make every
 * later box sum exact, so results do not depend on tiling or threads.
 *
 * <p>Piecewise unmixing. The three OD vectors are nearly coplanar (TRAP and haematoxylin
 * are about 20 degrees apart, and the green counterstains lie in almost the same plane), so
 * the full 3 x 3 inverse amplifies camera noise some fifty-fold. Since TRAP and the matrix
 * counterstain do not share pixels (osteoclasts lie beside the bone, not in it), each pixel
 * is unmixed with the pair of neighbouring stains whose cone holds its OD vector: TRAP with
 * haematoxylin, or haematoxylin with the counterstain (each pair completed by its residual,
 * as in {@link StainMatrix#of(StainVector, StainVector)}); noise is then amplified only by
 * about 1 / sin(angle between the pair). Pixels outside both cones get the amount of the
 * nearer edge stain, negative amounts become 0.
 */
public final class TrapStains {

	/** Amounts are stored in units of 1/SCALE OD. */
	public static final int SCALE = 1000;

	private final StainMatrix matrix;
	private final double[] background;
	private final boolean counterstained;
	private final String source;
	/** The TRAP threshold to use (OD), or NaN when the settings give it. */
	private double autoTrapOd = Double.NaN;
	private double glassTrapMedian = Double.NaN, glassTrapSigma = Double.NaN;
	/**
	 * lut[k][c][I]: milli-OD contribution of channel c at intensity I to: k = 0, 1 TRAP and
	 * haematoxylin of the (TRAP, haematoxylin) pair; k = 2, 3 haematoxylin and counterstain of
	 * the (haematoxylin, counterstain) pair; k = 4 the mean OD of the channels.
	 */
	private final int[][][] lut = new int[5][3][256];
	private final long[][][] packed;

	/**
	 * @param matrix         TRAP, haematoxylin, counterstain or residual
	 * @param background     blank-glass intensity per channel
	 * @param counterstained whether row 2 is a real counterstain
	 * @param source         how the vectors were obtained (for provenance)
	 */
	public TrapStains(StainMatrix matrix, double[] background, boolean counterstained, String source) {
		this.matrix = matrix;
		this.background = background.clone();
		this.counterstained = counterstained;
		this.source = source;
		StainMatrix trapPair = StainMatrix.of(matrix.stain(0), matrix.stain(1));
		StainMatrix counterPair = counterstained ? StainMatrix.of(matrix.stain(1), matrix.stain(2)) : null;
		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < 256; i++) {
				double od = ColourDeconvolution.opticalDensity(i, background[c]);
				for (int k = 0; k < 2; k++) lut[k][c][i] = (int) Math.round(SCALE * od * trapPair.inverse(c, k));
				if (counterPair != null) for (int k = 0; k < 2; k++) lut[2 + k][c][i] = (int) Math.round(SCALE * od * counterPair.inverse(c, k));
				lut[4][c][i] = (int) Math.round(SCALE * od / 3);
			}
		}
		packed = packTables();
	}

	/** The named counterstain vector, or null for "none". */
	public static StainVector counterstain(String name) {
		return switch (name) {
			case "fast-green" -> StainVector.FAST_GREEN;
			case "light-green" -> StainVector.FAST_GREEN.withName("Light Green");
			case "methyl-green" -> StainVector.METHYL_GREEN;
			case "aniline-blue" -> StainVector.ANILINE_BLUE;
			case "none" -> null;
			default -> throw new UserInputException("unknown counterstain '" + name + "'");
		};
	}

	/**
	 * The stains for the settings, estimated from {@code overview} (the image or a
	 * subsample of it) where the settings ask for it; {@code full} reads a user's TRAP
	 * rectangle at full resolution.
	 */
	public static TrapStains choose(HistoSettings s, RgbImage overview, RgbSource full, Parallel parallel) {
		double[] bg = s.background().equals("auto") ? StainEstimation.estimateBackground(overview, parallel) : HistoSettings.parseBackground(s.background());
		for (int c = 0; c < 3; c++) bg[c] = Math.max(1, Math.min(255, bg[c]));
		StainVector counter = counterstain(s.counterstain());
		StainVector trap = StainVector.TRAP;
		StainVector hem = StainVector.HAEMATOXYLIN;
		String source = "default vectors";
		if (s.stains().equals("estimate")) {
			String why = null;
			try {
				StainMatrix m = StainEstimation.macenko(overview, bg, StainEstimation.MacenkoOptions.DEFAULTS, parallel, StainVector.TRAP, StainVector.HAEMATOXYLIN);
				double aT = m.stain(0).angleDegrees(StainVector.TRAP), aH = m.stain(1).angleDegrees(StainVector.HAEMATOXYLIN);
				if (aT <= MAX_ESTIMATE_ANGLE && aH <= MAX_ESTIMATE_ANGLE && m.stain(0).angleDegrees(m.stain(1)) >= MIN_PAIR_ANGLE) {
					trap = m.stain(0);
					hem = m.stain(1);
					source = "TRAP and haematoxylin estimated by Macenko's method";
				} else {
					why = String.format(java.util.Locale.ROOT, "the estimate was implausible (TRAP %.0f and haematoxylin %.0f degrees from the named vectors, %.0f degrees apart)", aT, aH,
						m.stain(0).angleDegrees(m.stain(1)));
				}
			} catch (UserInputException e) {
				why = e.getMessage();
			}
			if (why != null) source = "default vectors: estimation asked for but " + why;
		} else if (!s.stains().equals("default")) {
			int[] r = HistoSettings.parseInts(s.stains(), 4, "stains");
			if (r[2] < 1 || r[3] < 1 || r[0] < 0 || r[1] < 0 || r[0] + r[2] > full.width() || r[1] + r[3] > full.height()) {
				throw new UserInputException("the TRAP region " + s.stains() + " (x,y,w,h) does not lie inside the " + full.width() + " x " + full.height() + " image");
			}
			trap = StainEstimation.fromRegion(full.region(r[0], r[1], r[2], r[3]), 0, 0, r[2], r[3], bg, StainVector.TRAP.name());
			source = "TRAP measured in the rectangle " + s.stains();
		}
		StainMatrix m = counter == null ? StainMatrix.of(trap, hem) : StainMatrix.of(trap, hem, counter);
		TrapStains st = new TrapStains(m, bg, counter != null, source);
		if (Double.isNaN(s.trapOd())) st.estimateTrapOd(overview, s);
		return st;
	}

	/** Largest angle (degrees) between an estimated vector and its named one for the estimate to be used. */
	public static final double MAX_ESTIMATE_ANGLE = 35;
	/** Smallest angle (degrees) between estimated TRAP and haematoxylin. */
	public static final double MIN_PAIR_ANGLE = 8;
	/** Automatic TRAP threshold: this many robust standard deviations above the glass median. */
	public static final double GLASS_SIGMAS = 10;

	/**
	 * The automatic TRAP threshold: the TRAP amount of blank glass (pixels whose box-smoothed
	 * mean OD is below half the tissue threshold), box-smoothed as the analysis smooths it,
	 * has median m and robust standard deviation 1.4826 MAD; the threshold is m + 10 sigma,
	 * at least 0.03 OD. It is estimated once, on the overview, so every tile uses the same one.
	 */
	private void estimateTrapOd(RgbImage overview, HistoSettings s) {
		int w = overview.width(), h = overview.height(), n = w * h;
		int[] px = overview.pixels();
		int[] trap = new int[n], od = new int[n];
		for (int i = 0; i < n; i++) {
			int p = px[i], r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
			trap[i] = Math.max(0, lut[0][0][r] + lut[0][1][g] + lut[0][2][b]);
			od[i] = lut[4][0][r] + lut[4][1][g] + lut[4][2][b];
		}
		// smoothing radius in overview pixels: the analysis smooths ~1 um; on a subsampled overview 1 pixel
		int rs = 1, area = (2 * rs + 1) * (2 * rs + 1);
		int[] trapS = new int[n], odS = new int[n];
		BoxSums.sum(trap, w, h, rs, trapS);
		BoxSums.sum(od, w, h, rs, odS);
		double glassLevel = 0.5 * s.tissueOd() * SCALE * area;
		int k = 0;
		for (int i = 0; i < n; i++) if (odS[i] < glassLevel) trap[k++] = trapS[i];
		if (k < 100) {
			autoTrapOd = 0.15;
			return;
		}
		int[] g = java.util.Arrays.copyOf(trap, k);
		java.util.Arrays.sort(g);
		double med = g[k / 2];
		for (int i = 0; i < k; i++) g[i] = (int) Math.abs(g[i] - med);
		java.util.Arrays.sort(g);
		double sigma = 1.4826 * g[k / 2];
		glassTrapMedian = med / (SCALE * area);
		glassTrapSigma = sigma / (SCALE * area);
		autoTrapOd = Math.max(0.03, glassTrapMedian + GLASS_SIGMAS * glassTrapSigma);
	}

	/** The TRAP threshold to use: the settings' value, or the automatic one when it is NaN. */
	public double trapOd(HistoSettings s) {
		return Double.isNaN(s.trapOd()) ? (Double.isNaN(autoTrapOd) ? 0.15 : autoTrapOd) : s.trapOd();
	}

	public StainMatrix matrix() { return matrix; }

	/** Blank-glass intensity (red, green, blue); a copy. */
	public double[] background() { return background.clone(); }

	/** True when row 2 is a matrix counterstain (not the residual). */
	public boolean counterstained() { return counterstained; }

	/** Bias and field mask of the packed tables: three 21-bit fields, each amount + PACK_BIAS. */
	static final long PACK_BIAS = 1L << 18, PACK_MASK = (1L << 21) - 1;

	/**
	 * Packed table j, channel c: for j = 0, TRAP (bits 42-62), haematoxylin (21-41) and mean OD
	 * (0-20) of the TRAP pair; for j = 1, haematoxylin and counterstain of the counterstain pair
	 * (and 0). Each field holds amount + PACK_BIAS; the sum of three channels' entries holds, in
	 * each field, the sum of the amounts + 3 PACK_BIAS without carries (|amount| &lt; 2^18).
	 */
	long[] packed(int j, int c) {
		return packed[j][c];
	}

	private long[][][] packTables() {
		long[][][] p = new long[2][3][256];
		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < 256; i++) {
				p[0][c][i] = field(lut[0][c][i]) << 42 | field(lut[1][c][i]) << 21 | field(lut[4][c][i]);
				p[1][c][i] = field(lut[2][c][i]) << 42 | field(lut[3][c][i]) << 21 | field(0);
			}
		}
		return p;
	}

	private static long field(int v) {
		if (Math.abs(v) >= PACK_BIAS) throw new IllegalStateException("stain amount out of the packed range: " + v);
		return v + PACK_BIAS;
	}

	/** Lookup table k (see the field), channel c. */
	int[] lut(int k, int c) { return lut[k][c]; }

	/** The vectors and background for provenance. */
	public Map<String, Object> describe() {
		Map<String, Object> m = new LinkedHashMap<>();
		List<StainVector> v = matrix.stains();
		for (StainVector sv : v) m.put(sv.name(), List.of(round(sv.r()), round(sv.g()), round(sv.b())));
		m.put("background (r,g,b)", List.of(round(background[0]), round(background[1]), round(background[2])));
		m.put("source", source);
		if (!Double.isNaN(autoTrapOd)) {
			m.put("automatic TRAP threshold (OD)", round(autoTrapOd));
			m.put("glass TRAP median, robust sigma (OD)", List.of(round(glassTrapMedian), round(glassTrapSigma)));
		}
		return m;
	}

	private static double round(double v) {
		return Math.round(v * 1e5) / 1e5;
	}
}
