package org.bonelesion.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.UserInputException;

/** Checks that every reader makes before it allocates anything large. */
final class FileChecks {

	private FileChecks() {}

	/** The length of a readable regular file, or a UserInputException naming it. */
	static long length(Path file) {
		ImageIo.requireExists(file);
		if (!Files.isRegularFile(file)) throw new UserInputException(file + " is not a regular file");
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new UserInputException(file + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** Positive dimensions, each below 2^31, and at most 2^31 voxels per slice. */
	static void requireDims(String what, long width, long height, long depth) {
		if (width <= 0 || height <= 0 || depth <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || depth > Integer.MAX_VALUE
			|| width * height > Integer.MAX_VALUE - 16 || width * height * depth > (1L << 50)) {
			throw new UserInputException(what + " claims an impossible image size of " + width + " x " + height + " x " + depth
				+ " voxels; the header is damaged or not what it seems");
		}
	}

	/**
	 * Refuses a header that claims more data than the file holds: {@code needed} bytes from
	 * {@code offset}, in a file of {@code fileLength} bytes.
	 */
	static void requireData(String what, long offset, long needed, long fileLength) {
		if (offset < 0 || needed < 0 || offset > fileLength || needed > fileLength - offset) {
			throw new UserInputException(what + " is truncated or its header is damaged: it claims " + needed + " bytes of voxel data from byte "
				+ offset + ", but the file holds " + fileLength + " bytes");
		}
	}

	/** A compressed stream cannot hold more than about 1032 times its size (deflate's limit). */
	static void requireCompressedData(String what, long needed, long compressedLength) {
		if (needed / 1032 > compressedLength + 1024) {
			throw new UserInputException(what + " claims " + needed + " bytes of voxel data, more than a compressed file of " + compressedLength
				+ " bytes can hold; the header is damaged");
		}
	}
}
