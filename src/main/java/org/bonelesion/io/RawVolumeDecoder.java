package org.bonelesion.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Turns stored planes of any {@link SampleType} into unsigned 16-bit slices, keeping the map
 * from stored 16-bit value back to the file's value:
 * <ul>
 * <li>uint8, uint16: unchanged (map identity);</li>
 * <li>int8, int16: shifted by +128 / +32768 (lossless; map intercept -128 / -32768);</li>
 * <li>uint32, int32 and integral float data whose range spans at most 65536 values:
 * unchanged if already inside 0..65535, else shifted by the minimum (lossless);</li>
 * <li>anything else: the range [min, max] mapped linearly onto 0..65535 (rounded; NaN and
 * infinities become 0).</li>
 * </ul>
 */
final class RawVolumeDecoder {

	/** Decoded slices, the stored-to-file-value map and what was learned. */
	record Decoded(short[][] slices, ValueCalibration map, Map<String, Object> info) {}

	private RawVolumeDecoder() {}

	/** Bytes of one plane, refusing planes larger than a Java array. */
	static int planeBytes(int width, int height, SampleType type, String what) {
		long n = (long) width * height * type.bytes();
		if (width <= 0 || height <= 0 || n > Integer.MAX_VALUE - 16) {
			throw new UserInputException(what + ": a slice of " + width + " x " + height + " " + type + " samples is not supported");
		}
		return (int) n;
	}

	static Decoded decode(int width, int height, int depth, SampleType type, ByteOrder order, PlaneSource src, String what) {
		int plane = planeBytes(width, height, type, what);
		int n = width * height;
		ByteBuffer buf = ByteBuffer.allocateDirect(plane).order(order);
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("sampleType", type.name().toLowerCase(java.util.Locale.ROOT));
		try {
			if (type.fitsShortDirectly()) {
				short[][] slices = new short[depth][];
				byte[] tmp = type.bytes() == 1 ? new byte[n] : null;
				try (PlaneSource.Cursor c = src.open()) {
					for (int z = 0; z < depth; z++) {
						buf.clear();
						c.next(buf);
						buf.clear();
						short[] s = new short[n];
						if (tmp != null) {
							buf.get(tmp);
							int flip = type == SampleType.INT8 ? 0x80 : 0;
							for (int i = 0; i < n; i++) s[i] = (short) ((tmp[i] ^ flip) & 0xff);
						} else {
							buf.asShortBuffer().get(s);
							if (type == SampleType.INT16) {
								for (int i = 0; i < n; i++) s[i] ^= (short) 0x8000;
							}
						}
						slices[z] = s;
					}
				}
				ValueCalibration map = switch (type) {
					case INT8 -> new ValueCalibration(-128, 1, "");
					case INT16 -> new ValueCalibration(-32768, 1, "");
					default -> ValueCalibration.NONE;
				};
				return new Decoded(slices, map, info);
			}
			double[] values = new double[n];
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			boolean integral = true;
			try (PlaneSource.Cursor c = src.open()) {
				for (int z = 0; z < depth; z++) {
					buf.clear();
					c.next(buf);
					widen(buf, type, values);
					for (double v : values) {
						if (!Double.isFinite(v)) continue;
						if (v < min) min = v;
						if (v > max) max = v;
						if (integral && v != Math.rint(v)) integral = false;
					}
				}
			}
			if (!(max >= min)) {
				min = 0;
				max = 0;
			}
			double offset, slope;
			if (integral && max - min <= 65535) {
				offset = min >= 0 && max <= 65535 ? 0 : min;
				slope = 1;
			} else {
				offset = min;
				slope = max > min ? (max - min) / 65535.0 : 1;
			}
			info.put("fileValueRange", new double[] { min, max });
			short[][] slices = new short[depth][];
			try (PlaneSource.Cursor c = src.open()) {
				for (int z = 0; z < depth; z++) {
					buf.clear();
					c.next(buf);
					widen(buf, type, values);
					short[] s = new short[n];
					for (int i = 0; i < n; i++) {
						double v = values[i];
						long r = Double.isFinite(v) ? Math.round((v - offset) / slope) : 0;
						s[i] = (short) Math.max(0, Math.min(65535, r));
					}
					slices[z] = s;
				}
			}
			return new Decoded(slices, new ValueCalibration(offset, slope, ""), info);
		} catch (java.io.EOFException e) {
			throw new UserInputException(what + " is truncated: it ends before all " + depth + " slices of " + width + " x " + height
				+ " " + type.name().toLowerCase(java.util.Locale.ROOT) + " voxels were read", e);
		} catch (IOException e) {
			throw new UserInputException(what + " could not be read: " + e.getMessage(), e);
		}
	}

	private static void widen(ByteBuffer buf, SampleType type, double[] out) {
		buf.clear();
		int n = out.length;
		switch (type) {
			case UINT32 -> {
				for (int i = 0; i < n; i++) out[i] = buf.getInt(i * 4) & 0xffffffffL;
			}
			case INT32 -> {
				for (int i = 0; i < n; i++) out[i] = buf.getInt(i * 4);
			}
			case FLOAT32 -> {
				for (int i = 0; i < n; i++) out[i] = buf.getFloat(i * 4);
			}
			case FLOAT64 -> {
				for (int i = 0; i < n; i++) out[i] = buf.getDouble(i * 8);
			}
			default -> throw new IllegalStateException(type.name());
		}
	}
}
