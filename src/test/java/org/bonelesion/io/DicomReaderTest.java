package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DICOM series and multi-frame files written by pydicom, read back here. */
class DicomReaderTest {

	@TempDir
	Path dir;

	static final String PY = TiffVolumeReaderTest.PHANTOM_PY + "import pydicom, os\n"
		+ "from pydicom.dataset import Dataset, FileMetaDataset\n"
		+ "from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian, generate_uid\n"
		+ "def ds_for(pixels, ts, series):\n"
		+ "    m = FileMetaDataset(); m.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'; m.MediaStorageSOPInstanceUID = generate_uid()\n"
		+ "    m.TransferSyntaxUID = ts\n"
		+ "    d = Dataset(); d.file_meta = m; d.is_little_endian = ts != ExplicitVRBigEndian; d.is_implicit_VR = ts == ImplicitVRLittleEndian\n"
		+ "    d.SOPClassUID = m.MediaStorageSOPClassUID; d.SOPInstanceUID = m.MediaStorageSOPInstanceUID; d.SeriesInstanceUID = series\n"
		+ "    d.Modality = 'CT'; d.Rows, d.Columns = pixels.shape[-2:]; d.SamplesPerPixel = 1; d.PhotometricInterpretation = 'MONOCHROME2'\n"
		+ "    d.BitsAllocated = 16; d.BitsStored = 16; d.HighBit = 15; d.PixelRepresentation = 1 if pixels.dtype.kind == 'i' else 0\n"
		+ "    d.PixelSpacing = [0.02, 0.025]\n"
		+ "    d.PixelData = pixels.astype(pixels.dtype.newbyteorder('<' if d.is_little_endian else '>')).tobytes()\n"
		+ "    return d\n";

	private static void assertPhantom(LoadedVolume lv, double scale, double offset) {
		ShortVolume v = lv.volume();
		for (int z = 0; z < v.depth(); z++)
			for (int y = 0; y < v.height(); y++)
				for (int x = 0; x < v.width(); x++)
					assertEquals(TiffVolumeReaderTest.phantom(x, y, z) * scale + offset, lv.values().apply(v.get(x, y, z)), 1e-9, "at " + x + "," + y + "," + z);
	}

	@Test
	void ctSeriesSortedByPositionWithHounsfieldUnits() {
		PythonPeer.assumeModules("pydicom", "numpy");
		for (String ts : new String[] { "ExplicitVRLittleEndian", "ImplicitVRLittleEndian", "ExplicitVRBigEndian" }) {
			Path d = dir.resolve(ts);
			PythonPeer.runScript(PY + "import random\n"
				+ "out = sys.argv[1]; os.makedirs(out); ts = globals()[sys.argv[2]]; a = phantom(6, 9, 8).astype(np.int16); series = generate_uid()\n"
				+ "order = list(range(6)); random.Random(3).shuffle(order)\n"
				+ "for k, z in enumerate(order):\n"
				+ "    s = ds_for(a[z], ts, series)\n"
				+ "    s.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]; s.ImagePositionPatient = [5.0, 3.0, -10.0 + 0.03 * z]\n"
				+ "    s.InstanceNumber = 100 - z\n" // instance numbers run backwards: position must win
				+ "    s.SliceThickness = 0.5; s.RescaleSlope = 1; s.RescaleIntercept = -1024\n"
				+ "    s.save_as(os.path.join(out, 'IM%d' % k), write_like_original=False)\n", d.toString(), ts);
			LoadedVolume lv = ImageIo.readVolume(d);
			assertEquals("8 x 9 x 6", lv.volume().dims(), ts);
			assertEquals(0.025, lv.volume().spacing().x(), 1e-12, ts);
			assertEquals(0.02, lv.volume().spacing().y(), 1e-12, ts);
			assertEquals(0.03, lv.volume().spacing().z(), 1e-9, ts);
			assertEquals("HU", lv.values().unit(), ts);
			assertEquals("ImagePositionPatient", lv.info().get("sortedBy"), ts);
			assertPhantom(lv, 1, -1024);
		}
	}

	@Test
	void instanceNumberWhenPositionsAreMissing() {
		PythonPeer.assumeModules("pydicom", "numpy");
		PythonPeer.runScript(PY + "a = (phantom(5, 4, 3) + 1000).astype(np.uint16); series = generate_uid()\n"
			+ "for z in range(5):\n"
			+ "    s = ds_for(a[z], ExplicitVRLittleEndian, series); s.InstanceNumber = z + 1; s.SpacingBetweenSlices = 0.04; s.SliceThickness = 0.5\n"
			+ "    s.save_as(os.path.join(sys.argv[1], 'slice_%d.dcm' % (4 - z)), write_like_original=False)\n", dir.toString());
		LoadedVolume lv = ImageIo.readVolume(dir);
		assertEquals("InstanceNumber", lv.info().get("sortedBy"));
		assertEquals(0.04, lv.volume().spacing().z(), 1e-12);
		assertPhantom(lv, 1, 1000);
	}

	@Test
	void multiFrameScancoDensity() {
		PythonPeer.assumeModules("pydicom", "numpy");
		Path f = dir.resolve("scanco.dcm");
		PythonPeer.runScript(PY + "a = phantom(4, 7, 6).astype(np.int16)\n"
			+ "s = ds_for(a, ExplicitVRLittleEndian, generate_uid()); s.NumberOfFrames = 4; s.SliceThickness = 0.02\n"
			+ "s.Manufacturer = 'SCANCO Medical AG'\n"
			+ "s.add_new(0x00290010, 'LO', 'SCANCO Medical')\n"
			+ "s.add_new(0x00291000, 'DS', '8192'); s.add_new(0x00291004, 'DS', '1603.51904'); s.add_new(0x00291005, 'DS', '-391.209015')\n"
			+ "s.save_as(sys.argv[1], write_like_original=False)\n", f.toString());
		LoadedVolume lv = ImageIo.readVolume(f);
		assertEquals("6 x 7 x 4", lv.volume().dims());
		assertEquals(0.02, lv.volume().spacing().z(), 1e-12);
		assertTrue(lv.values().isDensity());
		assertPhantom(lv, 1603.51904 / 8192, -391.209015);
	}

	@Test
	void truncatedAndNonDicomFilesAreNamed() throws Exception {
		PythonPeer.assumeModules("pydicom", "numpy");
		Path f = dir.resolve("whole.dcm");
		PythonPeer.runScript(PY + "s = ds_for(np.zeros((64, 64), np.uint16), ExplicitVRLittleEndian, generate_uid())\n"
			+ "s.save_as(sys.argv[1], write_like_original=False)\n", f.toString());
		byte[] all = Files.readAllBytes(f);
		Path cut = dir.resolve("cut.dcm");
		Files.write(cut, java.util.Arrays.copyOf(all, all.length - 1000));
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(cut));
		assertTrue(e.getMessage().contains("cut.dcm"), e.getMessage());
		Path junk = dir.resolve("junk.dcm");
		Files.writeString(junk, "hello");
		e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(junk));
		assertTrue(e.getMessage().contains("junk.dcm") && e.getMessage().contains("not a DICOM"), e.getMessage());
	}
}
