package org.bonelesion.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads Scanco ISQ files: a 512-byte little-endian header ("CTDATA-HEADER_V1", data type 3 =
 * signed 16-bit, dimensions in pixels at byte 44 and in micrometres at byte 56, slice
 * thickness at 68, mu_scaling at 88, data offset in 512-byte blocks at 508), then signed
 * 16-bit little-endian voxels from byte (offset + 1) * 512.
 *
 * <p>Values: raw / mu_scaling is the linear attenuation in 1/cm. When the extended header
 * holds a "Calibration" block (best effort, its layout is not published: units at +648, slope
 * at +664 and intercept at +672 as VAX G-floats), the calibration is density = slope * raw /
 * mu_scaling + intercept in the block's unit (e.g. mg HA/ccm).
 */
public final class IsqReader {

	static final String MAGIC = "CTDATA-HEADER_V1";

	private IsqReader() {}

	/** True if the header starts with the ISQ signature. */
	static boolean hasSignature(byte[] head) {
		return head.length >= 16 && new String(head, 0, 16, StandardCharsets.ISO_8859_1).equals(MAGIC);
	}

	/** Reads an .isq file. */
	public static LoadedVolume read(Path file) {
		String name = file.getFileName().toString();
		long length = FileChecks.length(file);
		if (length < 512) throw new UserInputException(name + " is truncated: an ISQ header needs 512 bytes, the file holds " + length);
		ByteBuffer h = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			PlaneSources.readFully(ch, h, 0);
			if (!hasSignature(h.array())) throw new UserInputException(name + " is not a Scanco ISQ file (no CTDATA-HEADER_V1 signature)");
			int dataType = h.getInt(16);
			if (dataType != 3) throw new UserInputException(name + " holds ISQ data type " + dataType + "; only type 3 (signed 16-bit) can be read");
			int nx = h.getInt(44), ny = h.getInt(48), nz = h.getInt(52);
			int ux = h.getInt(56), uy = h.getInt(60), uz = h.getInt(64);
			int sliceThicknessUm = h.getInt(68), muScaling = h.getInt(88), blocks = h.getInt(508);
			FileChecks.requireDims(name, nx, ny, nz);
			if (blocks < 0 || blocks > length / 512) throw new UserInputException(name + " is a damaged ISQ file: data offset of " + blocks + " blocks");
			long offset = (blocks + 1L) * 512;
			FileChecks.requireData(name, offset, (long) nx * ny * nz * 2, length);

			double sx = (double) ux / nx, sy = (double) uy / ny, sz = (double) uz / nz;
			if (!(sz > 0)) sz = sliceThicknessUm;
			Spacing sp = sx > 0 && sy > 0 && sz > 0 ? Spacing.microns(sx, sy, sz) : null;

			RawVolumeDecoder.Decoded dec = RawVolumeDecoder.decode(nx, ny, nz, SampleType.INT16, ByteOrder.LITTLE_ENDIAN,
				PlaneSources.contiguous(file, offset), name);
			Map<String, Object> info = dec.info();
			info.put("mu_scaling", muScaling);
			info.put("dim_um", new int[] { ux, uy, uz });
			info.put("slice_thickness_um", sliceThicknessUm);
			info.put("patient_name", new String(h.array(), 128, 40, StandardCharsets.ISO_8859_1).trim());
			info.put("energy_V", h.getInt(168));
			info.put("intensity_uA", h.getInt(172));

			ValueCalibration values = muScaling > 0 ? new ValueCalibration(0, 1.0 / muScaling, "1/cm").after(dec.map()) : dec.map();
			if (muScaling > 0 && offset >= 2048) {
				ByteBuffer ext = ByteBuffer.allocate((int) Math.min(offset, 1 << 20) - 512).order(ByteOrder.LITTLE_ENDIAN);
				PlaneSources.readFully(ch, ext, 512);
				ValueCalibration density = densityCalibration(ext.array(), muScaling);
				if (density != null) {
					values = density.after(dec.map());
					info.put("density_calibration", "extended header");
				}
			}
			return new LoadedVolume(new ShortVolume(nx, ny, sp, dec.slices()), values, "Scanco ISQ", info);
		} catch (IOException e) {
			throw new UserInputException(name + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** The density map raw -> slope * raw / muScaling + intercept from the extended header, or null. */
	static ValueCalibration densityCalibration(byte[] ext, int muScaling) {
		ByteBuffer b = ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN);
		// entry list right after the main header (or after a "MultiHeader" block); blocks follow
		int base = 0, skip = 1;
		if (ext.length >= 24 && new String(ext, 8, 16, StandardCharsets.ISO_8859_1).equals("MultiHeader     ")) {
			base = 512;
			skip = 2;
		}
		for (int i = 0; i < 4; i++) {
			int entry = base + i * 128;
			if (entry + 28 > ext.length) return null;
			int size = b.getInt(entry + 24);
			if (size <= 0 || (long) (1 + skip + size) * 512 > ext.length + 512L) return null;
			String blockName = new String(ext, entry + 8, 16, StandardCharsets.ISO_8859_1);
			int start = skip * 512; // the block's position inside ext (which starts at file byte 512)
			if (blockName.equals("Calibration     ") && size * 512 >= 1024) {
				String unit = new String(ext, start + 648, 16, StandardCharsets.ISO_8859_1).trim();
				double slope = vaxDouble(ext, start + 664), intercept = vaxDouble(ext, start + 672);
				if (!(slope != 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) return null;
				return new ValueCalibration(intercept, slope / muScaling, unit.isEmpty() ? "mgHA/cm^3" : unit);
			}
			skip += size;
		}
		return null;
	}

	/** A VAX G-float (as Scanco writes doubles): 16-bit words swapped, exponent bias 4 times IEEE's. */
	static double vaxDouble(byte[] b, int p) {
		long hi = ((b[p + 1] & 0xffL) << 24) | ((b[p] & 0xffL) << 16) | ((b[p + 3] & 0xffL) << 8) | (b[p + 2] & 0xffL);
		long lo = ((b[p + 5] & 0xffL) << 24) | ((b[p + 4] & 0xffL) << 16) | ((b[p + 7] & 0xffL) << 8) | (b[p + 6] & 0xffL);
		return Double.longBitsToDouble((hi << 32) | lo) * 0.25;
	}
}
