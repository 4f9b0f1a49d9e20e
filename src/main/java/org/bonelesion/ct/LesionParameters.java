package org.bonelesion.ct;

/**
 * Parameters of the micro-CT lesion analysis, all lengths in millimetres and volumes in
 * mm^3. {@link #defaults()} suits mouse and rat long bones scanned at 5-25 um.
 *
 * @param minVolumeMm3 smallest lesion reported (mm^3); smaller components are ignored
 * @param minThicknessMm smallest thickness (mm) a lesion must have somewhere: a lesion is kept
 *        only if a ball of this diameter fits inside it. Rejects surface roughness, foramina
 *        and vascular canals narrower than this, and noise. Periosteal new bone thinner than this
 *        is still a lesion where it rises at least twice this above the fitted periosteal
 *        surface (spicules)
 * @param envelopeRadiusMm radius (mm) of the ball that closes the bone to reconstruct the smooth
 *        periosteal envelope: bridges cortical openings up to about twice this wide
 * @param protrusionRadiusMm radius (mm) of the ball that opens the periosteal envelope:
 *        periosteal bone narrower than about twice this sticks out of the opened envelope and
 *        is blastic; raised to the envelope radius when smaller (a smaller ball would fit into the
 *        fillets the closing leaves around a nodule), then capped at 0.7 x the median inscribed
 *        radius of the envelope's slices
 * @param marrowRadiusMm radius (mm) of the ball that opens the marrow cavity to reconstruct the
 *        smooth endosteal surface (pits narrower than about twice this are excluded from the
 *        cavity); capped at 0.8 x the median inscribed radius of the cavity's slices
 * @param marrowBoneThicknessMm bone deeper than the cortex (in the marrow cavity) is blastic
 *        where it is thicker than this (mm): normal trabeculae are thinner
 * @param resorptionDistanceMm paired analysis: bone counts as resorbed (formed) when farther
 *        than this (mm) from any follow-up (baseline) bone
 */
public record LesionParameters(double minVolumeMm3, double minThicknessMm, double envelopeRadiusMm,
		double protrusionRadiusMm, double marrowRadiusMm, double marrowBoneThicknessMm, double resorptionDistanceMm) {

	/** Default smallest lesion: 0.0005 mm^3 (a ball of 0.1 mm diameter is 0.00052 mm^3). */
	public static final double DEFAULT_MIN_VOLUME_MM3 = 0.0005;
	/** Default smallest lesion thickness: 0.05 mm. */
	public static final double DEFAULT_MIN_THICKNESS_MM = 0.05;
	/** Default periosteal closing radius: 0.5 mm. */
	public static final double DEFAULT_ENVELOPE_RADIUS_MM = 0.5;
	/** Default periosteal opening radius: 0.5 mm. */
	public static final double DEFAULT_PROTRUSION_RADIUS_MM = 0.5;
	/** Default marrow opening radius: 0.5 mm. */
	public static final double DEFAULT_MARROW_RADIUS_MM = 0.5;
	/** Default thickness of blastic marrow bone: 0.15 mm. */
	public static final double DEFAULT_MARROW_BONE_THICKNESS_MM = 0.15;
	/** Default resorption distance: 0.150 mm (150 um). */
	public static final double DEFAULT_RESORPTION_DISTANCE_MM = 0.150;

	public LesionParameters {
		positive("minimum lesion volume", minVolumeMm3, true);
		positive("minimum lesion thickness", minThicknessMm, true);
		positive("envelope radius", envelopeRadiusMm, false);
		positive("protrusion radius", protrusionRadiusMm, false);
		positive("marrow radius", marrowRadiusMm, false);
		positive("marrow bone thickness", marrowBoneThicknessMm, false);
		positive("resorption distance", resorptionDistanceMm, true);
	}

	private static void positive(String what, double v, boolean zeroAllowed) {
		boolean ok = Double.isFinite(v) && (zeroAllowed ? v >= 0 : v > 0);
		if (!ok) throw new IllegalArgumentException(what + " must be a finite " + (zeroAllowed ? "non-negative" : "positive") + " number, got " + v);
	}

	/** The defaults listed above. */
	public static LesionParameters defaults() {
		return new LesionParameters(DEFAULT_MIN_VOLUME_MM3, DEFAULT_MIN_THICKNESS_MM, DEFAULT_ENVELOPE_RADIUS_MM,
				DEFAULT_PROTRUSION_RADIUS_MM, DEFAULT_MARROW_RADIUS_MM, DEFAULT_MARROW_BONE_THICKNESS_MM,
				DEFAULT_RESORPTION_DISTANCE_MM);
	}

	/** A copy with another minimum lesion volume (mm^3). */
	public LesionParameters withMinVolume(double mm3) {
		return new LesionParameters(mm3, minThicknessMm, envelopeRadiusMm, protrusionRadiusMm, marrowRadiusMm, marrowBoneThicknessMm, resorptionDistanceMm);
	}

	/** A copy with another minimum lesion thickness (mm). */
	public LesionParameters withMinThickness(double mm) {
		return new LesionParameters(minVolumeMm3, mm, envelopeRadiusMm, protrusionRadiusMm, marrowRadiusMm, marrowBoneThicknessMm, resorptionDistanceMm);
	}

	/** A copy with another periosteal closing radius (mm). */
	public LesionParameters withEnvelopeRadius(double mm) {
		return new LesionParameters(minVolumeMm3, minThicknessMm, mm, protrusionRadiusMm, marrowRadiusMm, marrowBoneThicknessMm, resorptionDistanceMm);
	}

	/** A copy with another periosteal opening radius (mm). */
	public LesionParameters withProtrusionRadius(double mm) {
		return new LesionParameters(minVolumeMm3, minThicknessMm, envelopeRadiusMm, mm, marrowRadiusMm, marrowBoneThicknessMm, resorptionDistanceMm);
	}

	/** A copy with another marrow opening radius (mm). */
	public LesionParameters withMarrowRadius(double mm) {
		return new LesionParameters(minVolumeMm3, minThicknessMm, envelopeRadiusMm, protrusionRadiusMm, mm, marrowBoneThicknessMm, resorptionDistanceMm);
	}

	/** A copy with another blastic marrow bone thickness (mm). */
	public LesionParameters withMarrowBoneThickness(double mm) {
		return new LesionParameters(minVolumeMm3, minThicknessMm, envelopeRadiusMm, protrusionRadiusMm, marrowRadiusMm, mm, resorptionDistanceMm);
	}

	/** A copy with another resorption distance (mm). */
	public LesionParameters withResorptionDistance(double mm) {
		return new LesionParameters(minVolumeMm3, minThicknessMm, envelopeRadiusMm, protrusionRadiusMm, marrowRadiusMm, marrowBoneThicknessMm, mm);
	}
}
