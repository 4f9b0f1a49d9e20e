package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;

/** An unsigned 8-bit volume: binary masks (0 or 1) and small label images. */
public final class ByteVolume extends Volume {

	private final byte[][] slices;

	/** A new volume filled with zeros. */
	public ByteVolume(int width, int height, int depth, Spacing spacing) {
		super(width, height, depth, spacing);
		this.slices = new byte[depth][width * height];
	}

	/** Wraps existing slices (not copied); each must hold width*height values. */
	public ByteVolume(int width, int height, Spacing spacing, byte[][] slices) {
		super(width, height, slices.length, spacing);
		for (byte[] s : slices) {
			if (s.length != width * height) throw new IllegalArgumentException("slice length " + s.length + " != " + width + " x " + height);
		}
		this.slices = slices;
	}

	/** The array of slice z (live, not a copy). */
	public byte[] slice(int z) {
		return slices[z];
	}

	/** All slices (live). */
	public byte[][] slices() {
		return slices;
	}

	public int get(int x, int y, int z) {
		return slices[z][y * width + x] & 0xff;
	}

	public void set(int x, int y, int z, int v) {
		slices[z][y * width + x] = (byte) v;
	}

	@Override
	public double getDouble(int x, int y, int z) {
		return get(x, y, z);
	}

	@Override
	public ByteVolume withSpacing(Spacing s) {
		return new ByteVolume(width, height, s, slices);
	}

	/** A volume of the same shape and spacing, filled with zeros. */
	public ByteVolume blankCopy() {
		return new ByteVolume(width, height, depth, spacing);
	}

	/** A deep copy. */
	public ByteVolume copy() {
		byte[][] c = new byte[depth][];
		for (int z = 0; z < depth; z++) c[z] = slices[z].clone();
		return new ByteVolume(width, height, spacing, c);
	}

	/** An ImgLib2 view of the same data (no copy), dimensions (x, y, z). */
	public PlanarImg<UnsignedByteType, ByteArray> toImg() {
		List<ByteArray> planes = new ArrayList<>(depth);
		for (byte[] s : slices) planes.add(new ByteArray(s));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, new long[] { width, height, depth }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}
}
