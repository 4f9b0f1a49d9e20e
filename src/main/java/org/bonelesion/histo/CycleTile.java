package org.bonelesion.histo;

import java.util.ArrayList;
import java.util.List;

/**
 * The vicious-cycle measurements of one padded tile of a TRAP section, from the masks the
 * TRAP analysis computed for it ({@link TrapAnalyser}): woven bone ({@link WovenBoneFinder}),
 * osteoblasts ({@link OsteoblastFinder}), eroded surface ({@link ErodedSurfaceFinder}) and the
 * tumour-bone interface ({@link TumourBoneInterface}). Pixel counts and contour cells are
 * reported for the core only, like the TRAP analysis's own.
 *
 * <p>Each measurement runs on the part of the tile it needs: the core widened by its own
 * reach ({@link CycleSettings#wovenMargin}, {@link CycleSettings#erosionMargin},
 * {@link CycleSettings#osteoblastMargin}), not the whole padded tile (whose overlap is set by
 * the tumour detection); distances are bounded ones ({@link BoundedDistance}), asked only where
 * a decision needs them.
 */
final class CycleTile {

	/** Overlay colours: woven bone, osteoblast nuclei, eroded surface, tumour-bone interface. */
	static final int WOVEN = 0xff00ff, OSTEOBLAST = 0x00e0e0, ERODED = 0xffff00, INTERFACE = 0x9400d3;

	private final TileFrame f;
	private final byte[] bone;
	private byte[] woven, obSurface;
	private int wovenX0, wovenY0, wovenW; // woven: a crop of the tile
	private byte[] lacunaMarks; // over a crop of the tile: 1 on eroded outline edges, else 0; null: no bone
	private int lacunaX0, lacunaY0, lacunaW;
	private final BoundedDistance tumourDistance;
	private List<OsteoblastFinder.Osteoblast> osteoblasts;
	private final double tbiPx;
	private int interfaceOsteoclasts;

	/**
	 * Finds the tile's woven bone, lacunae, tumour distances and osteoblasts. Their arrays, and
	 * this tile's working arrays, come from the arena (keys starting with {@code "cycle."}): this
	 * object is valid until the arena's next tile.
	 */
	CycleTile(CycleSettings s, double pixelUm, double nucleusRadiusUm, TileFrame frame, byte[] bone, byte[] tumour, byte[] trap, int[] hemRaw,
		int[] hemSmooth, int[] counterSmooth, TileArena arena) {
		this.f = frame;
		this.bone = bone;
		double px = 1 / pixelUm;
		tbiPx = s.tbiDistanceUm() * px;
		findWoven(s, pixelUm, tumour, hemSmooth, counterSmooth, arena);
		findLacunae(s, pixelUm, arena);
		tumourDistance = TumourBoneInterface.tumourDistance(frame, tumour, tbiPx, arena, "cycle.tumourDistance");
		findOsteoblasts(s, pixelUm, nucleusRadiusUm, trap, hemRaw, arena);
	}

	/** Woven bone over the core widened by the woven margin. */
	private void findWoven(CycleSettings s, double pixelUm, byte[] tumour, int[] hemSmooth, int[] counterSmooth, TileArena arena) {
		int w = f.width();
		double px = 1 / pixelUm;
		TileFrame wf = f.aroundCore(s.wovenMargin(pixelUm));
		wovenX0 = f.coreX0() - wf.coreX0();
		wovenY0 = f.coreY0() - wf.coreY0();
		wovenW = wf.width();
		int ww = wf.width(), wh = wf.height();
		// the bone is copied (it is labelled), tumour and stains read in place
		woven = WovenBoneFinder.find(wf, arena.cropAtLeast("cycle.woven.bone", bone, w, wovenX0, wovenY0, ww, wh), tumour, hemSmooth, counterSmooth,
			wovenY0 * w + wovenX0, w, (int) Math.floor(s.wovenMaxUm() * px), s.wovenSurroundUm() * px, s.wovenSurroundFraction(), s.wovenHemFraction(),
			arena, "cycle.woven");
	}

	/** Eroded-surface marks over the core widened by the erosion margin (null if it holds no bone). */
	private void findLacunae(CycleSettings s, double pixelUm, TileArena arena) {
		double px = 1 / pixelUm;
		TileFrame ef = f.aroundCore(s.erosionMargin(pixelUm));
		lacunaX0 = f.coreX0() - ef.coreX0();
		lacunaY0 = f.coreY0() - ef.coreY0();
		lacunaW = ef.width();
		int w = f.width(), base = lacunaY0 * w + lacunaX0;
		// no bone: no lacuna (glass and marrow-only tiles skip the outline walk); the bone is read in place
		lacunaMarks = !anyNonzero(bone, base, w, ef.width(), ef.height()) ? null
			: ErodedSurfaceFinder.lacunaMarks(ef, bone, base, w, s.erosionScaleUm() * px, s.erosionMinDepthUm() * px, s.erosionMaxDepthUm() * px, arena,
				"cycle.lacunae");
	}

	/** True if a nonzero byte lies in the rectangle of rows {@code stride} apart, {@code width} bytes each, starting at {@code base}. */
	private static boolean anyNonzero(byte[] a, int base, int stride, int width, int height) {
		for (int y = 0; y < height; y++) {
			int from = base + y * stride;
			if (ByteRuns.nextNonzero(a, from, from + width) < from + width) return true;
		}
		return false;
	}

	/** Osteoblasts near the core (tile coordinates) and their surface over the whole tile. */
	private void findOsteoblasts(CycleSettings s, double pixelUm, double nucleusRadiusUm, byte[] trap, int[] hemRaw, TileArena arena) {
		int w = f.width();
		double px = 1 / pixelUm;
		double rMin = nucleusRadiusUm * px;
		OsteoblastFinder.Criteria c = new OsteoblastFinder.Criteria(s.obNucleusOd() * TrapStains.SCALE, s.obCytoplasmOd() * TrapStains.SCALE,
			Math.PI * rMin * rMin, s.obNucleusMaxUm2() * px * px, s.obContactUm() * px, s.obReachUm() * px, Math.max(1, px), Math.max(2, 3 * px),
			s.obCoverFraction());
		int bound = OsteoblastFinder.distanceBound(c);
		// the osteoblasts counted or drawn here lie within the osteoblast margin; their bone within the distance bound of them
		TileFrame of = f.aroundCore(s.osteoblastMargin(pixelUm) + bound + 2);
		int ox = f.coreX0() - of.coreX0(), oy = f.coreY0() - of.coreY0(), ow = of.width(), oh = of.height();
		// bone, TRAP and haematoxylin read in place: the frame's pixel (x, y) is the tile's element base + y * w + x
		int base = oy * w + ox;
		List<OsteoblastFinder.Osteoblast> found = OsteoblastFinder.find(of, bone, trap, hemRaw, base, w,
			new BoundedDistance(bone, base, w, ow, oh, bound, arena, "cycle.ob.boneDistance"), c, arena, "cycle.ob.nuclei");
		osteoblasts = new ArrayList<>();
		for (OsteoblastFinder.Osteoblast o : found) osteoblasts.add(new OsteoblastFinder.Osteoblast(o.x() + ox, o.y() + oy, o.area(), o.owned()));
		obSurface = OsteoblastFinder.surface(f, osteoblasts, s.obReachUm() * px, arena, "cycle.ob.surface");
	}

	/** True if contour cell i (index of its top-left pixel) is on the tumour-bone interface. */
	boolean onInterface(int i) {
		int w = f.width();
		return TumourBoneInterface.onInterface(tumourDistance, i % w, i / w, tbiPx);
	}

	/** Records one osteoclast reported by this tile. */
	void osteoclast(boolean atInterface) {
		if (atInterface) interfaceOsteoclasts++;
	}

	private boolean wovenAt(int x, int y) {
		int cx = x - wovenX0, cy = y - wovenY0;
		return woven[cy * wovenW + cx] != 0;
	}

	/** True if pixel (x, y) of the tile is marked as beside an eroded outline edge. */
	private boolean lacunaAt(int x, int y) {
		return lacunaMarks != null && lacunaMarks[(y - lacunaY0) * lacunaW + x - lacunaX0] != 0;
	}

	/**
	 * The tile's measurements.
	 *
	 * @param contourCells the core's bone contour cells (index of the top-left pixel), {@code count} of them
	 * @param lengths      their contour lengths (pixels, nonzero)
	 * @param ocCovered    contour cells covered by osteoclasts (nonzero)
	 */
	ViciousCycleMeasures measure(int[] contourCells, double[] lengths, int count, byte[] ocCovered) {
		int w = f.width();
		long wovenPx = 0;
		double ob = 0, eroded = 0, tbi = 0, ocTbi = 0;
		for (int y = f.coreY0(); y < f.coreY1(); y++) {
			int off = (y - wovenY0) * wovenW - wovenX0;
			for (int x = f.coreX0(); x < f.coreX1(); x++) wovenPx += woven[off + x];
		}
		for (int k = 0; k < count; k++) {
			int i = contourCells[k];
			double len = lengths[k];
			int x = i % w, y = i / w;
			if (obSurface[i] != 0) ob += len;
			if (lacunaAt(x, y) || lacunaAt(x + 1, y) || lacunaAt(x, y + 1) || lacunaAt(x + 1, y + 1)) eroded += len;
			if (TumourBoneInterface.onInterface(tumourDistance, x, y, tbiPx)) {
				tbi += len;
				if (ocCovered[i] != 0) ocTbi += len;
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
		boolean tumourNear = !tumourDistance.empty();
		for (int y = f.coreY0(); y < f.coreY1(); y++) {
			int orow = ((y0 + y) / scale) * overlayWidth;
			int wovenOff = (y - wovenY0) * wovenW - wovenX0;
			for (int x = f.coreX0(); x < f.coreX1(); x++) {
				int i = y * w + x;
				if ((x & 63) == 0 && x + 64 <= f.coreX1() && uniform(y, x, x + 64, wovenOff)) {
					// 64 pixels (and their neighbours) all bone or all not, no woven bone: nothing to draw
					x += 63;
					continue;
				}
				boolean wv = woven[wovenOff + x] != 0;
				byte b = bone[i];
				// fast path: no woven bone and all four neighbours on the same side of the bone edge
				boolean same = (x == 0 || bone[i - 1] == b) && (x + 1 >= w || bone[i + 1] == b) && (y == 0 || bone[i - w] == b) && (y + 1 >= h || bone[i + w] == b);
				if (!wv && same) continue;
				boolean edge = b != 0 && !same, outerEdge = b == 0 && !same;
				int oi = orow + (x0 + x) / scale;
				if (wv) overlay[oi] = edge ? WOVEN : blend(overlay[oi], WOVEN);
				if (edge && lacunaAt(x, y)) overlay[oi] = ERODED;
				if (outerEdge && tumourNear && tumourDistance.distance(x, y) <= tbiPx) overlay[oi] = INTERFACE;
			}
		}
		drawOsteoblasts(overlay, overlayWidth, scale, x0, y0);
	}

	/** Rings round the osteoblast nuclei, core pixels only. */
	private void drawOsteoblasts(int[] overlay, int overlayWidth, int scale, int x0, int y0) {
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

	/** True if pixels [x0, x1) of row y, and their 4-neighbours in the tile, are all bone or all not, and none is woven. */
	private boolean uniform(int y, int x0, int x1, int wovenOff) {
		if (!ByteRuns.uniform(bone, f.width(), f.height(), y, x0, x1)) return false;
		return ByteRuns.allEqual(woven, wovenOff + x0, wovenOff + x1, (byte) 0);
	}

	private static int blend(int a, int b) {
		int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2, g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2, bl = ((a & 0xff) + (b & 0xff)) / 2;
		return (r << 16) | (g << 8) | bl;
	}
}
