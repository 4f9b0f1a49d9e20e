package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NRecon-style series built by hand: 8-bit BMP slices (bottom-up rows, padded) and a log. */
class BrukerSeriesReaderTest {

	@TempDir
	Path dir;

	static int grey(int x, int y, int z) {
		return (x * 17 + y * 5 + z * 29) & 0xff;
	}

	/** An 8-bit BMP with a grey palette, rows bottom-up, each padded to 4 bytes. */
	static byte[] bmp(int w, int h, int z) {
		int stride = (w + 3) & ~3, data = 14 + 40 + 1024;
		ByteBuffer b = ByteBuffer.allocate(data + stride * h).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(data);
		b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 8).putInt(0).putInt(stride * h).putInt(2835).putInt(2835).putInt(256).putInt(0);
		for (int i = 0; i < 256; i++) b.put((byte) i).put((byte) i).put((byte) i).put((byte) 0);
		for (int row = 0; row < h; row++) {
			int y = h - 1 - row;
			for (int x = 0; x < stride; x++) b.put((byte) (x < w ? grey(x, y, z) : 0));
		}
		return b.array();
	}

	static final String LOG = "[System]\r\nScanner=Skyscan1276\r\nPixel Size (um)=99.0\r\n[Acquisition]\r\nImage Pixel Size (um)=8.9\r\n"
		+ "[Reconstruction]\r\nReconstruction Program=NRecon\r\nPixel Size (um)=8.99872\r\nMinimum for CS to Image Conversion=0.000000\r\n"
		+ "Maximum for CS to Image Conversion=0.060000\r\n";

	@Test
	void bmpSlicesInNaturalOrderWithPixelSizeFromTheLog() throws Exception {
		for (int z = 0; z < 11; z++) Files.write(dir.resolve("tibia_rec" + String.format("%08d", z + 995) + ".bmp"), bmp(13, 7, z));
		Files.write(dir.resolve("tibia_rec_spr.bmp"), bmp(4, 4, 0)); // NRecon's preview, not a slice
		Files.writeString(dir.resolve("tibia_rec.log"), LOG);
		LoadedVolume lv = ImageIo.readVolume(dir);
		ShortVolume v = lv.volume();
		assertEquals("13 x 7 x 11", v.dims());
		assertEquals(0.00899872, v.spacing().x(), 1e-12);
		assertEquals(0.00899872, v.spacing().z(), 1e-12);
		for (int z = 0; z < 11; z++)
			for (int y = 0; y < 7; y++)
				for (int x = 0; x < 13; x++) assertEquals(grey(x, y, z), v.get(x, y, z));
		assertEquals("[Reconstruction] Pixel Size (um)", lv.info().get("pixelSizeFrom"));
		// the log file itself is an accepted input
		assertEquals(v.dims(), ImageIo.readVolume(dir.resolve("tibia_rec.log")).volume().dims());
	}

	@Test
	void tiffSlicesAndSystemFallback() throws Exception {
		for (int z = 0; z < 3; z++) {
			ShortVolume s = new ShortVolume(5, 4, 1, null);
			for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) s.set(x, y, 0, 1000 * z + 10 * y + x);
			ImageIo.writeTiff(s, dir.resolve("s_rec" + (z + 8) + ".tif"));
		}
		Files.writeString(dir.resolve("s_rec.log"), "[System]\nPixel Size (um)=12.5\n[Reconstruction]\nReconstruction Program=NRecon\n");
		LoadedVolume lv = ImageIo.readVolume(dir);
		assertEquals(0.0125, lv.volume().spacing().y(), 1e-12);
		assertEquals(2 * 1000 + 10 * 3 + 4, lv.volume().get(4, 3, 2)); // s_rec10 after s_rec9
	}

	@Test
	void noPixelSizeMeansUncalibratedAndDamagedSliceIsNamed() throws Exception {
		Files.write(dir.resolve("a_rec0001.bmp"), bmp(4, 4, 0));
		byte[] bad = bmp(4, 4, 1);
		Files.write(dir.resolve("a_rec0002.bmp"), java.util.Arrays.copyOf(bad, 20));
		Files.writeString(dir.resolve("a_rec.log"), "[Reconstruction]\nReconstruction Program=NRecon\n");
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(dir));
		assertTrue(e.getMessage().contains("a_rec0002.bmp"), e.getMessage());
		Files.delete(dir.resolve("a_rec0002.bmp"));
		assertNull(ImageIo.readVolume(dir).volume().spacing());
	}
}
