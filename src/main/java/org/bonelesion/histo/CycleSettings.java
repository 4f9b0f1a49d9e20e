package org.bonelesion.histo;

import org.bonelesion.core.Options;
import org.bonelesion.core.UsageException;

/**
 * Parameters of the vicious-cycle measurements of a tissue section (woven bone, osteoblasts,
 * eroded surface, tumour-bone interface), in physical units. See docs/histo-cycle.md.
 *
 * @param wovenHemFraction     woven (tumour-induced) bone matrix takes up more haematoxylin than
 *                             lamellar bone: a bone profile is woven only if, over its interior,
 *                             haematoxylin / (haematoxylin + counterstain) is at least this
 *                             (0 = no stain test: position and size decide)
 * @param wovenMaxUm           largest extent (bounding box side) of a woven-bone profile, um
 * @param wovenSurroundUm      width of the ring around a bone profile examined for tumour, um
 * @param wovenSurroundFraction fraction of that ring that must be tumour for the profile to lie in tumour
 * @param obNucleusOd          haematoxylin amount above which a pixel belongs to a dense (osteoblast) nucleus
 * @param obCytoplasmOd        haematoxylin amount of the basophilic cytoplasm of a lining cell
 * @param obContactUm          largest gap between an osteoblast nucleus and the bone surface, um
 * @param obNucleusMaxUm2      largest osteoblast nucleus profile, um^2 (larger: tumour or other cells)
 * @param obReachUm            bone surface within this distance of an osteoblast nucleus centre is
 *                             osteoblast surface (Ob.Pm), um; also the radius of its foot examined for cytoplasm
 * @param obCoverFraction      fraction of the foot (the 1-3 um band of surface beside the nucleus) that
 *                             must be cytoplasm or nucleus for a lining cell
 * @param erosionScaleUm       half the width of the widest resorption lacuna, um: the chord laid across a
 *                             lacuna (the local envelope of the surface) is at most twice this long
 * @param erosionMinDepthUm    shallowest lacuna, um below that chord (shallower pockets are roughness)
 * @param erosionMaxDepthUm    deepest lacuna, um (deeper pockets are gaps and crotches between bone branches)
 * @param tbiDistanceUm        bone surface within this distance of tumour is tumour-bone interface, um
 */
public record CycleSettings(double wovenHemFraction, double wovenMaxUm, double wovenSurroundUm, double wovenSurroundFraction,
	double obNucleusOd, double obCytoplasmOd, double obContactUm, double obNucleusMaxUm2, double obReachUm, double obCoverFraction,
	double erosionScaleUm, double erosionMinDepthUm, double erosionMaxDepthUm, double tbiDistanceUm) {

	/** Adds the options of the vicious-cycle measurements (tissue mode) to {@code o}. */
	public static Options declare(Options o) {
		o.optional("woven-hem-fraction", "0.3", "fraction", "woven bone: least haematoxylin / (haematoxylin + counterstain) of its matrix (0: no stain test)");
		o.optional("woven-max-um", "120", "um", "woven bone: largest extent of a woven-bone profile");
		o.optional("woven-surround-um", "10", "um", "woven bone: width of the ring around a bone profile examined for tumour");
		o.optional("woven-surround", "0.5", "fraction", "woven bone: fraction of that ring that must be tumour");
		o.optional("ob-nucleus-od", "0.55", "OD", "osteoblasts: haematoxylin amount of a dense nucleus");
		o.optional("ob-cytoplasm-od", "0.2", "OD", "osteoblasts: haematoxylin amount of the basophilic cytoplasm of a lining cell");
		o.optional("ob-contact-um", "3", "um", "osteoblasts: largest gap between the nucleus and the bone surface");
		o.optional("ob-nucleus-max-um2", "40", "um^2", "osteoblasts: largest nucleus profile (larger: tumour cells)");
		o.optional("ob-reach-um", "7", "um", "osteoblasts: bone surface within this distance of the nucleus centre is osteoblast surface");
		o.optional("ob-cover", "0.7", "fraction", "osteoblasts: fraction of the cell's foot on the bone that must be stained cell");
		o.optional("erosion-scale-um", "30", "um", "eroded surface: half the width of the widest resorption lacuna");
		o.optional("erosion-min-depth-um", "2.5", "um", "eroded surface: shallowest resorption lacuna (shallower pockets are roughness)");
		o.optional("erosion-max-depth-um", "15", "um", "eroded surface: deepest resorption lacuna");
		o.optional("tbi-um", "10", "um", "tumour-bone interface: largest distance between bone surface and tumour");
		return o;
	}

	/** Settings from parsed options (declared by {@link #declare}). */
	public static CycleSettings from(Options.Parsed p) {
		CycleSettings s = new CycleSettings(nonNegative(p, "woven-hem-fraction"), p.positive("woven-max-um"), p.positive("woven-surround-um"),
			p.positive("woven-surround"), p.positive("ob-nucleus-od"), p.positive("ob-cytoplasm-od"), nonNegative(p, "ob-contact-um"),
			p.positive("ob-nucleus-max-um2"), p.positive("ob-reach-um"), nonNegative(p, "ob-cover"), p.positive("erosion-scale-um"),
			nonNegative(p, "erosion-min-depth-um"), p.positive("erosion-max-depth-um"), nonNegative(p, "tbi-um"));
		if (s.wovenHemFraction > 1 || s.wovenSurroundFraction > 1 || s.obCoverFraction > 1) {
			throw new UsageException("--woven-hem-fraction, --woven-surround and --ob-cover are fractions between 0 and 1");
		}
		if (s.erosionMaxDepthUm <= s.erosionMinDepthUm) throw new UsageException("--erosion-max-depth-um must exceed --erosion-min-depth-um");
		return s;
	}

	/** The defaults. */
	public static CycleSettings defaults() {
		return from(declare(new Options()).parse(new String[0]));
	}

	private static double nonNegative(Options.Parsed p, String name) {
		double v = p.number(name);
		if (!(v >= 0) || !Double.isFinite(v)) throw new UsageException("--" + name + " must be zero or positive, got '" + p.get(name) + "'");
		return v;
	}

	/** Tile overlap (pixels) these measurements need beyond the tumour detection's own. */
	int margin(double pixelUm, int tumourMargin) {
		return Math.max(erosionMargin(pixelUm), Math.max(osteoblastMargin(pixelUm), tumourMargin + Math.max(wovenMargin(pixelUm), interfaceMargin(pixelUm))));
	}

	/** Pixels around a tile's core in which woven-bone profiles touching the core and their surrounding rings lie. */
	int wovenMargin(double pixelUm) {
		return (int) Math.ceil((wovenMaxUm + wovenSurroundUm) / pixelUm) + 3;
	}

	/** Pixels around a tile's core the tumour-bone interface looks at. */
	int interfaceMargin(double pixelUm) {
		return (int) Math.ceil(tbiDistanceUm / pixelUm) + 2;
	}

	/** Pixels around a tile's core from which the lacunae of the core's outline are decided (see ErodedSurfaceFinder#margin). */
	int erosionMargin(double pixelUm) {
		return ErodedSurfaceFinder.margin(erosionScaleUm / pixelUm);
	}

	/** Pixels around a tile's core in which the osteoblasts drawn or counted there, their feet and the bone they touch lie. */
	int osteoblastMargin(double pixelUm) {
		return (int) Math.ceil((obReachUm + obContactUm + 2 * Math.sqrt(obNucleusMaxUm2)) / pixelUm) + 4;
	}
}
