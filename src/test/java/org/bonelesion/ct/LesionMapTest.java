package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.RgbImage;
import org.bonelesion.io.ImageIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LesionMapTest {

	@TempDir
	Path dir;

	@Test
	void projectsLesionsInTheirColoursWithAScaleBar() throws Exception {
		ByteVolume labels = new ByteVolume(40, 30, 20, LesionPhantoms.SPACING);
		for (int z = 0; z < 20; z++) for (int y = 5; y < 25; y++) for (int x = 5; x < 35; x++) labels.set(x, y, z, 1);
		labels.set(10, 10, 5, 2); // lytic at (10, 10, 5)
		labels.set(30, 20, 15, 3); // blastic at (30, 20, 15)
		RgbImage img = LesionMap.render(labels);
		// layout: xy view 40 x 30 at (0, 0); xz view 40 x 20 below after a 6-pixel gap; yz view 20 x 30 to the right
		assertEquals(40 + 6 + 20, img.width());
		assertEquals(30 + 6 + 20 + 30, img.height());
		assertEquals(0xff2020, img.get(10, 10));
		assertEquals(0x3070ff, img.get(30, 20));
		assertEquals(0xff2020, img.get(10, 36 + 5));
		assertEquals(0x3070ff, img.get(46 + 15, 20));
		int bone = img.get(20, 15);
		assertTrue((bone & 0xff) == ((bone >> 8) & 0xff) && (bone & 0xff) > 0x40, "bone grey");
		assertEquals(0, img.get(1, 1));
		// scale bar: 0.2 mm (a fifth of the 66 x 0.02 mm width is 0.264 mm) = 10 pixels, white, at y = 64
		assertEquals(0xffffff, img.get(4, 64));
		assertEquals(0xffffff, img.get(13, 64));
		assertEquals(0, img.get(15, 64));
		Path png = dir.resolve("lesion_map.png");
		ImageIo.writePng(img, png);
		assertTrue(Files.size(png) > 0);
	}
}
