package org.bonelesion.histo;

import java.util.List;

/**
 * The vicious-cycle measurements of one padded tile of a TRAP section, from the masks the
 * TRAP analysis computed for it ({@link TrapAnalyser}): woven bone ({@link WovenBoneFinder}),
 * osteoblasts ({@link OsteoblastFinder}), eroded surface ({@link ErodedSurfaceFinder}) and the
 * tumour-bone interface ({@link TumourBoneInterface}). Pixel counts and contour cells are
 * reported for the core only, like the TRAP analysis's own.
 */
final class CycleTile {

	/** Overlay colours: woven bone, osteoblast nuclei, eroded surface, tumour-bone interface. */
	static final int WOVEN = 0xff00ff, OSTEOBLAST = 0x00e0e0, ERODED = 0xffff00, INTERFACE = 0x9400d3;

	/** Eroded stretches: contour within this of a lacuna (joins the cusps between lacunae), um. */
	static final double JOIN_UM = 1.5;

	private final TileFrame f;
	private final byte[] bone, woven, obSurface;
	private final float[] lacunaDistance, tumourDistance;
	private final List<OsteoblastFinder.Osteoblast> osteoblasts;
	private final double joinPx, tbiPx;
	private int interfaceOsteoclasts;

	CycleTile(CycleSettings s, double pixelUm, double nucleusRadiusUm, TileFrame frame, byte[] bone, byte[] tumour, byte[] trap, int[] hemRaw,
		int[] hemSmooth, int[] counterSmooth) {
		this.f = frame;
		this.bone = bone;
		double px = 1 / pixelUm;
		woven = WovenBoneFinder.find(frame, bone, tumour, hemSmooth, counterSmooth, (int) Math.floor(s.wovenMaxUm() * px), s.wovenSurroundUm() * px,
			s.wovenSurroundFraction(), s.wovenHemFraction());
		lacunaDistance = ErodedSurfaceFinder.lacunaDistance(frame, bone, s.erosionScaleUm() * px, s.erosionMinDepthUm() * px, s.erosionMaxDepthUm() * px);
		tumourDistance = TumourBoneInterface.tumourDistance(frame, tumour);
		float[] boneDistance = frame.distanceTo(bone);
		double rMin = nucleusRadiusUm * px;
		OsteoblastFinder.Criteria c = new OsteoblastFinder.Criteria(s.obNucleusOd() * TrapStains.SCALE, s.obCytoplasmOd() * TrapStains.SCALE,
			Math.PI * rMin * rMin, s.obNucleusMaxUm2() * px * px, s.obContactUm() * px, s.obReachUm() * px, Math.max(1, px), Math.max(2, 3 * px),
			s.obCoverFraction());
		osteoblasts = OsteoblastFinder.find(frame, bone, trap, hemRaw, boneDistance, c);
		obSurface = OsteoblastFinder.surface(frame, osteoblasts, s.obReachUm() * px);
		joinPx = Math.max(1.5, JOIN_UM * px);
		tbiPx = s.tbiDistanceUm() * px;
	}

	/** True if contour cell i (index of its top-left pixel) is on the tumour-bone interface. */
	boolean onInterface(int i) {
		int w = f.width();
		return TumourBoneInterface.onInterface(f, tumourDistance, i % w, i / w, tbiPx);
	}

	/** Records one osteoclast reported by this tile. */
	void osteoclast(boolean atInterface) {
		if (atInterface) interfaceOsteoclasts++;
	}

	/**
	 * The tile's measurements.
	 *
	 * @param counter    the smoothed counterstain field the bone contour is traced on
	 * @param level      the bone level on that field
	 * @param ocCovered  contour cells covered by osteoclasts (nonzero)
	 */
	ViciousCycleMeasures measure(int[] counter, double level, byte[] ocCovered) {
		int w = f.width();
		long wovenPx = 0;
		double ob = 0, eroded = 0, tbi = 0, ocTbi = 0;
		for (int y = f.coreY0(); y < f.coreY1(); y++) for (int x = f.coreX0(); x < f.coreX1(); x++) wovenPx += woven[y * w + x];
		for (int y = f.coreY0(); y < Math.min(f.coreY1(), f.height() - 1); y++) {
			for (int x = f.coreX0(); x < Math.min(f.coreX1(), w - 1); x++) {
				double len = ContourLength.cell(counter, w, x, y, level);
				if (len == 0) continue;
				int i = y * w + x;
				if (obSurface[i] != 0) ob += len;
				if (f.cornerMin(lacunaDistance, x, y) <= joinPx) eroded += len;
				if (TumourBoneInterface.onInterface(f, tumourDistance, x, y, tbiPx)) {
					tbi += len;
					if (ocCovered[i] != 0) ocTbi += len;
				}
			}
		}
		int nOb = 0;
		for (OsteoblastFinder.Osteoblast o : osteoblasts) if (o.owned()) nOb++;
		return new ViciousCycleMeasures(wovenPx, nOb, ob, eroded, tbi, interfaceOsteoclasts, ocTbi);
	}

	/**
	 * Draws woven bone (tinted, outlined), eroded surface (bone edge), the interface (the edge
	 * just outside bone) and osteoblast nuclei (rings) on the overlay, core pixels only.
	 *
	 * @param overlay overlay pixels, {@code overlayWidth} wide, {@code scale} image pixels per overlay pixel
	 * @param x0      image x of the tile's pixel 0
	 * @param y0      image y of the tile's pixel 0
	 */
	void draw(int[] overlay, int overlayWidth, int scale, int x0, int y0) {
		int w = f.width(), h = f.height();
		for (int y = f.coreY0(); y < f.coreY1(); y++) {
			for (int x = f.coreX0(); x < f.coreX1(); x++) {
				int i = y * w + x;
				int oi = ((y0 + y) / scale) * overlayWidth + (x0 + x) / scale;
				boolean edge = false, outerEdge = false;
				for (int d = 0; d < 4; d++) {
					int nx = x + (d == 0 ? -1 : d == 1 ? 1 : 0), ny = y + (d == 2 ? -1 : d == 3 ? 1 : 0);
					if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
					int j = ny * w + nx;
					if (bone[i] != 0 && bone[j] == 0) edge = true;
					if (bone[i] == 0 && bone[j] != 0) outerEdge = true;
				}
				if (woven[i] != 0) overlay[oi] = edge ? WOVEN : blend(overlay[oi], WOVEN);
				if (edge && lacunaDistance[i] <= joinPx + 1) overlay[oi] = ERODED;
				if (outerEdge && tumourDistance[i] <= tbiPx) overlay[oi] = INTERFACE;
			}
		}
		for (OsteoblastFinder.Osteoblast o : osteoblasts) {
			double r = Math.sqrt(o.area() / Math.PI) + 1;
			int steps = (int) Math.ceil(2 * Math.PI * r * 2);
			for (int k = 0; k < steps; k++) {
				int x = (int) Math.round(o.x() + r * Math.cos(2 * Math.PI * k / steps)), y = (int) Math.round(o.y() + r * Math.sin(2 * Math.PI * k / steps));
				if (!f.inCore(x, y)) continue;
				overlay[((y0 + y) / scale) * overlayWidth + (x0 + x) / scale] = OSTEOBLAST;
			}
		}
	}

	private static int blend(int a, int b) {
		int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2, g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2, bl = ((a & 0xff) + (b & 0xff)) / 2;
		return (r << 16) | (g << 8) | bl;
	}
}
