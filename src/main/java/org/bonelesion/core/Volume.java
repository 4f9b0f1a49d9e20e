package org.bonelesion.core;

/**
 * A 3D image stored plane by plane (one primitive array of {@code width*height} per slice,
 * index {@code y*width + x}), like an ImageJ stack, so that volumes beyond 2^31 voxels work
 * and slices can be handed to threads. A 2D image is a volume of depth 1.
 *
 * <p>The spacing is null only for an image read from a file that had no calibration; the
 * analyses refuse such an image (see {@link Calibrations#resolve}).
 */
public abstract class Volume {

	protected final int width;
	protected final int height;
	protected final int depth;
	protected final Spacing spacing;

	protected Volume(int width, int height, int depth, Spacing spacing) {
		if (width <= 0 || height <= 0 || depth <= 0) {
			throw new IllegalArgumentException("image dimensions must be positive, got " + width + " x " + height + " x " + depth);
		}
		if ((long) width * height > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("a slice of " + width + " x " + height + " pixels is too large");
		}
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.spacing = spacing;
	}

	public final int width() { return width; }
	public final int height() { return height; }
	public final int depth() { return depth; }

	/** Pixels per slice. */
	public final int sliceSize() { return width * height; }

	/** Number of voxels. */
	public final long size() { return (long) width * height * depth; }

	/** The voxel size in mm, or null if the image is not calibrated. */
	public final Spacing spacing() { return spacing; }

	/** The voxel size, or an exception naming the problem if the image is not calibrated. */
	public final Spacing requireSpacing() {
		if (spacing == null) throw new UserInputException("the image is not calibrated: its voxel size is unknown");
		return spacing;
	}

	/** True if (x, y, z) lies inside the image. */
	public final boolean contains(int x, int y, int z) {
		return x >= 0 && y >= 0 && z >= 0 && x < width && y < height && z < depth;
	}

	/** Same dimensions as another volume? */
	public final boolean sameShape(Volume o) {
		return width == o.width && height == o.height && depth == o.depth;
	}

	/** Throws if the other volume's dimensions differ. */
	public final void requireSameShape(Volume o) {
		if (!sameShape(o)) {
			throw new IllegalArgumentException("image sizes differ: " + dims() + " vs " + o.dims());
		}
	}

	/** "W x H x D". */
	public final String dims() {
		return width + " x " + height + " x " + depth;
	}

	/** The value at (x, y, z) as a double. */
	public abstract double getDouble(int x, int y, int z);

	/** A volume sharing this one's data but with another spacing. */
	public abstract Volume withSpacing(Spacing s);
}
