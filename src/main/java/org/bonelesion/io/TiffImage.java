package org.bonelesion.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.bonelesion.core.UserInputException;

/**
 * One image (directory) of a TIFF file, laid out as a grid of chunks (strips or tiles), read
 * chunk by chunk. Checked on construction: sizes, compression, chunk offsets inside the file.
 */
final class TiffImage {

	final TiffFile file;
	final TiffFile.Ifd ifd;
	final int width, height, spp, bytesPerSample, compression, predictor;
	final boolean planar, tiled;
	final int chunkWidth, chunkHeight, across, down;
	final long[] offsets, counts;

	TiffImage(TiffFile file, TiffFile.Ifd ifd) {
		this.file = file;
		this.ifd = ifd;
		String name = file.name;
		width = ifd.width();
		height = ifd.height();
		spp = ifd.samplesPerPixel();
		int bits = ifd.bitsPerSample();
		if (width <= 0 || height <= 0) throw file.damaged("the image size is " + width + " x " + height);
		if (spp < 1 || spp > 16) throw file.damaged(spp + " samples per pixel");
		if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
			throw new UserInputException(name + " has " + bits + "-bit samples; only 8, 16, 32 and 64-bit TIFF images can be read");
		}
		bytesPerSample = bits / 8;
		compression = ifd.compression();
		if (!TiffCodecs.supported(compression)) {
			throw new UserInputException(name + " uses " + TiffCodecs.name(compression)
				+ " compression, which cannot be read here; save it uncompressed, LZW or Deflate (e.g. in Fiji: File > Save As > Tiff)");
		}
		predictor = ifd.predictor();
		if (predictor != 1 && predictor != 2) throw new UserInputException(name + " uses TIFF predictor " + predictor + ", which cannot be read here");
		planar = ifd.planar() && spp > 1;
		tiled = ifd.tiled();
		if (tiled) {
			chunkWidth = (int) ifd.get(TiffFile.TILE_WIDTH, 0);
			chunkHeight = (int) ifd.get(TiffFile.TILE_LENGTH, 0);
			offsets = ifd.longs(TiffFile.TILE_OFFSETS);
			counts = ifd.longs(TiffFile.TILE_BYTE_COUNTS);
		} else {
			chunkWidth = width;
			chunkHeight = (int) Math.max(1, Math.min(height, ifd.get(TiffFile.ROWS_PER_STRIP, height)));
			offsets = ifd.longs(TiffFile.STRIP_OFFSETS);
			long[] c = ifd.longs(TiffFile.STRIP_BYTE_COUNTS);
			counts = c != null ? c : uncompressedCounts();
		}
		if (chunkWidth <= 0 || chunkHeight <= 0 || (long) chunkWidth * chunkHeight * spp * bytesPerSample > Integer.MAX_VALUE - 16) {
			throw file.damaged("chunks of " + chunkWidth + " x " + chunkHeight + " pixels");
		}
		across = (int) ((width + (long) chunkWidth - 1) / chunkWidth);
		down = (int) ((height + (long) chunkHeight - 1) / chunkHeight);
		long needed = (long) across * down * (planar ? spp : 1);
		if (offsets == null || counts == null || offsets.length < needed || counts.length < needed) {
			throw file.damaged("it lists " + (offsets == null ? 0 : offsets.length) + " data chunks where " + needed + " are needed");
		}
		for (int i = 0; i < needed; i++) {
			if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > file.length || counts[i] > Integer.MAX_VALUE - 16) {
				throw new UserInputException(name + " is truncated or damaged: image data at byte " + offsets[i] + " (" + counts[i]
					+ " bytes) lies beyond the end of the file (" + file.length + " bytes)");
			}
		}
	}

	private long[] uncompressedCounts() {
		if (compression != TiffCodecs.NONE) return null;
		long rows = Math.max(1, Math.min(height, ifd.get(TiffFile.ROWS_PER_STRIP, height)));
		int n = (int) ((height + rows - 1) / rows);
		long[] c = new long[n];
		for (int i = 0; i < n; i++) c[i] = Math.min(rows, height - i * rows) * width * (long) spp * bytesPerSample;
		return c;
	}

	/** Bytes per pixel within one chunk (all samples if chunky, one if planar). */
	int chunkPixelBytes() {
		return planar ? bytesPerSample : spp * bytesPerSample;
	}

	/** Rows actually stored in chunk row {@code cy} (strips at the bottom may be short). */
	int rowsIn(int cy) {
		return tiled ? chunkHeight : Math.min(chunkHeight, height - cy * chunkHeight);
	}

	/** Chunk index of chunk (cx, cy) of sample plane p (p = 0 unless planar). */
	int index(int cx, int cy, int p) {
		return (p * down + cy) * across + cx;
	}

	/**
	 * True if the whole image is one uncompressed run of bytes in file order, so that it can be
	 * read with one call.
	 */
	boolean contiguous() {
		if (compression != TiffCodecs.NONE || tiled || planar) return false;
		long expect = offsets[0];
		for (int i = 0; i < down; i++) {
			if (offsets[i] != expect) return false;
			long bytes = (long) rowsIn(i) * width * spp * bytesPerSample;
			if (counts[i] < bytes) return false;
			expect += bytes;
		}
		return true;
	}

	/** The decoded bytes of one chunk: chunkWidth x rowsIn(cy) pixels, samples as stored. */
	byte[] chunk(int cx, int cy, int p) {
		int i = index(cx, cy, p);
		int rows = rowsIn(cy);
		int expected = chunkWidth * rows * chunkPixelBytes();
		try {
			ByteBuffer b = ByteBuffer.allocate((int) counts[i]);
			PlaneSources.readFully(file.channel, b, offsets[i]);
			byte[] out = TiffCodecs.decode(compression, b.array(), expected);
			if (predictor == 2) TiffCodecs.undoPredictor(out, rows, chunkWidth, planar ? 1 : spp, bytesPerSample, file.order);
			return out;
		} catch (EOFException e) {
			throw new UserInputException(file.name + " is truncated: image data ends early", e);
		} catch (IOException e) {
			throw new UserInputException(file.name + " cannot be read: " + e.getMessage(), e);
		} catch (IllegalArgumentException e) {
			throw new UserInputException(file.name + " is damaged: " + e.getMessage(), e);
		}
	}

	/** Reads the whole of sample plane 0 (grey images) into dst, in file byte order. */
	void readGreyPlane(ByteBuffer dst) throws IOException {
		if (contiguous()) {
			dst.clear();
			PlaneSources.readFully(file.channel, dst, offsets[0]);
			return;
		}
		int rowBytes = width * bytesPerSample;
		for (int cy = 0; cy < down; cy++) {
			for (int cx = 0; cx < across; cx++) {
				byte[] c = chunk(cx, cy, 0);
				int x0 = cx * chunkWidth, y0 = cy * chunkHeight;
				int w = Math.min(chunkWidth, width - x0), h = Math.min(rowsIn(cy), height - y0);
				int step = chunkWidth * chunkPixelBytes();
				for (int r = 0; r < h; r++) {
					dst.position((y0 + r) * rowBytes + x0 * bytesPerSample);
					dst.put(c, r * step, w * bytesPerSample);
				}
			}
		}
		dst.position(dst.limit());
	}
}
