package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TIFF stacks written by tifffile and Pillow/libtiff (independent writers), read back here. */
class TiffVolumeReaderTest {

	@TempDir
	Path dir;

	/** The phantom both sides compute: distinct values, negatives included. */
	static double phantom(int x, int y, int z) {
		return ((x * 7 + y * 13 + z * 31) % 4000) - 1000;
	}

	static final String PHANTOM_PY = "import numpy as np, sys\n"
		+ "def phantom(d, h, w):\n"
		+ "    z, y, x = np.mgrid[0:d, 0:h, 0:w]\n"
		+ "    return ((x * 7 + y * 13 + z * 31) % 4000) - 1000\n";

	private static void assertPhantom(LoadedVolume lv, double offset, double tol) {
		ShortVolume v = lv.volume();
		for (int z = 0; z < v.depth(); z++)
			for (int y = 0; y < v.height(); y++)
				for (int x = 0; x < v.width(); x++)
					assertEquals(phantom(x, y, z) + offset, lv.values().apply(v.get(x, y, z)), tol, "at " + x + "," + y + "," + z);
	}

	@Test
	void imageJStackFromTifffileKeepsSpacingAndValues() {
		PythonPeer.assumeModules("tifffile", "numpy");
		Path f = dir.resolve("stack.tif");
		PythonPeer.runScript(PHANTOM_PY + "import tifffile\n"
			+ "a = (phantom(5, 20, 17) + 1000).astype(np.uint16)\n"
			+ "tifffile.imwrite(sys.argv[1], a, imagej=True, resolution=(1/12.5, 1/12.5), metadata={'spacing': 25.0, 'unit': 'um', 'axes': 'ZYX'})\n",
			f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertEquals("17 x 20 x 5", lv.volume().dims());
		assertEquals(0.0125, lv.volume().spacing().x(), 1e-9);
		assertEquals(0.0125, lv.volume().spacing().y(), 1e-9);
		assertEquals(0.025, lv.volume().spacing().z(), 1e-9);
		assertPhantom(lv, 1000, 0);
	}

	@Test
	void signedDeflateWithPredictorMapsToUnsignedAndBack() {
		PythonPeer.assumeModules("tifffile", "numpy");
		Path f = dir.resolve("signed.tif");
		PythonPeer.runScript(PHANTOM_PY + "import tifffile\n"
			+ "a = phantom(4, 33, 29).astype(np.int16)\n"
			+ "tifffile.imwrite(sys.argv[1], a, compression='zlib', predictor=True, photometric='minisblack', rowsperstrip=5, resolution=(1000, 1000), resolutionunit='CENTIMETER')\n",
			f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertEquals("29 x 33 x 4", lv.volume().dims());
		assertEquals(0.01, lv.volume().spacing().x(), 1e-12); // 1000 px/cm
		assertEquals(-32768, lv.values().intercept(), 0);
		assertPhantom(lv, 0, 0);
	}

	@Test
	void tiledFloatIsMappedLinearlyWithTheMapKept() {
		PythonPeer.assumeModules("tifffile", "numpy");
		Path f = dir.resolve("float.tif");
		PythonPeer.runScript(PHANTOM_PY + "import tifffile\n"
			+ "a = (phantom(3, 40, 37) * 0.25).astype(np.float32)\n"
			+ "tifffile.imwrite(sys.argv[1], a, tile=(16, 16), compression='zlib', photometric='minisblack')\n", f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertNull(lv.volume().spacing());
		ShortVolume v = lv.volume();
		// range [-250, 749.75] spread over 65535 steps: rounding error at most half a step
		double halfStep = 0.5 * (999.75 / 65535.0) + 1e-9;
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 40; y++)
				for (int x = 0; x < 37; x++)
					assertEquals(phantom(x, y, z) * 0.25, lv.values().apply(v.get(x, y, z)), halfStep);
	}

	@Test
	void lzwAndPackBitsFromLibtiffDecode() {
		PythonPeer.assumeModules("PIL", "numpy");
		for (String comp : new String[] { "tiff_lzw", "packbits", "tiff_adobe_deflate" }) {
			Path f = dir.resolve(comp + ".tif");
			PythonPeer.runScript(PHANTOM_PY + "from PIL import Image\n"
				+ "a = ((phantom(1, 45, 51)[0] + 1000) % 256).astype(np.uint8)\n"
				+ "Image.fromarray(a).save(sys.argv[1], compression=sys.argv[2])\n", f.toString(), comp);
			LoadedVolume lv = ImageIo.readVolume(f);
			assertEquals("51 x 45 x 1", lv.volume().dims(), comp);
			for (int y = 0; y < 45; y++)
				for (int x = 0; x < 51; x++)
					assertEquals((int) (phantom(x, y, 0) + 1000) % 256, lv.volume().get(x, y, 0), comp + " at " + x + "," + y);
		}
	}

	@Test
	void sliceFolderIsSortedNaturally() {
		PythonPeer.assumeModules("tifffile", "numpy");
		PythonPeer.runScript(PHANTOM_PY + "import tifffile, os\n"
			+ "a = (phantom(12, 6, 7) + 1000).astype(np.uint16)\n"
			+ "for z in range(12): tifffile.imwrite(os.path.join(sys.argv[1], 'slice%d.tif' % z), a[z], imagej=True, resolution=(1/10.0, 1/10.0), metadata={'unit': 'um'})\n",
			dir.toString());
		LoadedVolume lv = ImageIo.readVolume(dir);
		assertEquals("7 x 6 x 12", lv.volume().dims());
		assertEquals(0.010, lv.volume().spacing().x(), 1e-9); // resolution is stored as a rational
		assertPhantom(lv, 1000, 0);
	}

	@Test
	void truncatedAndWrongMagicAreNamed() throws Exception {
		ShortVolume v = new ShortVolume(64, 64, 8, null);
		Path f = dir.resolve("whole.tif");
		ImageIo.writeTiff(v, f);
		byte[] all = Files.readAllBytes(f);
		Path cut = dir.resolve("cut.tif");
		Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(cut));
		assertTrue(e.getMessage().contains("cut.tif"), e.getMessage());
		Path bad = dir.resolve("bad.tif");
		Files.write(bad, "this is not an image".getBytes());
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(bad));
		assertTrue(e.getMessage().contains("bad.tif") && e.getMessage().contains("not a TIFF"), e.getMessage());
	}

	@Test
	void absurdDimensionsAreRefusedBeforeAllocating() throws Exception {
		// a 1 kB classic TIFF claiming 65536 x 32768 16-bit pixels in one strip at byte 200
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int[][] tags = { { 256, 4, 65536 }, { 257, 4, 32768 }, { 258, 3, 16 }, { 259, 3, 1 }, { 262, 3, 1 }, { 273, 4, 200 }, { 277, 3, 1 },
			{ 278, 4, 32768 }, { 279, 4, Integer.MAX_VALUE } };
		b.putShort(8, (short) tags.length);
		int p = 10;
		for (int[] t : tags) {
			b.putShort(p, (short) t[0]).putShort(p + 2, (short) t[1]).putInt(p + 4, 1);
			if (t[1] == 3) b.putShort(p + 8, (short) t[2]);
			else b.putInt(p + 8, t[2]);
			p += 12;
		}
		Path f = dir.resolve("huge.tif");
		Files.write(f, b.array());
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(f));
		assertTrue(e.getMessage().contains("huge.tif"), e.getMessage());
	}
}
