package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/** A 32-bit float volume: smoothed images, distances, optical densities. */
public final class FloatVolume extends Volume {

	private final float[][] slices;

	/** A new volume filled with zeros. */
	public FloatVolume(int width, int height, int depth, Spacing spacing) {
		super(width, height, depth, spacing);
		this.slices = new float[depth][width * height];
	}

	/** Wraps existing slices (not copied); each must hold width*height values. */
	public FloatVolume(int width, int height, Spacing spacing, float[][] slices) {
		super(width, height, slices.length, spacing);
		for (float[] s : slices) {
			if (s.length != width * height) throw new IllegalArgumentException("slice length " + s.length + " != " + width + " x " + height);
		}
		this.slices = slices;
	}

	/** The array of slice z (live, not a copy). */
	public float[] slice(int z) {
		return slices[z];
	}

	/** All slices (live). */
	public float[][] slices() {
		return slices;
	}

	public float get(int x, int y, int z) {
		return slices[z][y * width + x];
	}

	public void set(int x, int y, int z, float v) {
		slices[z][y * width + x] = v;
	}

	@Override
	public double getDouble(int x, int y, int z) {
		return get(x, y, z);
	}

	@Override
	public FloatVolume withSpacing(Spacing s) {
		return new FloatVolume(width, height, s, slices);
	}

	/** A volume of the same shape and spacing, filled with zeros. */
	public FloatVolume blankCopy() {
		return new FloatVolume(width, height, depth, spacing);
	}

	/** A deep copy. */
	public FloatVolume copy() {
		float[][] c = new float[depth][];
		for (int z = 0; z < depth; z++) c[z] = slices[z].clone();
		return new FloatVolume(width, height, spacing, c);
	}

	/** An ImgLib2 view of the same data (no copy), dimensions (x, y, z). */
	public PlanarImg<FloatType, FloatArray> toImg() {
		List<FloatArray> planes = new ArrayList<>(depth);
		for (float[] s : slices) planes.add(new FloatArray(s));
		PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, new long[] { width, height, depth }, new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}
}
