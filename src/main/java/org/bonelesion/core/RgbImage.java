package org.bonelesion.core;

/**
 * A 2D colour image, packed RGB (0xRRGGBB, alpha ignored) in one int array, row by row. The
 * spacing's x and y are the pixel size; z is unused (set equal to x).
 */
public final class RgbImage {

	private final int width;
	private final int height;
	private final int[] rgb;
	private final Spacing spacing;

	public RgbImage(int width, int height, int[] rgb, Spacing spacing) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
		if ((long) width * height != rgb.length) throw new IllegalArgumentException("pixel array length " + rgb.length + " != " + width + " x " + height);
		this.width = width;
		this.height = height;
		this.rgb = rgb;
		this.spacing = spacing;
	}

	/** A new black image. */
	public RgbImage(int width, int height, Spacing spacing) {
		this(width, height, new int[Math.multiplyExact(width, height)], spacing);
	}

	public int width() { return width; }
	public int height() { return height; }
	/** The pixels (live), 0xRRGGBB. */
	public int[] pixels() { return rgb; }
	/** The pixel size in mm, or null if the image is not calibrated. */
	public Spacing spacing() { return spacing; }

	public int get(int x, int y) { return rgb[y * width + x]; }
	public void set(int x, int y, int v) { rgb[y * width + x] = v; }

	public RgbImage withSpacing(Spacing s) {
		return new RgbImage(width, height, rgb, s);
	}

	/** Pixel size in mm (square pixels assumed by the histology code; x is used). */
	public double pixelSize() {
		if (spacing == null) throw new UserInputException("the image is not calibrated: its pixel size is unknown");
		return spacing.x();
	}

	/** A copy of the rectangle [x0, x0+w) x [y0, y0+h), which must lie inside the image. */
	public RgbImage crop(int x0, int y0, int w, int h) {
		int[] out = new int[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(rgb, (y0 + y) * width + x0, out, y * w, w);
		return new RgbImage(w, h, out, spacing);
	}
}
