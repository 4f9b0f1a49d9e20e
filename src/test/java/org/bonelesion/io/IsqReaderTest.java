package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ISQ files built byte by byte from the published header layout, with known voxels. */
class IsqReaderTest {

	@TempDir
	Path dir;

	static int raw(int x, int y, int z) {
		return (x * 101 + y * 37 + z * 1009) % 9000 - 2000; // negatives included
	}

	/** Header + optional extended header (Calibration block) + signed 16-bit LE data. */
	static byte[] isq(int nx, int ny, int nz, int umX, int umY, int umZ, int muScaling, boolean calibration, int dataBytes) {
		int blocks = calibration ? 3 : 0; // entry list block + 2-block Calibration header
		int offset = (blocks + 1) * 512;
		ByteBuffer b = ByteBuffer.allocate(offset + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		b.put(IsqReader.MAGIC.getBytes(StandardCharsets.ISO_8859_1));
		b.putInt(16, 3).putInt(20, nx * ny * nz * 2).putInt(24, nx * ny * nz * 2 / 512);
		b.putInt(44, nx).putInt(48, ny).putInt(52, nz).putInt(56, umX).putInt(60, umY).putInt(64, umZ);
		b.putInt(68, umZ / nz).putInt(72, umZ / nz).putInt(88, muScaling);
		b.position(128);
		b.put("MOUSE_TIBIA_L".getBytes(StandardCharsets.ISO_8859_1));
		b.putInt(168, 55000).putInt(172, 145).putInt(508, blocks);
		if (calibration) {
			b.position(512 + 8);
			b.put("Calibration     ".getBytes(StandardCharsets.ISO_8859_1));
			b.putInt(512 + 24, 2);
			int cal = 1024;
			b.position(cal + 648);
			b.put("mg HA/ccm".getBytes(StandardCharsets.ISO_8859_1));
			putVax(b, cal + 664, 1603.51904);
			putVax(b, cal + 672, -391.209015);
		}
		int p = offset;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					if (p + 2 > b.capacity()) break;
					b.putShort(p, (short) raw(x, y, z));
					p += 2;
				}
		return b.array();
	}

	/** Encodes a VAX G-float: IEEE bits of 4 v, 16-bit words byte-swapped. */
	static void putVax(ByteBuffer b, int p, double v) {
		long bits = Double.doubleToLongBits(4 * v);
		long hi = bits >>> 32, lo = bits & 0xffffffffL;
		long[] words = { hi, lo };
		for (int k = 0; k < 2; k++) {
			long w = words[k];
			b.put(p + 4 * k, (byte) (w >>> 16)).put(p + 4 * k + 1, (byte) (w >>> 24)).put(p + 4 * k + 2, (byte) w).put(p + 4 * k + 3, (byte) (w >>> 8));
		}
	}

	@Test
	void voxelsSpacingAndAttenuation() throws Exception {
		Path f = dir.resolve("C0001234.ISQ");
		Files.write(f, isq(6, 5, 4, 6 * 10, 5 * 10, 4 * 12, 4096, false, 6 * 5 * 4 * 2));
		LoadedVolume lv = ImageIo.readVolume(f);
		assertEquals("6 x 5 x 4", lv.volume().dims());
		assertEquals(0.010, lv.volume().spacing().x(), 1e-12);
		assertEquals(0.012, lv.volume().spacing().z(), 1e-12);
		assertEquals("1/cm", lv.values().unit());
		for (int z = 0; z < 4; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 6; x++)
					assertEquals(raw(x, y, z) / 4096.0, lv.values().apply(lv.volume().get(x, y, z)), 1e-12);
		assertEquals("MOUSE_TIBIA_L", lv.info().get("patient_name"));
	}

	@Test
	void densityFromTheCalibrationBlock() throws Exception {
		Path f = dir.resolve("dens.isq");
		Files.write(f, isq(4, 3, 2, 40, 30, 20, 8192, true, 4 * 3 * 2 * 2));
		LoadedVolume lv = ImageIo.readVolume(f);
		assertTrue(lv.values().isDensity(), lv.values().unit());
		assertEquals(0.010, lv.volume().spacing().y(), 1e-12);
		for (int x = 0; x < 4; x++) {
			double expected = 1603.51904 * raw(x, 1, 1) / 8192.0 - 391.209015;
			assertEquals(expected, lv.values().apply(lv.volume().get(x, 1, 1)), 1e-9);
		}
	}

	@Test
	void corruptFilesAreRefusedBeforeAllocating() throws Exception {
		Path trunc = dir.resolve("trunc.isq");
		Files.write(trunc, isq(6, 5, 4, 600, 500, 400, 4096, false, 100));
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(trunc));
		assertTrue(e.getMessage().contains("trunc.isq") && e.getMessage().contains("truncated"), e.getMessage());
		Path huge = dir.resolve("huge.isq");
		Files.write(huge, isq(2048, 1024, 1024, 1, 1, 1, 4096, false, 512)); // 2^31 voxels claimed in 1 kB
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(huge));
		assertTrue(e.getMessage().contains("huge.isq"), e.getMessage());
		Path magic = dir.resolve("magic.isq");
		byte[] m = isq(2, 2, 2, 2, 2, 2, 4096, false, 16);
		m[0] = 'X';
		Files.write(magic, m);
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(magic));
		assertTrue(e.getMessage().contains("magic.isq") && e.getMessage().contains("not a Scanco ISQ"), e.getMessage());
	}
}
