package org.bonelesion.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;

/**
 * Reads rectangles of a big RGB TIFF (whole-slide scans, stitched sections) without loading
 * the whole image: only the strips or tiles under the rectangle are read and decoded. The
 * first full-resolution image of the file is used; 8-bit RGB or RGBA, chunky or planar, strips
 * or tiles, uncompressed, LZW, Deflate or PackBits (JPEG-compressed scans are refused with a
 * message). Uncompressed strips are read row by row, only the rectangle's bytes; other
 * images chunk by chunk, recently decoded chunks cached (64 MB), so neighbouring tiles sharing
 * a strip decode it once. Thread-safe; close it when done.
 */
public final class RgbTiffRegionReader implements Closeable {

	private static final long CACHE_BYTES = 64L << 20;

	private final TiffFile file;
	private final TiffImage image;
	private final Spacing spacing;
	private long cached;
	private final LinkedHashMap<Integer, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);

	private RgbTiffRegionReader(TiffFile file, TiffImage image, Spacing spacing) {
		this.file = file;
		this.image = image;
		this.spacing = spacing;
	}

	/** Opens a TIFF; a UserInputException naming the file if it is not an RGB TIFF that can be read. */
	public static RgbTiffRegionReader open(Path path) {
		TiffFile tf = TiffFile.open(path);
		try {
			TiffFile.Ifd ifd = tf.first();
			TiffImage im = new TiffImage(tf, ifd);
			long photometric = ifd.get(TiffFile.PHOTOMETRIC, 2);
			if (im.spp < 3 || photometric != 2 || im.bytesPerSample != 1) {
				throw new UserInputException(tf.name + " is not an 8-bit RGB colour image (" + im.spp + " samples of " + 8 * im.bytesPerSample
					+ " bits, photometric " + photometric + "); TRAP histology needs the colour brightfield image");
			}
			return new RgbTiffRegionReader(tf, im, TiffCalibration.spacing(ifd));
		} catch (RuntimeException e) {
			try {
				tf.close();
			} catch (IOException ignored) {
				// already failing
			}
			throw e;
		}
	}

	/** Image width in pixels. */
	public int width() { return image.width; }

	/** Image height in pixels. */
	public int height() { return image.height; }

	/** Pixel size in mm from the file, or null if it has none. */
	public Spacing spacing() { return spacing; }

	/** Compression of the image data (e.g. "none", "LZW", "Deflate"). */
	public String compression() { return TiffCodecs.name(image.compression); }

	/** The rectangle [x, x+w) x [y, y+h), which must lie inside the image, as packed RGB. */
	public RgbImage readRegion(int x, int y, int w, int h) {
		if (x < 0 || y < 0 || w <= 0 || h <= 0 || (long) x + w > image.width || (long) y + h > image.height) {
			throw new IllegalArgumentException("region " + x + "," + y + " " + w + " x " + h + " outside the " + image.width + " x " + image.height + " image");
		}
		if (rowsReadable()) return readRows(x, y, w, h);
		int[] out = new int[Math.multiplyExact(w, h)];
		int cx0 = x / image.chunkWidth, cx1 = (x + w - 1) / image.chunkWidth;
		int cy0 = y / image.chunkHeight, cy1 = (y + h - 1) / image.chunkHeight;
		int spp = image.spp;
		for (int cy = cy0; cy <= cy1; cy++) {
			for (int cx = cx0; cx <= cx1; cx++) {
				int ox = cx * image.chunkWidth, oy = cy * image.chunkHeight;
				int xa = Math.max(x, ox), xb = Math.min(x + w, ox + image.chunkWidth);
				int ya = Math.max(y, oy), yb = Math.min(y + h, oy + image.rowsIn(cy));
				if (image.planar) {
					byte[] r = chunk(cx, cy, 0), g = chunk(cx, cy, 1), b = chunk(cx, cy, 2);
					for (int yy = ya; yy < yb; yy++) {
						int src = (yy - oy) * image.chunkWidth + (xa - ox);
						int dst = (yy - y) * w + (xa - x);
						for (int xx = xa; xx < xb; xx++, src++, dst++) out[dst] = (r[src] & 0xff) << 16 | (g[src] & 0xff) << 8 | (b[src] & 0xff);
					}
				} else {
					byte[] c = chunk(cx, cy, 0);
					for (int yy = ya; yy < yb; yy++) {
						int src = ((yy - oy) * image.chunkWidth + (xa - ox)) * spp;
						int dst = (yy - y) * w + (xa - x);
						for (int xx = xa; xx < xb; xx++, src += spp, dst++) out[dst] = (c[src] & 0xff) << 16 | (c[src + 1] & 0xff) << 8 | (c[src + 2] & 0xff);
					}
				}
			}
		}
		return new RgbImage(w, h, out, spacing);
	}

	/**
	 * True if the image is uncompressed, chunky (RGBRGB...) and in strips: then the bytes of any
	 * run of pixels along a row lie together in the file, and a rectangle is read row by row,
	 * only its own bytes. ImageJ saves big RGB images this way, as one strip of the whole image,
	 * which chunk by chunk would mean reading (and holding) the whole image for every rectangle.
	 */
	private boolean rowsReadable() {
		return image.compression == TiffCodecs.NONE && !image.tiled && !image.planar && image.predictor == 1;
	}

	/** {@link #readRegion} of a {@link #rowsReadable()} image: one positional read per row of the rectangle. */
	private RgbImage readRows(int x, int y, int w, int h) {
		int spp = image.spp;
		int[] out = new int[Math.multiplyExact(w, h)];
		java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(Math.multiplyExact(w, spp));
		byte[] c = row.array();
		try {
			for (int yy = y; yy < y + h; yy++) {
				int strip = yy / image.chunkHeight;
				long pos = image.offsets[strip] + ((long) (yy - strip * image.chunkHeight) * image.width + x) * spp;
				row.clear();
				PlaneSources.readFully(file.channel, row, pos);
				int dst = (yy - y) * w;
				for (int k = 0, src = 0; k < w; k++, src += spp) out[dst + k] = (c[src] & 0xff) << 16 | (c[src + 1] & 0xff) << 8 | (c[src + 2] & 0xff);
			}
		} catch (java.io.EOFException e) {
			throw new UserInputException(file.name + " is truncated: image data ends early", e);
		} catch (IOException e) {
			throw new UserInputException(file.name + " cannot be read: " + e.getMessage(), e);
		}
		return new RgbImage(w, h, out, spacing);
	}

	/** The whole image (only sensible when it fits in memory). */
	public RgbImage readAll() {
		return readRegion(0, 0, image.width, image.height);
	}

	private byte[] chunk(int cx, int cy, int plane) {
		int key = image.index(cx, cy, plane);
		synchronized (cache) {
			byte[] c = cache.get(key);
			if (c != null) return c;
		}
		byte[] c = image.chunk(cx, cy, plane);
		synchronized (cache) {
			if (cache.put(key, c) == null) cached += c.length;
			var it = cache.entrySet().iterator();
			while (cached > CACHE_BYTES && it.hasNext()) {
				Map.Entry<Integer, byte[]> e = it.next();
				if (e.getKey() == key) continue;
				cached -= e.getValue().length;
				it.remove();
			}
		}
		return c;
	}

	@Override
	public void close() throws IOException {
		file.close();
	}
}
