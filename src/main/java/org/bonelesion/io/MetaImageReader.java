package org.bonelesion.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads MetaImage ({@code .mhd} header with a separate data file, or {@code .mha} with the
 * data after the header). Keys used: NDims, DimSize, ElementType, ElementSpacing (or
 * ElementSize), BinaryDataByteOrderMSB / ElementByteOrderMSB, ElementDataFile, HeaderSize,
 * CompressedData (zlib or gzip stream), ElementNumberOfChannels. ElementSpacing is taken as
 * millimetres (the ITK convention; the format has no unit field).
 */
public final class MetaImageReader {

	private MetaImageReader() {}

	/** True if the text starts like a MetaImage header. */
	static boolean hasSignature(byte[] head) {
		String s = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
		return s.startsWith("ObjectType") || s.startsWith("NDims");
	}

	/** Reads a .mhd or .mha file. */
	public static LoadedVolume read(Path file) {
		String name = file.getFileName().toString();
		long length = FileChecks.length(file);
		Map<String, String> keys = new LinkedHashMap<>();
		long headerEnd = parseHeader(file, name, keys);
		if (!keys.containsKey("DimSize") || !keys.containsKey("ElementType") || !keys.containsKey("ElementDataFile")) {
			throw new UserInputException(name + " is not a complete MetaImage header (DimSize, ElementType and ElementDataFile are required)");
		}
		long[] dims = longs(keys.get("DimSize"), name, "DimSize");
		int ndims = keys.containsKey("NDims") ? (int) longs(keys.get("NDims"), name, "NDims")[0] : dims.length;
		if (ndims < 2 || ndims > 4 || dims.length < ndims) throw new UserInputException(name + ": NDims = " + ndims + " with DimSize " + keys.get("DimSize"));
		if (ndims == 4 && dims[3] > 1) throw new UserInputException(name + " is a 4D image; give a single 3D volume");
		long w = dims[0], h = dims[1], d = ndims >= 3 ? dims[2] : 1;
		FileChecks.requireDims(name, w, h, d);
		if (keys.containsKey("ElementNumberOfChannels") && !keys.get("ElementNumberOfChannels").trim().equals("1")) {
			throw new UserInputException(name + " has " + keys.get("ElementNumberOfChannels") + " channels per voxel; give a grey-level volume");
		}
		SampleType type = switch (keys.get("ElementType").trim().toUpperCase(Locale.ROOT)) {
			case "MET_UCHAR" -> SampleType.UINT8;
			case "MET_CHAR" -> SampleType.INT8;
			case "MET_USHORT" -> SampleType.UINT16;
			case "MET_SHORT" -> SampleType.INT16;
			case "MET_UINT", "MET_ULONG" -> SampleType.UINT32;
			case "MET_INT", "MET_LONG" -> SampleType.INT32;
			case "MET_FLOAT" -> SampleType.FLOAT32;
			case "MET_DOUBLE" -> SampleType.FLOAT64;
			default -> throw new UserInputException(name + ": ElementType " + keys.get("ElementType") + " cannot be read");
		};
		boolean msb = isTrue(keys.getOrDefault("BinaryDataByteOrderMSB", keys.getOrDefault("ElementByteOrderMSB", "False")));
		boolean compressed = isTrue(keys.getOrDefault("CompressedData", "False"));
		String dataFile = keys.get("ElementDataFile").trim();
		Path data;
		long offset;
		if (dataFile.equalsIgnoreCase("LOCAL")) {
			data = file;
			offset = headerEnd;
		} else {
			if (dataFile.startsWith("LIST") || dataFile.contains("%")) {
				throw new UserInputException(name + ": ElementDataFile " + dataFile + " (one file per slice) is not supported; use a single data file");
			}
			data = file.resolveSibling(dataFile);
			if (!Files.exists(data)) throw new UserInputException(name + " names the data file " + dataFile + ", which does not exist beside it");
			offset = 0;
		}
		long dataLength = FileChecks.length(data);
		String dataName = data.getFileName().toString();
		long needed = w * h * d * type.bytes();
		long headerSize = keys.containsKey("HeaderSize") ? longs(keys.get("HeaderSize"), name, "HeaderSize")[0] : 0;
		if (!compressed) {
			if (headerSize == -1) offset = dataLength - needed;
			else offset += headerSize;
			FileChecks.requireData(dataName, offset, needed, dataLength);
		} else {
			FileChecks.requireCompressedData(dataName, needed, dataLength - offset);
		}
		long start = offset;
		PlaneSource src = compressed ? PlaneSources.stream(() -> {
			InputStream raw = new BufferedInputStream(Files.newInputStream(data), 1 << 16);
			PlaneSources.skipFully(raw, start);
			raw.mark(2);
			int b0 = raw.read(), b1 = raw.read();
			raw.reset();
			return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : new InflaterInputStream(raw, new java.util.zip.Inflater(), 1 << 16);
		}) : PlaneSources.contiguous(data, start);
		RawVolumeDecoder.Decoded dec = RawVolumeDecoder.decode((int) w, (int) h, (int) d, type, msb ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
			src, dataName);
		String spacingText = keys.getOrDefault("ElementSpacing", keys.get("ElementSize"));
		Spacing sp = null;
		if (spacingText != null) {
			double[] s = doubles(spacingText);
			if (s.length >= 2 && s[0] > 0 && s[1] > 0) sp = new Spacing(s[0], s[1], s.length >= 3 && s[2] > 0 ? s[2] : s[0]);
		}
		Map<String, Object> info = dec.info();
		for (String k : new String[] { "TransformMatrix", "Offset", "AnatomicalOrientation", "CenterOfRotation", "ElementSpacing", "ElementDataFile" }) {
			if (keys.containsKey(k)) info.put(k, keys.get(k));
		}
		info.put("compressed", compressed);
		ValueCalibration values = dec.map();
		return new LoadedVolume(new ShortVolume((int) w, (int) h, sp, dec.slices()), values, "MetaImage", info);
	}

	/** Parses "Key = Value" lines up to and including ElementDataFile; returns the byte after that line. */
	private static long parseHeader(Path file, String name, Map<String, String> keys) {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			long pos = 0;
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int lines = 0;
			while (true) {
				int b = in.read();
				if (b >= 0) pos++;
				if (b == '\n' || b < 0) {
					String s = line.toString(StandardCharsets.ISO_8859_1).trim();
					line.reset();
					int eq = s.indexOf('=');
					if (eq > 0) keys.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
					else if (!s.isEmpty()) throw new UserInputException(name + " is not a MetaImage header (line \"" + abbreviate(s) + "\")");
					if (eq > 0 && s.substring(0, eq).trim().equals("ElementDataFile")) return pos;
					if (b < 0) return pos;
					if (++lines > 1000) throw new UserInputException(name + " is not a MetaImage header (no ElementDataFile in 1000 lines)");
				} else {
					line.write(b);
					if (line.size() > 100_000) throw new UserInputException(name + " is not a MetaImage header (binary data before ElementDataFile)");
				}
			}
		} catch (IOException e) {
			throw new UserInputException(name + " cannot be read: " + e.getMessage(), e);
		}
	}

	private static String abbreviate(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

	private static boolean isTrue(String s) {
		return s.trim().equalsIgnoreCase("true") || s.trim().equals("1");
	}

	private static long[] longs(String s, String name, String key) {
		String[] p = s.trim().split("\\s+");
		long[] v = new long[p.length];
		try {
			for (int i = 0; i < p.length; i++) v[i] = Long.parseLong(p[i]);
		} catch (NumberFormatException e) {
			throw new UserInputException(name + ": " + key + " = " + s + " is not a list of whole numbers");
		}
		return v;
	}

	private static double[] doubles(String s) {
		String[] p = s.trim().split("\\s+");
		double[] v = new double[p.length];
		for (int i = 0; i < p.length; i++) v[i] = TiffCalibration.parse(p[i]);
		return v;
	}
}
