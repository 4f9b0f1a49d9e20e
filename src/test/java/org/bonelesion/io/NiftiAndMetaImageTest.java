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

/** NIfTI-1 files written by nibabel, MetaImage written by ITK (transformix) or by hand, read back here. */
class NiftiAndMetaImageTest {

	@TempDir
	Path dir;

	static double phantom(int x, int y, int z) {
		return TiffVolumeReaderTest.phantom(x, y, z);
	}

	/** nibabel's arrays are indexed [x, y, z]; the phantom is written so. */
	static final String NIB_PY = "import numpy as np, sys, nibabel as nib\n"
		+ "def phantom(w, h, d):\n"
		+ "    x, y, z = np.mgrid[0:w, 0:h, 0:d]\n"
		+ "    return ((x * 7 + y * 13 + z * 31) % 4000) - 1000\n";

	private static void assertValues(LoadedVolume lv, java.util.function.DoubleUnaryOperator expected, double tol, String what) {
		ShortVolume v = lv.volume();
		for (int z = 0; z < v.depth(); z++)
			for (int y = 0; y < v.height(); y++)
				for (int x = 0; x < v.width(); x++)
					assertEquals(expected.applyAsDouble(phantom(x, y, z)), lv.values().apply(v.get(x, y, z)), tol, what + " at " + x + "," + y + "," + z);
	}

	@Test
	void nibabelDatatypesBothByteOrdersAndGzip() {
		PythonPeer.assumeModules("nibabel", "numpy");
		String[][] cases = { { "uint8", "<", "a.nii" }, { "int16", ">", "b.nii" }, { "uint16", "<", "c.nii.gz" }, { "int32", ">", "d.nii.gz" },
			{ "float32", "<", "e.nii" }, { "float64", ">", "f.nii" } };
		for (String[] c : cases) {
			Path f = dir.resolve(c[2]);
			PythonPeer.runScript(NIB_PY
				+ "t = sys.argv[2]; a = phantom(13, 11, 6)\n"
				+ "a = (a + 1000) % 256 if t == 'uint8' else (a + 1000 if t == 'uint16' else a)\n"
				+ "a = (a * 0.5 if t.startswith('float') else a).astype(np.dtype(sys.argv[3] + {'uint8':'u1','int16':'i2','uint16':'u2','int32':'i4','float32':'f4','float64':'f8'}[t]))\n"
				+ "aff = np.diag([-0.0105, 0.0105, 0.021, 1.0])\n"
				+ "img = nib.Nifti1Image(a, aff)\n"
				+ "img.header.set_xyzt_units('mm')\n"
				+ "img.header.set_data_dtype(a.dtype)\n"
				+ "img.set_qform(aff, code=1)\n"
				+ "nib.save(img, sys.argv[1])\n", f.toString(), c[0], c[1]);
			LoadedVolume lv = ImageIo.readVolume(f);
			assertEquals("13 x 11 x 6", lv.volume().dims(), c[2]);
			assertEquals(0.0105, lv.volume().spacing().x(), 1e-7, c[2]); // float32 pixdim
			assertEquals(0.021, lv.volume().spacing().z(), 1e-7, c[2]);
			assertEquals("LAS", lv.info().get("orientation"), c[2]);
			switch (c[0]) {
				case "uint8" -> assertValues(lv, p -> (p + 1000) % 256, 0, c[2]);
				case "uint16" -> assertValues(lv, p -> p + 1000, 0, c[2]);
				case "int16", "int32" -> assertValues(lv, p -> p, 0, c[2]);
				default -> assertValues(lv, p -> p * 0.5, 0.5 * 1999.5 / 65535 + 1e-9, c[2]); // half a step of the linear map
			}
		}
	}

	@Test
	void sclSlopeAndMicrometreUnitsApply() {
		PythonPeer.assumeModules("nibabel", "numpy");
		Path f = dir.resolve("scaled.nii");
		PythonPeer.runScript(NIB_PY + "a = phantom(9, 8, 5).astype(np.int16)\n"
			+ "img = nib.Nifti1Image(a, np.diag([10.5, 10.5, 12.0, 1.0]))\n"
			+ "img.header.set_xyzt_units('micron')\n"
			+ "img.header.set_data_dtype(np.int16)\n"
			+ "img.header.set_slope_inter(0.25, -3.0)\n"
			+ "img.set_sform(np.diag([10.5, 10.5, 12.0, 1.0]), code=2)\n"
			+ "nib.save(img, sys.argv[1])\n", f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertEquals(0.0105, lv.volume().spacing().y(), 1e-9);
		assertEquals(0.012, lv.volume().spacing().z(), 1e-9);
		assertEquals("RAS", lv.info().get("orientation"));
		assertValues(lv, p -> p * 0.25 - 3.0, 1e-9, "scaled");
	}

	@Test
	void unknownUnitsLeaveTheVolumeUncalibrated() {
		PythonPeer.assumeModules("nibabel", "numpy");
		Path f = dir.resolve("nounits.nii");
		PythonPeer.runScript(NIB_PY + "a = phantom(4, 4, 4).astype(np.uint8)\n"
			+ "nib.save(nib.Nifti1Image(a, np.eye(4)), sys.argv[1])\n", f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertNull(lv.volume().spacing());
		assertEquals("unknown", lv.info().get("spatialUnit"));
	}

	@Test
	void metaImageRawAndZlibByHand() throws Exception {
		PythonPeer.assumeModules("numpy");
		PythonPeer.runScript(TiffVolumeReaderTest.PHANTOM_PY + "import zlib, os\n"
			+ "d = sys.argv[1]; a = phantom(7, 10, 12).astype('>i2')\n"
			+ "open(os.path.join(d, 'v.raw'), 'wb').write(a.tobytes())\n"
			+ "open(os.path.join(d, 'v.mhd'), 'w').write('ObjectType = Image\\nNDims = 3\\nBinaryData = True\\nBinaryDataByteOrderMSB = True\\n'\n"
			+ "  'ElementSpacing = 0.02 0.02 0.04\\nDimSize = 12 10 7\\nElementType = MET_SHORT\\nElementDataFile = v.raw\\n')\n"
			+ "b = phantom(7, 10, 12).astype('<f4') * 2\n"
			+ "z = zlib.compress(b.tobytes())\n"
			+ "open(os.path.join(d, 'w.mha'), 'wb').write(('ObjectType = Image\\nNDims = 3\\nElementSpacing = 0.5 0.5 0.5\\nDimSize = 12 10 7\\n'\n"
			+ "  'ElementType = MET_FLOAT\\nCompressedData = True\\nCompressedDataSize = %d\\nElementDataFile = LOCAL\\n' % len(z)).encode() + z)\n",
			dir.toString());
		LoadedVolume a = ImageIo.readVolume(dir.resolve("v.mhd"));
		assertEquals("12 x 10 x 7", a.volume().dims());
		assertEquals(0.04, a.volume().spacing().z(), 1e-12);
		assertValues(a, p -> p, 0, "v.mhd");
		LoadedVolume b = ImageIo.readVolume(dir.resolve("w.mha"));
		assertEquals(0.5, b.volume().spacing().x(), 1e-12);
		assertValues(b, p -> 2 * p, 0, "w.mha"); // integral floats within 65536 values are kept exactly
	}

	@Test
	void metaImageWrittenByItkTransformix() throws Exception {
		PythonPeer.assumeModules("nibabel", "numpy");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/transformix")), "no transformix");
		Path in = dir.resolve("in.nii");
		PythonPeer.runScript(NIB_PY + "a = phantom(12, 10, 7).astype(np.int16)\n"
			+ "img = nib.Nifti1Image(a, np.diag([0.03, 0.03, 0.06, 1.0]))\n"
			+ "img.header.set_xyzt_units('mm'); img.set_qform(np.diag([0.03, 0.03, 0.06, 1.0]), code=1)\n"
			+ "nib.save(img, sys.argv[1])\n", in.toString());
		Path tp = dir.resolve("tp.txt");
		Files.writeString(tp, "(Transform \"TranslationTransform\")\n(NumberOfParameters 3)\n(TransformParameters 0 0 0)\n"
			+ "(InitialTransformParametersFileName \"NoInitialTransform\")\n(FixedImageDimension 3)\n(MovingImageDimension 3)\n"
			+ "(FixedInternalImagePixelType \"float\")\n(MovingInternalImagePixelType \"float\")\n(Size 12 10 7)\n(Index 0 0 0)\n"
			+ "(Spacing 0.03 0.03 0.06)\n(Origin 0 0 0)\n(Direction -1 0 0 0 -1 0 0 0 1)\n(UseDirectionCosines \"true\")\n"
			+ "(ResampleInterpolator \"FinalBSplineInterpolator\")\n(FinalBSplineInterpolationOrder 0)\n(Resampler \"DefaultResampler\")\n// ITK reads the NIfTI qform in LPS: x and y flipped, hence the direction above\n(DefaultPixelValue 0)\n"
			+ "(ResultImageFormat \"mhd\")\n(ResultImagePixelType \"short\")\n(CompressResultImage \"true\")\n(HowToCombineTransforms \"Compose\")\n");
		Path out = Files.createDirectories(dir.resolve("out"));
		Process p = new ProcessBuilder("/usr/bin/transformix", "-in", in.toString(), "-out", out.toString(), "-tp", tp.toString())
			.redirectErrorStream(true).redirectOutput(dir.resolve("transformix.txt").toFile()).start();
		org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(out.resolve("result.mhd")), "transformix failed");
		LoadedVolume lv = ImageIo.readVolume(out.resolve("result.mhd"));
		assertEquals("12 x 10 x 7", lv.volume().dims());
		assertEquals(0.03, lv.volume().spacing().x(), 1e-6);
		assertEquals(0.06, lv.volume().spacing().z(), 1e-6);
		assertEquals(Boolean.TRUE, lv.info().get("compressed"));
		assertValues(lv, v -> v, 0, "result.mhd");
	}

	@Test
	void absurdClaimsAndTruncationAreRefused() throws Exception {
		// a NIfTI header claiming 32767^3 int16 voxels in a 1 kB file
		java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, 348).putShort(40, (short) 3).putShort(42, (short) 32767).putShort(44, (short) 32767).putShort(46, (short) 32767);
		h.putShort(70, (short) 4).putShort(72, (short) 16).putFloat(108, 352f);
		h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
		Path f = dir.resolve("huge.nii");
		Files.write(f, h.array());
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(f));
		assertTrue(e.getMessage().contains("huge.nii") && e.getMessage().contains("truncated"), e.getMessage());
		Path g = dir.resolve("huge.mhd");
		Files.writeString(g, "NDims = 3\nDimSize = 32768 32768 2\nElementType = MET_USHORT\nElementDataFile = huge.raw\n");
		Files.write(dir.resolve("huge.raw"), new byte[1000]);
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(g));
		assertTrue(e.getMessage().contains("huge.raw"), e.getMessage());
		Path wrong = dir.resolve("wrong.nii");
		Files.write(wrong, new byte[400]);
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(wrong));
		assertTrue(e.getMessage().contains("wrong.nii") && e.getMessage().contains("not a NIfTI"), e.getMessage());
	}
}
