package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bonelesion.core.Calibrations;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

	@TempDir
	Path dir;

	@Test
	void calibratedTiffKeepsItsVoxelSize() throws Exception {
		ShortVolume v = new ShortVolume(5, 4, 3, Spacing.microns(10, 10, 20));
		v.set(1, 2, 2, 1000);
		Path f = dir.resolve("v.tif");
		ImageIo.writeTiff(v, f);
		LoadedVolume back = ImageIo.readVolume(f);
		assertEquals(0.010, back.volume().spacing().x(), 1e-12);
		assertEquals(0.020, back.volume().spacing().z(), 1e-12);
		assertEquals(1000, back.volume().get(1, 2, 2));
		assertEquals("5 x 4 x 3", back.volume().dims());
	}

	@Test
	void uncalibratedImageIsRefusedWithAClearMessage() throws Exception {
		ShortVolume v = new ShortVolume(5, 4, 3, null);
		Path f = dir.resolve("raw.tif");
		ImageIo.writeTiff(v, f);
		LoadedVolume back = ImageIo.readVolume(f);
		assertNull(back.volume().spacing());
		UserInputException e = assertThrows(UserInputException.class,
			() -> Calibrations.resolve(back.volume().spacing(), Double.NaN, "raw.tif", "--voxel-um"));
		assertTrue(e.getMessage().contains("raw.tif is not calibrated"), e.getMessage());
		assertTrue(e.getMessage().contains("--voxel-um"), e.getMessage());
		assertEquals(0.0195, Calibrations.resolve(null, 19.5, "raw.tif", "--voxel-um").x(), 1e-12);
	}

	@Test
	void unitsConvertToMillimetres() {
		assertEquals(0.0195, Calibrations.toMillimetres(19.5, "µm"), 1e-12);
		assertEquals(0.0195, Calibrations.toMillimetres(19.5, "micron"), 1e-12);
		assertEquals(2.0, Calibrations.toMillimetres(2, "mm"), 1e-12);
		assertTrue(Double.isNaN(Calibrations.toMillimetres(1, "pixel")));
	}

	@Test
	void naturalOrderSortsNumbersByValue() {
		assertTrue(NaturalOrder.compare("s2.tif", "s10.tif") < 0);
		assertTrue(NaturalOrder.compare("s010.tif", "s9.tif") > 0);
		assertEquals(0, NaturalOrder.compare("a1", "a1"));
	}

	@Test
	void missingFileIsNamed() {
		UserInputException e = assertThrows(UserInputException.class, () -> ImageIo.readVolume(dir.resolve("nope.tif")));
		assertTrue(e.getMessage().contains("nope.tif does not exist"), e.getMessage());
	}
}
