package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.io.ImageIo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The big-TIFF path end to end: a tissue phantom written as a tiled RGB TIFF and as a tiled
 * BigTIFF (by the python peer's tifffile), analysed with the tiled-read threshold lowered to
 * zero (read tile by tile through {@code RgbTiffRegionReader}) and at its default (read
 * whole): the summaries, cell tables and overlays must be identical, and provenance must say
 * which path was taken.
 */
class TiledTiffReadTest {

	@TempDir
	Path dir;

	@Test
	void tiledReadEqualsWholeReadForTiffAndBigTiff() throws Exception {
		Path python = Path.of("/usr/bin/python3");
		Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
		TissuePhantom ph = new TissuePhantom(2, 900, 700);
		RgbImage im = ph.image;
		Path raw = dir.resolve("rgb.raw");
		ByteBuffer b = ByteBuffer.allocate(im.width() * im.height() * 3);
		for (int p : im.pixels()) b.put((byte) (p >> 16)).put((byte) (p >> 8)).put((byte) p);
		Files.write(raw, b.array());
		String script = "import sys, numpy as np, tifffile\n"
			+ "a = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(" + im.height() + ", " + im.width() + ", 3)\n"
			+ "tifffile.imwrite(sys.argv[2], a, photometric='rgb', tile=(64, 64), compression='zlib')\n"
			+ "tifffile.imwrite(sys.argv[3], a, photometric='rgb', tile=(128, 128), bigtiff=True)\n";
		Path tif = dir.resolve("section.tif"), big = dir.resolve("section-big.tif");
		Process p = new ProcessBuilder(python.toString(), "-c", script, raw.toString(), tif.toString(), big.toString()).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		Assumptions.assumeTrue(p.exitValue() == 0, "tifffile not usable: " + log);
		byte[] head = Files.readAllBytes(big);
		assertEquals(43, head[2], "the second file is a BigTIFF");
		assertTrue(TrapRun.isTiff(big) && TrapRun.isTiff(tif));

		byte[] reference = null;
		for (Path file : List.of(tif, big)) {
			for (long threshold : new long[] { 0, TrapRun.TILED_READ_PIXELS }) {
				Path out = dir.resolve(file.getFileName() + "-" + threshold);
				Analysis.Request req = new Analysis.Request(file, null, out, "S", 1.0, HistoSettings.options(false).parse(new String[] { "--tile", "256" }));
				TrapRun.run(req, Progress.NONE, false, threshold);
				String prov = Files.readString(out.resolve("provenance.json"));
				assertTrue(prov.contains(threshold == 0 ? "tile by tile" : "\"whole\""), prov);
				byte[] result = concat(Files.readAllBytes(out.resolve("summary.csv")), Files.readAllBytes(out.resolve("osteoclasts.csv")),
					pixels(ImageIo.readRgb(out.resolve("overlay.png"))));
				if (reference == null) {
					reference = result;
					assertTrue(Files.readString(out.resolve("osteoclasts.csv")).lines().count() > ph.osteoclasts - 1, "osteoclasts were found");
				} else {
					assertArrayEquals(reference, result, file.getFileName() + ", tiled-read threshold " + threshold);
				}
			}
		}
	}

	private static byte[] pixels(RgbImage im) {
		ByteBuffer b = ByteBuffer.allocate(4 * im.pixels().length);
		for (int p : im.pixels()) b.putInt(p & 0xffffff);
		return b.array();
	}

	private static byte[] concat(byte[]... parts) {
		int n = 0;
		for (byte[] p : parts) n += p.length;
		ByteBuffer b = ByteBuffer.allocate(n);
		for (byte[] p : parts) b.put(p);
		return b.array();
	}
}
