package org.bonelesion.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the stored planes of a volume come from, in file order. {@link #open()} may be called
 * more than once (a reader of float data makes one pass for the range and one to convert).
 */
interface PlaneSource {

	/** A fresh sequential reader positioned at the first plane. */
	Cursor open() throws IOException;

	/** Sequential access to the planes. */
	interface Cursor extends Closeable {
		/** Fills {@code dst} from position 0 to its limit with the next plane's bytes, as stored. */
		void next(ByteBuffer dst) throws IOException;
	}
}
