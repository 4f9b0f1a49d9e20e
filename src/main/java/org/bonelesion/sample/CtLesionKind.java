package org.bonelesion.sample;

/** The kinds of designed change a micro-CT phantom can carry. */
public enum CtLesionKind {
	/** A hole through the whole cortex (lytic, perforating). */
	PERFORATING_HOLE("lytic", true, true, true),
	/** A partial-depth pit eroded from the periosteal (outer) side (lytic, not perforating). */
	PERIOSTEAL_PIT("lytic", true, false, true),
	/** A partial-depth pit eroded from the endosteal (inner) side (lytic, not perforating). */
	ENDOSTEAL_PIT("lytic", true, false, true),
	/** A dome of new bone on the periosteal surface, outside the smooth envelope (blastic). */
	PERIOSTEAL_NODULE("blastic", true, false, true),
	/** A thin base of new bone carrying radial spicules, outside the envelope (blastic). */
	PERIOSTEAL_SPICULES("blastic", true, false, true),
	/** Abnormal new bone filling part of the marrow cavity (blastic, not cortical). */
	MARROW_FILL("blastic", false, false, true),
	/**
	 * Trabecular bone removed inside a region: a change between scans (it counts in the paired
	 * truth) but not a single-scan lesion, since no cortex is missing.
	 */
	TRABECULAR_RESORPTION("resorption", false, false, false);

	/** "lytic", "blastic" or "resorption". */
	public final String type;
	/** True if the lesion sits in or on the cortex. */
	public final boolean cortical;
	/** True if it crosses the whole cortical thickness. */
	public final boolean perforating;
	/** True if a single-scan analysis should report it as a lesion. */
	public final boolean singleScanLesion;

	CtLesionKind(String type, boolean cortical, boolean perforating, boolean singleScanLesion) {
		this.type = type;
		this.cortical = cortical;
		this.perforating = perforating;
		this.singleScanLesion = singleScanLesion;
	}

	/** True if the change removes bone. */
	public boolean removesBone() {
		return !type.equals("blastic");
	}
}
