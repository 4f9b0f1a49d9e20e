package org.bonelesion.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.bonelesion.io.ImageIo;
import org.bonelesion.io.LoadedVolume;

/**
 * Reads a ~2 GB uncompressed 16-bit TIFF stack (1024 x 1024 x 1000 by default, one directory
 * per slice, as ImageJ writes it) and compares the throughput with a plain sequential read of
 * the same file through a FileChannel. Run with -Xmx6g:
 * {@code java -Xmx6g -cp ... org.bonelesion.bench.TiffReadBenchmark [dir] [slices]}. The file
 * is deleted afterwards.
 */
public final class TiffReadBenchmark {

	private TiffReadBenchmark() {}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
		int depth = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		int w = 1024, h = 1024;
		Path f = Files.createTempFile(dir, "tiff-bench-", ".tif");
		try {
			writeStack(f, w, h, depth);
			long bytes = Files.size(f);
			for (int round = 0; round < 2; round++) {
				long t0 = System.nanoTime();
				long sum = plainRead(f);
				double plain = seconds(t0);
				t0 = System.nanoTime();
				short[][] floor = readIntoArrays(f, w * h, depth);
				double arrays = seconds(t0);
				floor = null;
				t0 = System.nanoTime();
				LoadedVolume v = ImageIo.readVolume(f);
				double ours = seconds(t0);
				int check = v.volume().get(17, 33, depth - 1);
				System.out.printf(Locale.ROOT,
					"round %d: %.2f GB; plain FileChannel read %.0f MB/s (checksum %d); same bytes into new short[] slices %.0f MB/s; ImageIo.readVolume %.0f MB/s (%.2f s, voxel %d)%n",
					round + 1, bytes / 1e9, bytes / 1e6 / plain, sum, bytes / 1e6 / arrays, bytes / 1e6 / ours, ours, check);
			}
		} finally {
			Files.deleteIfExists(f);
		}
	}

	private static double seconds(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	private static long plainRead(Path f) throws IOException {
		long sum = 0;
		try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.allocateDirect(1 << 22);
			while (ch.read(b) >= 0) {
				b.flip();
				sum += b.get(0);
				b.clear();
			}
		}
		return sum;
	}

	/** The floor for any Java reader: sequential reads copied into freshly allocated slice arrays. */
	private static short[][] readIntoArrays(Path f, int sliceSize, int depth) throws IOException {
		short[][] out = new short[depth][];
		try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.allocateDirect(sliceSize * 2).order(ByteOrder.LITTLE_ENDIAN);
			long pos = 8;
			for (int z = 0; z < depth; z++) {
				b.clear();
				while (b.hasRemaining()) pos += ch.read(b, pos);
				b.flip();
				out[z] = new short[sliceSize];
				b.asShortBuffer().get(out[z]);
				pos += 2 + 10 * 12 + 4;
			}
		}
		return out;
	}

	/** Writes a little-endian TIFF: data of each slice, each followed by its directory. */
	private static void writeStack(Path f, int w, int h, int depth) throws IOException {
		int plane = w * h * 2;
		try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
			head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8 + plane);
			head.flip();
			ch.write(head);
			ByteBuffer data = ByteBuffer.allocateDirect(plane).order(ByteOrder.LITTLE_ENDIAN);
			int entries = 10;
			int ifdSize = 2 + entries * 12 + 4;
			long pos = 8;
			for (int z = 0; z < depth; z++) {
				data.clear();
				for (int i = 0; i < w * h; i++) data.putShort((short) ((i + z * 7) & 0xfff));
				data.flip();
				long dataAt = pos;
				while (data.hasRemaining()) pos += ch.write(data, pos);
				long next = z == depth - 1 ? 0 : pos + ifdSize + plane;
				ByteBuffer ifd = ByteBuffer.allocate(ifdSize).order(ByteOrder.LITTLE_ENDIAN);
				ifd.putShort((short) entries);
				entry(ifd, 254, 4, 0);
				entry(ifd, 256, 4, w);
				entry(ifd, 257, 4, h);
				entry(ifd, 258, 3, 16);
				entry(ifd, 259, 3, 1);
				entry(ifd, 262, 3, 1);
				entry(ifd, 273, 4, dataAt);
				entry(ifd, 277, 3, 1);
				entry(ifd, 278, 4, h);
				entry(ifd, 279, 4, plane);
				ifd.putInt((int) next);
				ifd.flip();
				while (ifd.hasRemaining()) pos += ch.write(ifd, pos);
			}
		}
	}

	private static void entry(ByteBuffer b, int tag, int type, long value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}
}
