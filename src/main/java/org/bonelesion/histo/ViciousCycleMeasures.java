package org.bonelesion.histo;

import org.bonelesion.core.Table;

/**
 * The vicious-cycle measurements of a tissue section, in pixel units (multiply by the pixel
 * size or its square): woven bone, osteoblasts, eroded surface and the tumour-bone interface
 * with its osteoclasts. See docs/histo-cycle.md for the meanings (ASBMR nomenclature).
 *
 * @param wovenPixels          woven (tumour-induced new) bone
 * @param osteoblasts          osteoblasts counted
 * @param obPerimeter          bone perimeter covered by osteoblasts, pixel lengths
 * @param erodedPerimeter      eroded (scalloped) bone perimeter, pixel lengths
 * @param interfacePerimeter   bone perimeter in contact with tumour, pixel lengths
 * @param interfaceOsteoclasts osteoclasts with at least half their contact on the interface
 * @param interfaceOcPerimeter interface covered by osteoclasts, pixel lengths
 */
public record ViciousCycleMeasures(long wovenPixels, int osteoblasts, double obPerimeter, double erodedPerimeter, double interfacePerimeter,
	int interfaceOsteoclasts, double interfaceOcPerimeter) {

	/** Nothing found. */
	public static final ViciousCycleMeasures NONE = new ViciousCycleMeasures(0, 0, 0, 0, 0, 0, 0);

	/** The sum of this and another tile's measurements. */
	public ViciousCycleMeasures plus(ViciousCycleMeasures o) {
		return new ViciousCycleMeasures(wovenPixels + o.wovenPixels, osteoblasts + o.osteoblasts, obPerimeter + o.obPerimeter,
			erodedPerimeter + o.erodedPerimeter, interfacePerimeter + o.interfacePerimeter, interfaceOsteoclasts + o.interfaceOsteoclasts,
			interfaceOcPerimeter + o.interfaceOcPerimeter);
	}

	/**
	 * Adds the columns {@code Wo.B.Ar (mm^2)}, {@code Wo.B.Ar/T.Ar (%)}, {@code N.Ob},
	 * {@code N.Ob/B.Pm (1/mm)}, {@code Ob.Pm/B.Pm (%)}, {@code E.Pm/B.Pm (%)}, {@code TBI (mm)},
	 * {@code N.Oc/TBI (1/mm)}, {@code Oc.Pm/TBI (%)} to a summary row. Ratios with a zero
	 * denominator are NaN (no interface: no osteoclasts per mm of it).
	 *
	 * @param tissuePixels  T.Ar in pixels
	 * @param bonePerimeter B.Pm in pixel lengths
	 * @param pixelMm       pixel size, mm
	 */
	public void addColumns(Table.Row row, long tissuePixels, double bonePerimeter, double pixelMm) {
		double a = pixelMm * pixelMm;
		double wo = wovenPixels * a, tar = tissuePixels * a, bpm = bonePerimeter * pixelMm, tbi = interfacePerimeter * pixelMm;
		row.put("Wo.B.Ar", "mm^2", wo);
		row.put("Wo.B.Ar/T.Ar", "%", ratio(wo, tar) * 100);
		row.put("N.Ob", null, osteoblasts);
		row.put("N.Ob/B.Pm", "1/mm", ratio(osteoblasts, bpm));
		row.put("Ob.Pm/B.Pm", "%", ratio(obPerimeter, bonePerimeter) * 100);
		row.put("E.Pm/B.Pm", "%", ratio(erodedPerimeter, bonePerimeter) * 100);
		row.put("TBI", "mm", tbi);
		row.put("N.Oc/TBI", "1/mm", ratio(interfaceOsteoclasts, tbi));
		row.put("Oc.Pm/TBI", "%", ratio(interfaceOcPerimeter, interfacePerimeter) * 100);
	}

	private static double ratio(double a, double b) {
		return b > 0 ? a / b : Double.NaN;
	}
}
