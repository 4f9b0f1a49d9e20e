package org.bonelesion.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.bonelesion.core.UserInputException;

/**
 * The elements of one DICOM file that the volume reader needs, parsed up to the pixel data
 * (uncompressed transfer syntaxes only: implicit VR little endian, explicit VR little or big
 * endian). Sequences are skipped, so per-frame functional groups are not read.
 */
final class DicomHeader {

	static final int ROWS = 0x00280010, COLUMNS = 0x00280011, BITS_ALLOCATED = 0x00280100, PIXEL_REPRESENTATION = 0x00280103,
		SAMPLES_PER_PIXEL = 0x00280002, NUMBER_OF_FRAMES = 0x00280008, PIXEL_SPACING = 0x00280030, SLICE_THICKNESS = 0x00180050,
		SPACING_BETWEEN_SLICES = 0x00180088, IMAGE_POSITION = 0x00200032, IMAGE_ORIENTATION = 0x00200037, INSTANCE_NUMBER = 0x00200013,
		RESCALE_INTERCEPT = 0x00281052, RESCALE_SLOPE = 0x00281053, RESCALE_TYPE = 0x00281054, MODALITY = 0x00080060, MANUFACTURER = 0x00080070,
		SERIES_UID = 0x0020000E, TRANSFER_SYNTAX = 0x00020010, SCANCO_MU_SCALING = 0x00291000, SCANCO_DENSITY_SLOPE = 0x00291004,
		SCANCO_DENSITY_INTERCEPT = 0x00291005, PIXEL_DATA = 0x7FE00010;

	private static final Set<Integer> WANTED = Set.of(ROWS, COLUMNS, BITS_ALLOCATED, PIXEL_REPRESENTATION, SAMPLES_PER_PIXEL, NUMBER_OF_FRAMES,
		PIXEL_SPACING, SLICE_THICKNESS, SPACING_BETWEEN_SLICES, IMAGE_POSITION, IMAGE_ORIENTATION, INSTANCE_NUMBER, RESCALE_INTERCEPT,
		RESCALE_SLOPE, RESCALE_TYPE, MODALITY, MANUFACTURER, SERIES_UID, TRANSFER_SYNTAX, SCANCO_MU_SCALING, SCANCO_DENSITY_SLOPE,
		SCANCO_DENSITY_INTERCEPT);

	private static final Set<String> LONG_VR = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

	final Path file;
	final String name;
	final long length;
	ByteOrder order = ByteOrder.LITTLE_ENDIAN;
	long pixelOffset = -1, pixelLength = -1;
	private final Map<Integer, byte[]> values = new HashMap<>();

	private DicomHeader(Path file, long length) {
		this.file = file;
		this.name = file.getFileName().toString();
		this.length = length;
	}

	/** True if the bytes carry the DICOM preamble signature "DICM" at 128. */
	static boolean hasSignature(byte[] head) {
		return head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
	}

	/** Parses the header of a DICOM file; UserInputException naming it if it is not one that can be read. */
	static DicomHeader read(Path file) {
		long len = FileChecks.length(file);
		DicomHeader h = new DicomHeader(file, len);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer all = ByteBuffer.allocate((int) Math.min(len, 1 << 22));
			PlaneSources.readFully(ch, all, 0);
			h.parse(all.array());
		} catch (EOFException e) {
			throw new UserInputException(h.name + " is truncated inside its DICOM header", e);
		} catch (IOException e) {
			throw new UserInputException(h.name + " cannot be read: " + e.getMessage(), e);
		}
		return h;
	}

	private void parse(byte[] b) {
		int p;
		if (hasSignature(b)) p = 132;
		else if (b.length >= 8 && (b[0] == 0x02 || b[0] == 0x08) && b[1] == 0) p = 0; // no preamble
		else throw new UserInputException(name + " is not a DICOM file (no DICM signature)");
		ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		boolean explicit = true;
		boolean metaDone = false;
		while (true) {
			if (p + 8 > b.length) {
				if (b.length < length) throw new UserInputException(name + ": DICOM header larger than 4 MB before the pixel data");
				throw new UserInputException(name + " has no pixel data (truncated, or not an image)");
			}
			int group = buf.order(ByteOrder.LITTLE_ENDIAN).getShort(p) & 0xffff;
			if (!metaDone && group != 0x0002) {
				metaDone = true;
				String ts = text(TRANSFER_SYNTAX);
				if (ts == null || ts.equals("1.2.840.10008.1.2.1")) {
					explicit = ts != null || looksExplicit(b, p);
				} else if (ts.equals("1.2.840.10008.1.2")) {
					explicit = false;
				} else if (ts.equals("1.2.840.10008.1.2.2")) {
					order = ByteOrder.BIG_ENDIAN;
				} else {
					throw new UserInputException(name + " uses the compressed DICOM transfer syntax " + ts
						+ ", which cannot be read here; export the series uncompressed (explicit or implicit VR little endian)");
				}
			}
			ByteOrder o = group == 0x0002 ? ByteOrder.LITTLE_ENDIAN : order;
			buf.order(o);
			int tag = (buf.getShort(p) & 0xffff) << 16 | (buf.getShort(p + 2) & 0xffff);
			boolean ex = group == 0x0002 || explicit;
			long vlen;
			String vr = null;
			int head;
			if (ex) {
				vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
				if (LONG_VR.contains(vr)) {
					vlen = buf.getInt(p + 8) & 0xffffffffL;
					head = 12;
				} else {
					vlen = buf.getShort(p + 6) & 0xffff;
					head = 8;
				}
			} else {
				vlen = buf.getInt(p + 4) & 0xffffffffL;
				head = 8;
			}
			p += head;
			if (tag == PIXEL_DATA) {
				if (vlen == 0xffffffffL) throw new UserInputException(name + " holds compressed (encapsulated) pixel data, which cannot be read here");
				pixelOffset = p;
				pixelLength = vlen;
				return;
			}
			if (vlen == 0xffffffffL) {
				p = skipUndefined(b, buf, p);
				continue;
			}
			if (vlen > b.length - p) throw new UserInputException(name + " is truncated or damaged: element " + String.format("(%04X,%04X)", tag >>> 16, tag & 0xffff)
				+ " of " + vlen + " bytes runs past the end of the header");
			if (WANTED.contains(tag) && !"SQ".equals(vr)) {
				byte[] v = new byte[(int) vlen];
				System.arraycopy(b, p, v, 0, v.length);
				values.put(tag, v);
			}
			p += (int) vlen;
		}
	}

	/** Implicit or explicit VR when the file meta says nothing: explicit if two uppercase letters follow the tag. */
	private static boolean looksExplicit(byte[] b, int p) {
		return p + 6 <= b.length && Character.isUpperCase(b[p + 4]) && Character.isUpperCase(b[p + 5]);
	}

	/** Skips a sequence or item of undefined length: to just after its delimitation item. */
	private int skipUndefined(byte[] b, ByteBuffer buf, int p) {
		int depth = 1;
		while (depth > 0) {
			if (p + 8 > b.length) throw new UserInputException(name + " is truncated inside a DICOM sequence");
			int g = buf.getShort(p) & 0xffff, e = buf.getShort(p + 2) & 0xffff;
			if (g == 0xFFFE && (e == 0xE0DD || e == 0xE00D)) {
				depth--;
				p += 8;
			} else if (g == 0xFFFE && e == 0xE000) {
				long l = buf.getInt(p + 4) & 0xffffffffL;
				p += 8;
				if (l == 0xffffffffL) depth++;
				else p += (int) Math.min(l, b.length);
			} else {
				// an element inside an item of undefined length: step over it (explicit or implicit VR)
				String vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
				long l;
				boolean ex = Character.isUpperCase(b[p + 4]) && Character.isUpperCase(b[p + 5]);
				if (ex && LONG_VR.contains(vr)) {
					l = buf.getInt(p + 8) & 0xffffffffL;
					p += 12;
				} else if (ex) {
					l = buf.getShort(p + 6) & 0xffff;
					p += 8;
				} else {
					l = buf.getInt(p + 4) & 0xffffffffL;
					p += 8;
				}
				if (l == 0xffffffffL) depth++;
				else p += (int) Math.min(l, b.length);
			}
		}
		return p;
	}

	/** An element as trimmed text, or null. */
	String text(int tag) {
		byte[] v = values.get(tag);
		if (v == null) return null;
		return new String(v, StandardCharsets.ISO_8859_1).replace('\0', ' ').trim();
	}

	/** An unsigned short element (US), or dflt. */
	int us(int tag, int dflt) {
		byte[] v = values.get(tag);
		if (v == null || v.length < 2) return dflt;
		return ByteBuffer.wrap(v).order(order).getShort(0) & 0xffff;
	}

	/** A decimal string (DS/IS, possibly multi-valued with backslashes) as numbers; empty if absent. */
	double[] numbers(int tag) {
		String t = text(tag);
		if (t == null || t.isEmpty()) return new double[0];
		String[] parts = t.split("\\\\");
		double[] d = new double[parts.length];
		for (int i = 0; i < parts.length; i++) d[i] = TiffCalibration.parse(parts[i]);
		return d;
	}

	/** The first number of a DS/IS element, or NaN. */
	double number(int tag) {
		double[] d = numbers(tag);
		return d.length == 0 ? Double.NaN : d[0];
	}
}
