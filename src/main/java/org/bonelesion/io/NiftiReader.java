package org.bonelesion.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads NIfTI-1 single files ({@code .nii}, or gzip-compressed {@code .nii.gz}), either byte
 * order. Voxel size from pixdim[1..3] in the unit of xyzt_units (metre, mm or um; unknown
 * units give an uncalibrated volume); values through scl_slope/scl_inter when slope is not
 * 0; the qform and sform are recorded in the metadata, the voxels are kept in stored order.
 */
public final class NiftiReader {

	private NiftiReader() {}

	/** True if the 348-byte header at the start of {@code head} looks like NIfTI-1 (single file). */
	static boolean hasSignature(byte[] head) {
		return head.length >= 348 && head[344] == 'n' && (head[345] == '+' || head[345] == 'i') && head[346] == '1' && head[347] == 0;
	}

	/** True if the file starts with the gzip signature. */
	static boolean isGzip(byte[] head) {
		return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
	}

	/** Reads a .nii or .nii.gz file. */
	public static LoadedVolume read(Path file) {
		String name = file.getFileName().toString();
		long length = FileChecks.length(file);
		boolean gz = isGzip(ImageIo.head(file, 2));
		byte[] hdr;
		try (InputStream in = open(file, gz)) {
			hdr = in.readNBytes(348);
		} catch (IOException e) {
			throw new UserInputException(name + " cannot be read as NIfTI" + (gz ? " (damaged gzip data)" : "") + ": " + e.getMessage(), e);
		}
		if (hdr.length < 348) throw new UserInputException(name + " is truncated: a NIfTI header needs 348 bytes, the file holds " + hdr.length);
		ByteBuffer h = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
		if (h.getInt(0) != 348) {
			h.order(ByteOrder.BIG_ENDIAN);
			if (h.getInt(0) != 348) throw new UserInputException(name + " is not a NIfTI-1 file (sizeof_hdr is not 348)");
		}
		if (!hasSignature(hdr)) throw new UserInputException(name + " is not a NIfTI-1 file (magic is not n+1 or ni1)");
		if (hdr[345] == 'i') throw new UserInputException(name + " is the header of a NIfTI .hdr/.img pair; convert it to a single .nii file");
		int ndim = h.getShort(40);
		if (ndim < 1 || ndim > 7) throw new UserInputException(name + " is a damaged NIfTI file: dim[0] = " + ndim);
		long[] dim = new long[8];
		for (int i = 1; i <= 7; i++) dim[i] = i <= ndim ? h.getShort(40 + 2 * i) : 1;
		for (int i = 4; i <= 7; i++) {
			if (dim[i] > 1) throw new UserInputException(name + " has " + ndim + " dimensions (dim = " + dim[1] + " x " + dim[2] + " x " + dim[3] + " x "
				+ dim[4] + " ...); give a single 3D volume");
		}
		FileChecks.requireDims(name, dim[1], dim[2], dim[3]);
		int datatype = h.getShort(70);
		SampleType type = switch (datatype) {
			case 2 -> SampleType.UINT8;
			case 4 -> SampleType.INT16;
			case 8 -> SampleType.INT32;
			case 16 -> SampleType.FLOAT32;
			case 64 -> SampleType.FLOAT64;
			case 256 -> SampleType.INT8;
			case 512 -> SampleType.UINT16;
			case 768 -> SampleType.UINT32;
			default -> throw new UserInputException(name + " holds NIfTI datatype " + datatype + ", which cannot be read (supported: uint8, int8, int16, "
				+ "uint16, int32, uint32, float32, float64)");
		};
		float voxOffset = h.getFloat(108);
		if (!(voxOffset >= 348) || voxOffset > length && !gz) throw new UserInputException(name + " is a damaged NIfTI file: vox_offset = " + voxOffset);
		long offset = (long) voxOffset;
		long needed = dim[1] * dim[2] * dim[3] * type.bytes();
		if (gz) FileChecks.requireCompressedData(name, needed, length);
		else FileChecks.requireData(name, offset, needed, length);

		PlaneSource src = gz ? PlaneSources.stream(() -> {
			InputStream in = open(file, true);
			PlaneSources.skipFully(in, offset);
			return in;
		}) : PlaneSources.contiguous(file, offset);
		int w = (int) dim[1], ht = (int) dim[2], d = (int) dim[3];
		RawVolumeDecoder.Decoded dec = RawVolumeDecoder.decode(w, ht, d, type, h.order(), src, name);

		int units = hdr[123] & 0x07;
		double toMm = switch (units) {
			case 1 -> 1000.0;
			case 2 -> 1.0;
			case 3 -> 0.001;
			default -> Double.NaN;
		};
		double px = Math.abs(h.getFloat(80)), py = Math.abs(h.getFloat(84)), pz = Math.abs(h.getFloat(88));
		Spacing sp = null;
		if (toMm > 0 && px > 0 && py > 0 && Double.isFinite(px) && Double.isFinite(py)) {
			sp = new Spacing(px * toMm, py * toMm, (pz > 0 && Double.isFinite(pz) ? pz : px) * toMm);
		}
		float slope = h.getFloat(112), inter = h.getFloat(116);
		ValueCalibration values = dec.map();
		if (slope != 0 && Float.isFinite(slope) && Float.isFinite(inter)) values = new ValueCalibration(inter, slope, "").after(dec.map());

		Map<String, Object> info = dec.info();
		info.put("byteOrder", h.order().toString());
		info.put("pixdim", new double[] { h.getFloat(80), h.getFloat(84), h.getFloat(88) });
		info.put("spatialUnit", switch (units) {
			case 1 -> "m";
			case 2 -> "mm";
			case 3 -> "um";
			default -> "unknown";
		});
		info.put("scl_slope", (double) slope);
		info.put("scl_inter", (double) inter);
		info.put("qform_code", (int) h.getShort(252));
		info.put("sform_code", (int) h.getShort(254));
		info.put("qfac", (double) (h.getFloat(76) < 0 ? -1 : 1));
		info.put("quatern_bcd", new double[] { h.getFloat(256), h.getFloat(260), h.getFloat(264) });
		info.put("qoffset_xyz", new double[] { h.getFloat(268), h.getFloat(272), h.getFloat(276) });
		double[] srow = new double[12];
		for (int i = 0; i < 12; i++) srow[i] = h.getFloat(280 + 4 * i);
		info.put("srow_xyz", srow);
		info.put("orientation", orientationCode(h));
		return new LoadedVolume(new ShortVolume(w, ht, sp, dec.slices()), values, gz ? "NIfTI-1 (gzip)" : "NIfTI-1", info);
	}

	private static InputStream open(Path file, boolean gz) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		return gz ? new GZIPInputStream(in, 1 << 16) : in;
	}

	/**
	 * Three letters naming where the voxel axes point in patient space (RAS+ convention, e.g.
	 * "RAS", "LPS"), from the sform if set, else the qform, else "unknown".
	 */
	static String orientationCode(ByteBuffer h) {
		double[][] m = new double[3][3];
		if (h.getShort(254) > 0) {
			for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) m[r][c] = h.getFloat(280 + 16 * r + 4 * c);
		} else if (h.getShort(252) > 0) {
			double b = h.getFloat(256), c = h.getFloat(260), d = h.getFloat(264);
			double a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
			double qfac = h.getFloat(76) < 0 ? -1 : 1;
			m[0][0] = a * a + b * b - c * c - d * d;
			m[0][1] = 2 * (b * c - a * d);
			m[0][2] = 2 * (b * d + a * c) * qfac;
			m[1][0] = 2 * (b * c + a * d);
			m[1][1] = a * a + c * c - b * b - d * d;
			m[1][2] = 2 * (c * d - a * b) * qfac;
			m[2][0] = 2 * (b * d - a * c);
			m[2][1] = 2 * (c * d + a * b);
			m[2][2] = (a * a + d * d - c * c - b * b) * qfac;
		} else {
			return "unknown";
		}
		StringBuilder s = new StringBuilder();
		String[] pos = { "R", "A", "S" }, neg = { "L", "P", "I" };
		for (int c = 0; c < 3; c++) {
			int best = 0;
			for (int r = 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[best][c])) best = r;
			if (m[best][c] == 0) return "unknown";
			s.append(m[best][c] > 0 ? pos[best] : neg[best]);
		}
		return s.toString().toUpperCase(Locale.ROOT);
	}
}
