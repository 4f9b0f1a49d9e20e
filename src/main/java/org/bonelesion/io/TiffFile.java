package org.bonelesion.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bonelesion.core.UserInputException;

/**
 * A TIFF or BigTIFF file opened for reading its image file directories (IFDs) and chunks
 * (strips or tiles). Only the tags this project needs are decoded; every offset and count
 * is checked against the file length before it is used.
 */
final class TiffFile implements Closeable {

	static final int NEW_SUBFILE_TYPE = 254, IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259,
		PHOTOMETRIC = 262, IMAGE_DESCRIPTION = 270, STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278,
		STRIP_BYTE_COUNTS = 279, X_RESOLUTION = 282, Y_RESOLUTION = 283, PLANAR_CONFIG = 284, RESOLUTION_UNIT = 296,
		PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339;

	private static final Set<Integer> WANTED = new HashSet<>(List.of(NEW_SUBFILE_TYPE, IMAGE_WIDTH, IMAGE_LENGTH, BITS_PER_SAMPLE,
		COMPRESSION, PHOTOMETRIC, IMAGE_DESCRIPTION, STRIP_OFFSETS, SAMPLES_PER_PIXEL, ROWS_PER_STRIP, STRIP_BYTE_COUNTS, X_RESOLUTION,
		Y_RESOLUTION, PLANAR_CONFIG, RESOLUTION_UNIT, PREDICTOR, TILE_WIDTH, TILE_LENGTH, TILE_OFFSETS, TILE_BYTE_COUNTS, SAMPLE_FORMAT));

	final Path path;
	final String name;
	final FileChannel channel;
	final long length;
	final ByteOrder order;
	final boolean big;
	private final long firstIfd;

	private TiffFile(Path path, FileChannel channel, long length, ByteOrder order, boolean big, long firstIfd) {
		this.path = path;
		this.name = path.getFileName().toString();
		this.channel = channel;
		this.length = length;
		this.order = order;
		this.big = big;
		this.firstIfd = firstIfd;
	}

	/** True if the file starts with a TIFF or BigTIFF signature. */
	static boolean hasSignature(byte[] head) {
		if (head.length < 4) return false;
		boolean ii = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
		boolean mm = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
		return ii || mm;
	}

	/** Opens a TIFF; a UserInputException naming the file if it is not one. */
	static TiffFile open(Path path) {
		long len = FileChecks.length(path);
		String name = path.getFileName().toString();
		FileChannel ch = null;
		try {
			ch = FileChannel.open(path, StandardOpenOption.READ);
			ByteBuffer h = ByteBuffer.allocate(16);
			if (len < 8) throw new UserInputException(name + " is not a TIFF file (only " + len + " bytes)");
			h.limit((int) Math.min(16, len));
			PlaneSources.readFully(ch, h, 0);
			byte[] b = h.array();
			if (!hasSignature(b)) throw new UserInputException(name + " is not a TIFF file (wrong signature)");
			ByteOrder order = b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			h.order(order);
			boolean big = h.getShort(2) == 43;
			long first;
			if (big) {
				if (len < 16) throw new UserInputException(name + " is a truncated BigTIFF file");
				first = h.getLong(8);
			} else {
				first = h.getInt(4) & 0xffffffffL;
			}
			TiffFile t = new TiffFile(path, ch, len, order, big, first);
			if (first < 8 || first >= len) throw new UserInputException(name + " is a damaged TIFF file: its first directory lies outside the file");
			return t;
		} catch (IOException e) {
			closeQuietly(ch);
			throw new UserInputException(name + " cannot be read: " + e.getMessage(), e);
		} catch (RuntimeException e) {
			closeQuietly(ch);
			throw e;
		}
	}

	private static void closeQuietly(FileChannel ch) {
		if (ch == null) return;
		try {
			ch.close();
		} catch (IOException ignored) {
			// nothing to do
		}
	}

	/** All directories of the file (at most {@code max}), in order. */
	List<Ifd> directories(int max) {
		List<Ifd> out = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		long off = firstIfd;
		while (off != 0 && out.size() < max) {
			if (!seen.add(off)) throw new UserInputException(name + " is a damaged TIFF file: its directories form a loop");
			Ifd d = readIfd(off);
			out.add(d);
			off = d.next;
		}
		return out;
	}

	/** The first directory only. */
	Ifd first() {
		return readIfd(firstIfd);
	}

	private Ifd readIfd(long off) {
		try {
			int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, offSize = big ? 8 : 4;
			if (off + countSize > length) throw damaged("a directory lies outside the file");
			ByteBuffer cb = ByteBuffer.allocate(countSize).order(order);
			PlaneSources.readFully(channel, cb, off);
			long n = big ? cb.getLong(0) : cb.getShort(0) & 0xffff;
			if (n <= 0 || n > 100_000 || off + countSize + n * entrySize + offSize > length) throw damaged("a directory has an impossible size");
			ByteBuffer eb = ByteBuffer.allocate((int) (n * entrySize + offSize)).order(order);
			PlaneSources.readFully(channel, eb, off + countSize);
			Ifd ifd = new Ifd();
			for (int i = 0; i < n; i++) {
				int p = i * entrySize;
				int tag = eb.getShort(p) & 0xffff;
				int type = eb.getShort(p + 2) & 0xffff;
				long count = big ? eb.getLong(p + 4) : eb.getInt(p + 4) & 0xffffffffL;
				if (!WANTED.contains(tag)) continue;
				int ts = typeSize(type);
				if (ts == 0) continue;
				if (count < 0 || count > length / ts + 1) throw damaged("tag " + tag + " claims " + count + " values");
				long bytes = count * ts;
				ByteBuffer vb;
				if (bytes <= offSize) {
					vb = eb.duplicate().order(order);
					vb.position(p + 4 + (big ? 8 : 4)).limit(p + 4 + (big ? 8 : 4) + (int) bytes);
					vb = vb.slice().order(order);
				} else {
					long vo = big ? eb.getLong(p + 12) : eb.getInt(p + 8) & 0xffffffffL;
					if (vo < 0 || vo + bytes > length) throw damaged("the values of tag " + tag + " lie outside the file");
					vb = ByteBuffer.allocate((int) bytes).order(order);
					PlaneSources.readFully(channel, vb, vo);
					vb.flip();
				}
				ifd.put(tag, type, (int) count, vb);
			}
			ifd.next = big ? eb.getLong((int) (n * entrySize)) : eb.getInt((int) (n * entrySize)) & 0xffffffffL;
			if (ifd.next >= length) ifd.next = 0;
			return ifd;
		} catch (EOFException e) {
			throw damaged("it ends inside a directory");
		} catch (IOException e) {
			throw new UserInputException(name + " cannot be read: " + e.getMessage(), e);
		}
	}

	UserInputException damaged(String why) {
		return new UserInputException(name + " is a damaged TIFF file: " + why);
	}

	private static int typeSize(int type) {
		return switch (type) {
			case 1, 2, 6, 7 -> 1;
			case 3, 8 -> 2;
			case 4, 9, 11, 13 -> 4;
			case 5, 10, 12, 16, 17, 18 -> 8;
			default -> 0;
		};
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	/** The decoded tags of one directory. */
	static final class Ifd {
		private final Map<Integer, long[]> ints = new HashMap<>();
		private final Map<Integer, double[]> reals = new HashMap<>();
		private final Map<Integer, String> texts = new HashMap<>();
		long next;

		void put(int tag, int type, int count, ByteBuffer b) {
			switch (type) {
				case 2 -> {
					byte[] s = new byte[count];
					b.get(s);
					int end = 0;
					while (end < s.length && s[end] != 0) end++;
					texts.put(tag, new String(s, 0, end, StandardCharsets.ISO_8859_1));
				}
				case 5, 10 -> {
					double[] d = new double[count];
					for (int i = 0; i < count; i++) {
						long num = type == 5 ? b.getInt() & 0xffffffffL : b.getInt();
						long den = type == 5 ? b.getInt() & 0xffffffffL : b.getInt();
						d[i] = den == 0 ? Double.NaN : (double) num / den;
					}
					reals.put(tag, d);
				}
				case 11, 12 -> {
					double[] d = new double[count];
					for (int i = 0; i < count; i++) d[i] = type == 11 ? b.getFloat() : b.getDouble();
					reals.put(tag, d);
				}
				default -> {
					long[] v = new long[count];
					for (int i = 0; i < count; i++) {
						v[i] = switch (type) {
							case 1, 7 -> b.get() & 0xff;
							case 6 -> b.get();
							case 3 -> b.getShort() & 0xffff;
							case 8 -> b.getShort();
							case 4, 13 -> b.getInt() & 0xffffffffL;
							case 9 -> b.getInt();
							default -> b.getLong();
						};
					}
					ints.put(tag, v);
				}
			}
		}

		long[] longs(int tag) {
			return ints.get(tag);
		}

		long get(int tag, long dflt) {
			long[] v = ints.get(tag);
			return v == null || v.length == 0 ? dflt : v[0];
		}

		double real(int tag) {
			double[] v = reals.get(tag);
			if (v != null && v.length > 0) return v[0];
			long[] l = ints.get(tag);
			return l == null || l.length == 0 ? Double.NaN : l[0];
		}

		String text(int tag) {
			return texts.get(tag);
		}

		int width() { return (int) Math.min(Integer.MAX_VALUE, get(IMAGE_WIDTH, 0)); }
		int height() { return (int) Math.min(Integer.MAX_VALUE, get(IMAGE_LENGTH, 0)); }
		int samplesPerPixel() { return (int) get(SAMPLES_PER_PIXEL, 1); }
		int bitsPerSample() { return (int) get(BITS_PER_SAMPLE, 1); }
		int compression() { return (int) get(COMPRESSION, 1); }
		int predictor() { return (int) get(PREDICTOR, 1); }
		boolean planar() { return get(PLANAR_CONFIG, 1) == 2; }
		boolean tiled() { return ints.containsKey(TILE_OFFSETS); }
		int sampleFormat() { return (int) get(SAMPLE_FORMAT, 1); }
	}
}
