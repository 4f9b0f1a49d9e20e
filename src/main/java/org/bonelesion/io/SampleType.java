package org.bonelesion.io;

/** The kinds of stored sample a scanner file may hold, with their size in bytes. */
public enum SampleType {
	UINT8(1, false, false), INT8(1, true, false), UINT16(2, false, false), INT16(2, true, false),
	UINT32(4, false, false), INT32(4, true, false), FLOAT32(4, true, true), FLOAT64(8, true, true);

	private final int bytes;
	private final boolean signed;
	private final boolean floating;

	SampleType(int bytes, boolean signed, boolean floating) {
		this.bytes = bytes;
		this.signed = signed;
		this.floating = floating;
	}

	/** Bytes per sample. */
	public int bytes() { return bytes; }

	/** True for signed integer and floating-point types. */
	public boolean signed() { return signed; }

	/** True for float32 and float64. */
	public boolean floating() { return floating; }

	/** True if every value fits into unsigned 16 bits after at most a fixed offset (no range pass needed). */
	boolean fitsShortDirectly() {
		return bytes <= 2;
	}
}
