package org.bonelesion.io;

import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Decompression of TIFF chunks: none, LZW, Deflate (Adobe and old-style), PackBits; horizontal predictor. */
final class TiffCodecs {

	static final int NONE = 1, LZW = 5, DEFLATE = 8, PACKBITS = 32773, DEFLATE_OLD = 32946;

	private TiffCodecs() {}

	static boolean supported(int compression) {
		return compression == NONE || compression == LZW || compression == DEFLATE || compression == DEFLATE_OLD || compression == PACKBITS;
	}

	static String name(int compression) {
		return switch (compression) {
			case NONE -> "none";
			case 2 -> "CCITT";
			case LZW -> "LZW";
			case 6, 7 -> "JPEG";
			case DEFLATE, DEFLATE_OLD -> "Deflate";
			case PACKBITS -> "PackBits";
			case 33003, 33005, 34712 -> "JPEG 2000";
			default -> "code " + compression;
		};
	}

	/**
	 * Decodes a chunk into exactly {@code expected} bytes (short data is padded with zeros).
	 *
	 * @throws IllegalArgumentException if the data is corrupt
	 */
	static byte[] decode(int compression, byte[] in, int expected) {
		return switch (compression) {
			case NONE -> in.length == expected ? in : java.util.Arrays.copyOf(in, expected);
			case LZW -> lzw(in, expected);
			case DEFLATE, DEFLATE_OLD -> inflate(in, expected);
			case PACKBITS -> packBits(in, expected);
			default -> throw new IllegalArgumentException("unsupported compression " + name(compression));
		};
	}

	static byte[] inflate(byte[] in, int expected) {
		Inflater inf = new Inflater();
		try {
			inf.setInput(in);
			byte[] out = new byte[expected];
			int n = 0;
			while (n < expected && !inf.finished()) {
				int r = inf.inflate(out, n, expected - n);
				if (r == 0 && (inf.needsInput() || inf.needsDictionary())) break;
				n += r;
			}
			return out;
		} catch (DataFormatException e) {
			throw new IllegalArgumentException("corrupt Deflate data: " + e.getMessage(), e);
		} finally {
			inf.end();
		}
	}

	static byte[] packBits(byte[] in, int expected) {
		byte[] out = new byte[expected];
		int ip = 0, op = 0;
		while (ip < in.length && op < expected) {
			int n = in[ip++];
			if (n >= 0) {
				int c = Math.min(n + 1, Math.min(expected - op, in.length - ip));
				System.arraycopy(in, ip, out, op, c);
				ip += n + 1;
				op += c;
			} else if (n != -128) {
				if (ip >= in.length) break;
				byte b = in[ip++];
				int c = Math.min(1 - n, expected - op);
				java.util.Arrays.fill(out, op, op + c, b);
				op += c;
			}
		}
		return out;
	}

	/** TIFF LZW: MSB-first codes of 9 to 12 bits, clear 256, end 257, early code-width change. */
	static byte[] lzw(byte[] in, int expected) {
		byte[] out = new byte[expected];
		int[] prefix = new int[4096];
		byte[] suffix = new byte[4096];
		byte[] first = new byte[4096];
		int[] len = new int[4096];
		for (int i = 0; i < 256; i++) {
			prefix[i] = -1;
			suffix[i] = (byte) i;
			first[i] = (byte) i;
			len[i] = 1;
		}
		int next = 258, width = 9, old = -1, op = 0, ip = 0, bits = 0;
		long buf = 0;
		while (op < expected) {
			while (bits < width && ip < in.length) {
				buf = (buf << 8) | (in[ip++] & 0xff);
				bits += 8;
			}
			if (bits < width) break;
			int code = (int) ((buf >>> (bits - width)) & ((1 << width) - 1));
			bits -= width;
			if (code == 257) break;
			if (code == 256) {
				next = 258;
				width = 9;
				old = -1;
				continue;
			}
			if (old == -1) {
				if (code > 255) throw new IllegalArgumentException("corrupt LZW data");
				out[op++] = (byte) code;
				old = code;
				continue;
			}
			if (code > next || next >= 4096 && code >= next) throw new IllegalArgumentException("corrupt LZW data");
			if (next < 4096) {
				prefix[next] = old;
				suffix[next] = code < next ? first[code] : first[old];
				first[next] = first[old];
				len[next] = len[old] + 1;
				next++;
			}
			int l = len[code];
			int end = op + l;
			int c = code;
			for (int p = end - 1; p >= op; p--) {
				if (p < expected) out[p] = suffix[c];
				c = prefix[c];
			}
			op = Math.min(end, expected);
			old = code;
			if (next == 511) width = 10;
			else if (next == 1023) width = 11;
			else if (next == 2047) width = 12;
		}
		return out;
	}

	/** Undoes horizontal differencing (predictor 2) in place on rows of {@code rowSamples} samples. */
	static void undoPredictor(byte[] data, int rows, int rowPixels, int spp, int bytesPerSample, ByteOrder order) {
		int rowSamples = rowPixels * spp;
		if (bytesPerSample == 1) {
			for (int r = 0; r < rows; r++) {
				int base = r * rowSamples;
				for (int i = spp; i < rowSamples; i++) data[base + i] += data[base + i - spp];
			}
		} else if (bytesPerSample == 2) {
			java.nio.ShortBuffer sb = java.nio.ByteBuffer.wrap(data).order(order).asShortBuffer();
			for (int r = 0; r < rows; r++) {
				int base = r * rowSamples;
				for (int i = spp; i < rowSamples; i++) sb.put(base + i, (short) (sb.get(base + i) + sb.get(base + i - spp)));
			}
		} else if (bytesPerSample == 4) {
			java.nio.IntBuffer ib = java.nio.ByteBuffer.wrap(data).order(order).asIntBuffer();
			for (int r = 0; r < rows; r++) {
				int base = r * rowSamples;
				for (int i = spp; i < rowSamples; i++) ib.put(base + i, ib.get(base + i) + ib.get(base + i - spp));
			}
		} else {
			throw new IllegalArgumentException("predictor on " + bytesPerSample + "-byte samples");
		}
	}
}
