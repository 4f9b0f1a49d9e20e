package org.bonelesion.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The usual {@link PlaneSource}s: contiguous planes in a file, or planes in a stream. */
final class PlaneSources {

	private PlaneSources() {}

	/** Opens a stream positioned at the first plane. */
	interface StreamOpener {
		InputStream open() throws IOException;
	}

	/** Planes stored one after another from {@code offset} in a file. */
	static PlaneSource contiguous(Path file, long offset) {
		return () -> {
			FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
			return new PlaneSource.Cursor() {
				long pos = offset;

				@Override
				public void next(ByteBuffer dst) throws IOException {
					readFully(ch, dst, pos);
					pos += dst.limit();
				}

				@Override
				public void close() throws IOException {
					ch.close();
				}
			};
		};
	}

	/** Planes read in order from a stream (gzip, zlib, ...). */
	static PlaneSource stream(StreamOpener opener) {
		return () -> {
			InputStream in = opener.open();
			return new PlaneSource.Cursor() {
				final byte[] chunk = new byte[1 << 16];

				@Override
				public void next(ByteBuffer dst) throws IOException {
					while (dst.hasRemaining()) {
						int r = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
						if (r < 0) throw new EOFException();
						dst.put(chunk, 0, r);
					}
				}

				@Override
				public void close() throws IOException {
					in.close();
				}
			};
		};
	}

	/** Fills dst (position to limit) from the channel at pos; EOFException if the file ends first. */
	static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
		while (dst.hasRemaining()) {
			int r = ch.read(dst, pos);
			if (r < 0) throw new EOFException();
			pos += r;
		}
	}

	/** Skips exactly n bytes of a stream. */
	static void skipFully(InputStream in, long n) throws IOException {
		while (n > 0) {
			long s = in.skip(n);
			if (s <= 0) {
				if (in.read() < 0) throw new EOFException();
				s = 1;
			}
			n -= s;
		}
	}
}
