package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.util.Fraction;

/** A 32-bit signed integer volume: labels of connected components. */
public final class IntVolume extends Volume {

	private final int[][] slices;

	/** A new volume filled with zeros. */
	public IntVolume(int width, int height, int depth, Spacing spacing) {
		super(width, height, depth, spacing);
		this.slices = new int[depth][width * height];
	}

	/** Wraps existing slices (not copied); each must hold width*height values. */
	public IntVolume(int width, int height, Spacing spacing, int[][] slices) {
		super(width, height, slices.length, spacing);
		for (int[] s : slices) {
			if (s.length != width * height) throw new IllegalArgumentException("slice length " + s.length + " != " + width + " x " + height);
		}
		this.slices = slices;
	}

	/** The array of slice z (live, not a copy). */
	public int[] slice(int z) {
		return slices[z];
	}

	/** All slices (live). */
	public int[][] slices() {
		return slices;
	}

	public int get(int x, int y, int z) {
		return slices[z][y * width + x];
	}

	public void set(int x, int y, int z, int v) {
		slices[z][y * width + x] = v;
	}

	@Override
	public double getDouble(int x, int y, int z) {
		return get(x, y, z);
	}

	@Override
	public IntVolume withSpacing(Spacing s) {
		return new IntVolume(width, height, s, slices);
	}

	/** A volume of the same shape and spacing, filled with zeros. */
	public IntVolume blankCopy() {
		return new IntVolume(width, height, depth, spacing);
	}

	/** A deep copy. */
	public IntVolume copy() {
		int[][] c = new int[depth][];
		for (int z = 0; z < depth; z++) c[z] = slices[z].clone();
		return new IntVolume(width, height, spacing, c);
	}

	/** An ImgLib2 view of the same data (no copy), dimensions (x, y, z). */
	public PlanarImg<IntType, IntArray> toImg() {
		List<IntArray> planes = new ArrayList<>(depth);
		for (int[] s : slices) planes.add(new IntArray(s));
		PlanarImg<IntType, IntArray> img = new PlanarImg<>(planes, new long[] { width, height, depth }, new Fraction());
		img.setLinkedType(new IntType(img));
		return img;
	}
}
