package org.bonelesion.histo;

import java.io.Closeable;
import java.io.IOException;

import org.bonelesion.core.RgbImage;
import org.bonelesion.io.RgbTiffRegionReader;

/** Where the pixels of a colour image come from, a rectangle at a time (thread-safe). */
public interface RgbSource extends Closeable {

	int width();

	int height();

	/** The rectangle [x, x+w) x [y, y+h), inside the image. */
	RgbImage region(int x, int y, int w, int h);

	@Override
	default void close() throws IOException {}

	/** The whole image's packed pixels (row by row, {@link #width()} wide) if it is held in memory, else null (read regions). */
	default int[] inMemoryPixels() {
		return null;
	}

	/** An image held in memory. */
	static RgbSource of(RgbImage image) {
		return new RgbSource() {
			public int width() { return image.width(); }
			public int height() { return image.height(); }
			public RgbImage region(int x, int y, int w, int h) {
				return x == 0 && y == 0 && w == image.width() && h == image.height() ? image : image.crop(x, y, w, h);
			}
			public int[] inMemoryPixels() { return image.pixels(); }
		};
	}

	/** A big TIFF read a rectangle at a time. */
	static RgbSource of(RgbTiffRegionReader reader) {
		return new RgbSource() {
			public int width() { return reader.width(); }
			public int height() { return reader.height(); }
			public RgbImage region(int x, int y, int w, int h) { return reader.readRegion(x, y, w, h); }
			public void close() throws IOException { reader.close(); }
		};
	}

	/**
	 * A subsample of the image (every step-th pixel in x and y) with at most about
	 * {@code maxPixels} pixels, read in bands of rows: for estimating background and stains
	 * without holding the image.
	 */
	static RgbImage overview(RgbSource src, long maxPixels) {
		int w = src.width(), h = src.height();
		int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) w * h / maxPixels)));
		if (step == 1) return src.region(0, 0, w, h);
		int ow = (w + step - 1) / step, oh = (h + step - 1) / step;
		int[] out = new int[ow * oh];
		for (int oy = 0; oy < oh; oy++) {
			RgbImage row = src.region(0, oy * step, w, 1);
			for (int ox = 0; ox < ow; ox++) out[oy * ow + ox] = row.pixels()[ox * step];
		}
		return new RgbImage(ow, oh, out, null);
	}
}
