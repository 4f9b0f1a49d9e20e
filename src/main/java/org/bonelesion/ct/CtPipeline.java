package org.bonelesion.ct;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.ValueCalibration;

/**
 * The micro-CT pipeline up to the compartments: {@link BoneSegmenter}, {@link Compartments},
 * {@link VolumeOfInterest}. Its {@link CtSegmentation} is what morphometry, the picture and
 * the lesion code work on.
 */
public final class CtPipeline {

	private CtPipeline() {
	}

	/**
	 * Runs the pipeline.
	 *
	 * @param image    grey values; its spacing must be set (resolved calibration)
	 * @param values   raw to physical values (density when {@code values.isDensity()})
	 * @param settings the parameters
	 * @param name     the input's name, for messages
	 */
	public static CtSegmentation run(ShortVolume image, ValueCalibration values, CtSettings settings, String name, Parallel parallel,
		Progress progress) {
		image.requireSpacing();
		BoneSegmenter.Result seg = BoneSegmenter.segment(image, values, settings, name, parallel, progress.sub(0, 0.4));
		progress.checkCancelled();
		ByteVolume bone = seg.bone();
		Compartments.Result comp = Compartments.split(bone, settings, parallel, progress.sub(0.4, 0.95));
		progress.checkCancelled();
		VolumeOfInterest.Slab slab = VolumeOfInterest.resolve(bone, settings);
		ByteVolume trabecular = bone.copy();
		Compartments.and(trabecular, comp.trabecularCompartment(), parallel);
		ByteVolume marrow = Compartments.andNot(comp.trabecularCompartment(), bone, parallel);
		progress.report("compartments", 1);
		return new CtSegmentation(image, values, image.spacing(), seg.threshold(), bone, comp.envelope(), marrow, comp.cortical(),
			comp.trabecularCompartment(), trabecular, comp.hasCortex(), slab.start(), slab.end(), slab.description());
	}
}
