package org.bonelesion.ct;

import org.bonelesion.core.Table;
import org.bonelesion.ops.RigidRegistration;
import org.bonelesion.ops.RigidTransform3D;

/**
 * A paired analysis (follow-up against baseline) in baseline space.
 *
 * @param transform baseline -> follow-up point map (mm) used to resample the follow-up
 * @param registration the registration that found it, or null if the transform was given
 * @param resorbedMm3 {@code Resorbed.V}: baseline bone farther than the distance from any follow-up bone (mm^3)
 * @param formedMm3 {@code Formed.V}: follow-up bone farther than the distance from any baseline bone (mm^3)
 * @param distanceMm the resorption distance used (mm)
 * @param lesions lytic lesions (resorbed components) and blastic lesions (formed components) of at
 *        least the minimum volume, with labels in baseline space (1 = bone of either scan)
 */
public record PairedResult(RigidTransform3D transform, RigidRegistration.Result registration, double resorbedMm3, double formedMm3,
		double distanceMm, LesionResult lesions) {

	/**
	 * Puts {@code Resorbed.V (mm^3)}, {@code Formed.V (mm^3)} and the lesion columns
	 * ({@link LesionResult#putSummary}) into a row of {@code summary.csv}.
	 */
	public void putSummary(Table.Row row) {
		lesions.putSummary(row);
		row.put("Resorbed.V", "mm^3", resorbedMm3);
		row.put("Formed.V", "mm^3", formedMm3);
	}

	/**
	 * Puts the registration into a row: {@code Reg.Rx/Ry/Rz (deg)}, {@code Reg.Tx/Ty/Tz (mm)},
	 * {@code Reg.Mirror} (yes/no), {@code Reg.NCC} (normalised cross-correlation after
	 * registration, 1 = perfect) and {@code Reg.RMS} (RMS grey difference, grey units); NaN
	 * for the fit when the transform was given rather than found.
	 */
	public void putRegistration(Table.Row row) {
		double[] t = transform.translationMm();
		row.put("Reg.Rx", "deg", transform.rxDegrees());
		row.put("Reg.Ry", "deg", transform.ryDegrees());
		row.put("Reg.Rz", "deg", transform.rzDegrees());
		row.put("Reg.Tx", "mm", t[0]);
		row.put("Reg.Ty", "mm", t[1]);
		row.put("Reg.Tz", "mm", t[2]);
		row.put("Reg.Mirror", transform.mirrored() ? "yes" : "no");
		row.put("Reg.NCC", registration == null ? Double.NaN : registration.correlation());
		row.put("Reg.RMS", registration == null ? Double.NaN : registration.rmsDifference());
	}
}
