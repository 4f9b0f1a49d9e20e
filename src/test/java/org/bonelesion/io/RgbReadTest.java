package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.bonelesion.core.RgbImage;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour images written by tifffile and Pillow, read whole and by region. */
class RgbReadTest {

	@TempDir
	Path dir;

	static int expected(int x, int y) {
		int r = (x * 3 + y) & 0xff, g = (x + y * 5) & 0xff, b = (x * y) & 0xff;
		return r << 16 | g << 8 | b;
	}

	static final String RGB_PY = "import numpy as np, sys\n"
		+ "def rgb(h, w):\n"
		+ "    y, x = np.mgrid[0:h, 0:w]\n"
		+ "    return np.stack([(x * 3 + y) & 255, (x + y * 5) & 255, (x * y) & 255], axis=-1).astype(np.uint8)\n";

	private static void assertPixels(RgbImage img, int x0, int y0, int tol, String what) {
		for (int y = 0; y < img.height(); y++)
			for (int x = 0; x < img.width(); x++) {
				int a = img.get(x, y), e = expected(x + x0, y + y0);
				for (int s = 0; s < 24; s += 8) {
					assertEquals((e >> s) & 0xff, (a >> s) & 0xff, tol, what + " at " + (x + x0) + "," + (y + y0));
				}
			}
	}

	@Test
	void tiledDeflateAndLzwStripsWholeAndByRegion() throws Exception {
		PythonPeer.assumeModules("tifffile", "PIL", "numpy");
		Path tiled = dir.resolve("tiled.tif"), strips = dir.resolve("strips.tif"), planar = dir.resolve("planar.tif");
		PythonPeer.runScript(RGB_PY + "import tifffile\nfrom PIL import Image\n"
			+ "a = rgb(301, 257)\n"
			+ "tifffile.imwrite(sys.argv[1], a, tile=(64, 48), compression='zlib', predictor=True, photometric='rgb', resolution=(2000, 2000), resolutionunit='CENTIMETER')\n"
			+ "Image.fromarray(a).save(sys.argv[2], compression='tiff_lzw')\n"
			+ "tifffile.imwrite(sys.argv[3], np.moveaxis(a, -1, 0), photometric='rgb', planarconfig='separate', rowsperstrip=7)\n",
			tiled.toString(), strips.toString(), planar.toString());
		for (Path f : new Path[] { tiled, strips, planar }) {
			RgbImage all = ImageIo.readRgb(f);
			assertEquals(257, all.width());
			assertEquals(301, all.height());
			assertPixels(all, 0, 0, 0, f.getFileName().toString());
			try (RgbTiffRegionReader r = RgbTiffRegionReader.open(f)) {
				Random rnd = new Random(42);
				for (int i = 0; i < 20; i++) {
					int x = rnd.nextInt(257), y = rnd.nextInt(301), w = 1 + rnd.nextInt(257 - x), h = 1 + rnd.nextInt(301 - y);
					assertPixels(r.readRegion(x, y, w, h), x, y, 0, f.getFileName() + " region " + x + "," + y + " " + w + "x" + h);
				}
			}
		}
		assertEquals(0.005, ImageIo.readRgb(tiled).spacing().x(), 1e-9); // 2000 px/cm
	}

	@Test
	void uncompressedStripsReadRowByRowByRegion() throws Exception {
		// uncompressed strips are read row by row (only the rectangle's bytes): one strip of the
		// whole image (as ImageJ saves), strips of 7 rows, and RGBA
		PythonPeer.assumeModules("tifffile", "numpy");
		Path one = dir.resolve("one-strip.tif"), seven = dir.resolve("strips7.tif"), rgba = dir.resolve("rgba.tif");
		PythonPeer.runScript(RGB_PY + "import tifffile\n"
			+ "a = rgb(301, 257)\n"
			+ "tifffile.imwrite(sys.argv[1], a, photometric='rgb', rowsperstrip=301)\n"
			+ "tifffile.imwrite(sys.argv[2], a, photometric='rgb', rowsperstrip=7)\n"
			+ "tifffile.imwrite(sys.argv[3], np.concatenate([a, np.full((301, 257, 1), 9, np.uint8)], axis=-1), photometric='rgb', extrasamples=[2], rowsperstrip=13)\n",
			one.toString(), seven.toString(), rgba.toString());
		for (Path f : new Path[] { one, seven, rgba }) {
			try (RgbTiffRegionReader r = RgbTiffRegionReader.open(f)) {
				assertEquals("none", r.compression());
				assertPixels(r.readAll(), 0, 0, 0, f.getFileName().toString());
				Random rnd = new Random(7);
				for (int i = 0; i < 30; i++) {
					int x = rnd.nextInt(257), y = rnd.nextInt(301), w = 1 + rnd.nextInt(257 - x), h = 1 + rnd.nextInt(301 - y);
					assertPixels(r.readRegion(x, y, w, h), x, y, 0, f.getFileName() + " region " + x + "," + y + " " + w + "x" + h);
				}
			}
		}
	}

	@Test
	void pngAndJpeg() {
		PythonPeer.assumeModules("PIL", "numpy");
		Path png = dir.resolve("a.png"), jpg = dir.resolve("a.jpg");
		PythonPeer.runScript(RGB_PY + "from PIL import Image\n"
			+ "a = rgb(60, 70)\nImage.fromarray(a).save(sys.argv[1])\n"
			+ "flat = np.zeros((64, 64, 3), np.uint8); flat[..., 0] = 200; flat[..., 1] = 40; flat[..., 2] = 90\n"
			+ "Image.fromarray(flat).save(sys.argv[2], quality=100, subsampling=0)\n", png.toString(), jpg.toString());
		assertPixels(ImageIo.readRgb(png), 0, 0, 0, "png");
		RgbImage j = ImageIo.readRgb(jpg);
		// a flat colour survives JPEG at quality 100 up to rounding in the colour transform: 2 levels
		for (int y = 0; y < 64; y += 9)
			for (int x = 0; x < 64; x += 7) {
				int v = j.get(x, y);
				assertEquals(200, v >> 16 & 0xff, 2);
				assertEquals(40, v >> 8 & 0xff, 2);
				assertEquals(90, v & 0xff, 2);
			}
	}

	@Test
	void greyAndTruncatedTiffsAreExplained() throws Exception {
		PythonPeer.assumeModules("tifffile", "numpy");
		Path grey = dir.resolve("grey.tif"), big = dir.resolve("big.tif");
		PythonPeer.runScript(RGB_PY + "import tifffile\n"
			+ "tifffile.imwrite(sys.argv[1], np.zeros((20, 20), np.uint8))\n"
			+ "tifffile.imwrite(sys.argv[2], rgb(400, 400), photometric='rgb')\n", grey.toString(), big.toString());
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readRgb(grey));
		assertTrue(e.getMessage().contains("grey.tif"), e.getMessage());
		byte[] all = Files.readAllBytes(big);
		Path cut = dir.resolve("cut.tif");
		Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
		e = assertThrows(UserInputException.class, () -> RgbTiffRegionReader.open(cut));
		assertTrue(e.getMessage().contains("cut.tif"), e.getMessage());
	}
}
