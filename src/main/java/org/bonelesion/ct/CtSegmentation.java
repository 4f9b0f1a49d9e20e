package org.bonelesion.ct;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;

/**
 * Everything the micro-CT pipeline found in one scan, for morphometry, pictures and the
 * lesion code. All masks are 0/1, of the image's shape, with its spacing; none is shared with
 * another (each may be modified by its user only after copying, by convention).
 *
 * @param image                 the grey values as read (not smoothed), with the resolved spacing
 * @param values                raw grey value to physical value; {@code values.isDensity()} when density-calibrated
 * @param spacing               voxel size in mm
 * @param threshold             the threshold actually used
 * @param bone                  the segmented bone (after speck removal and keep-largest)
 * @param envelope              the periosteal envelope: the bone with its marrow cavity filled
 *                              (every voxel when the scan has no cortex)
 * @param marrow                the marrow space: the trabecular compartment minus bone
 * @param cortical              cortical bone (empty when the scan has no cortex)
 * @param trabecularCompartment the envelope minus the cortex and its pores: the region whose
 *                              volume is TV (the whole image when there is no cortex)
 * @param trabecular            trabecular bone: bone inside the trabecular compartment
 * @param hasCortex             whether a cortex was separated
 * @param voiStart              first slice of the volume of interest (0-based, inclusive)
 * @param voiEnd                last slice of the volume of interest, exclusive
 * @param voiDescription        how the volume of interest was chosen, for the provenance
 */
public record CtSegmentation(ShortVolume image, ValueCalibration values, Spacing spacing, Threshold threshold, ByteVolume bone,
	ByteVolume envelope, ByteVolume marrow, ByteVolume cortical, ByteVolume trabecularCompartment, ByteVolume trabecular,
	boolean hasCortex, int voiStart, int voiEnd, String voiDescription) {

	/**
	 * The global threshold used: voxels whose smoothed grey value is at least {@code raw} are bone.
	 *
	 * @param method   "otsu", "isodata" or "fixed"
	 * @param raw      the lowest smoothed grey value counted as bone
	 * @param physical {@code raw} in physical units ({@code unit}), or the raw value when uncalibrated
	 * @param unit     the physical unit ("mgHA/cm^3", ...), "grey" when uncalibrated
	 */
	public record Threshold(String method, int raw, double physical, String unit) {}

	/** Number of slices of the volume of interest. */
	public int voiSlices() {
		return voiEnd - voiStart;
	}
}
