package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Fraction;

/** An unsigned 16-bit grey-level volume (8-bit data is widened); the raw scanner values. */
public final class ShortVolume extends Volume {

	private final short[][] slices;

	/** A new volume filled with zeros. */
	public ShortVolume(int width, int height, int depth, Spacing spacing) {
		super(width, height, depth, spacing);
		this.slices = new short[depth][width * height];
	}

	/** Wraps existing slices (not copied); each must hold width*height values. */
	public ShortVolume(int width, int height, Spacing spacing, short[][] slices) {
		super(width, height, slices.length, spacing);
		for (short[] s : slices) {
			if (s.length != width * height) throw new IllegalArgumentException("slice length " + s.length + " != " + width + " x " + height);
		}
		this.slices = slices;
	}

	/** The array of slice z (live, not a copy). */
	public short[] slice(int z) {
		return slices[z];
	}

	/** All slices (live). */
	public short[][] slices() {
		return slices;
	}

	public int get(int x, int y, int z) {
		return slices[z][y * width + x] & 0xffff;
	}

	public void set(int x, int y, int z, int v) {
		slices[z][y * width + x] = (short) v;
	}

	@Override
	public double getDouble(int x, int y, int z) {
		return get(x, y, z);
	}

	@Override
	public ShortVolume withSpacing(Spacing s) {
		return new ShortVolume(width, height, s, slices);
	}

	/** A volume of the same shape and spacing, filled with zeros. */
	public ShortVolume blankCopy() {
		return new ShortVolume(width, height, depth, spacing);
	}

	/** A deep copy. */
	public ShortVolume copy() {
		short[][] c = new short[depth][];
		for (int z = 0; z < depth; z++) c[z] = slices[z].clone();
		return new ShortVolume(width, height, spacing, c);
	}

	/** An ImgLib2 view of the same data (no copy), dimensions (x, y, z). */
	public PlanarImg<UnsignedShortType, ShortArray> toImg() {
		List<ShortArray> planes = new ArrayList<>(depth);
		for (short[] s : slices) planes.add(new ShortArray(s));
		PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, new long[] { width, height, depth }, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}
}
