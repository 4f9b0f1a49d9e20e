package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bonelesion.cli.Main;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both modes through the real command line, bad input, and independence of tiling and threads. */
class HistoCliTest {

	@TempDir
	Path dir;

	record Run(int code, String out, String err) {}

	static Run run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	@Test
	void tissueModeWritesTheContractFiles() throws Exception {
		TissuePhantom ph = new TissuePhantom(1, 900, 700);
		Path png = dir.resolve("section.png");
		ImageIo.writePng(ph.image, png);
		Path out = dir.resolve("out");
		Run r = run("histo", "--input", png.toString(), "--out", out.toString(), "--pixel-um", "1", "--name", "M1");
		assertEquals(0, r.code, r.err);
		Csv.Parsed s = Csv.read(out.resolve("summary.csv"));
		assertEquals(List.of("Specimen", "Pixel (um)", "T.Ar (mm^2)", "B.Ar (mm^2)", "B.Ar/T.Ar (%)", "B.Pm (mm)", "N.Oc", "Oc.Pm (mm)", "N.Oc/B.Pm (1/mm)",
			"Oc.Pm/B.Pm (%)", "Tm.Ar (mm^2)", "Tm.Ar/T.Ar (%)", "Stage", "Wo.B.Ar (mm^2)", "Wo.B.Ar/T.Ar (%)", "N.Ob", "N.Ob/B.Pm (1/mm)",
			"Ob.Pm/B.Pm (%)", "E.Pm/B.Pm (%)", "TBI (mm)", "N.Oc/TBI (1/mm)", "Oc.Pm/TBI (%)"), s.headers());
		Map<String, String> row = s.rows().get(0);
		assertEquals("M1", row.get("Specimen"));
		assertEquals(1.0, Double.parseDouble(row.get("Pixel (um)")), 1e-12);
		// areas in mm^2 from 1 um pixels: T.Ar is the 840 x 640 um marrow rectangle (0.5376 mm^2) within 1 %
		assertEquals(ph.tissueArea * 1e-6, Double.parseDouble(row.get("T.Ar (mm^2)")), 0.01 * ph.tissueArea * 1e-6);
		assertEquals(ph.bonePerimeter * 1e-3, Double.parseDouble(row.get("B.Pm (mm)")), 0.02 * ph.bonePerimeter * 1e-3);
		assertEquals(ph.osteoclasts, Integer.parseInt(row.get("N.Oc")), 1);
		assertEquals(100 * ph.boneArea / ph.tissueArea, Double.parseDouble(row.get("B.Ar/T.Ar (%)")), 5 * ph.boneArea / ph.tissueArea);
		// tumour 2.9 % of T.Ar with 0.61 nuclear area fraction: the 0.4 density threshold and the
		// opening pull the border in by a few um; at least 2 % means stage 1 or 2, never 0
		assertTrue(Double.parseDouble(row.get("Tm.Ar/T.Ar (%)")) > 2, row.toString());
		assertTrue(row.get("Stage").startsWith("1-") || row.get("Stage").startsWith("2-"), row.get("Stage"));
		Csv.Parsed oc = Csv.read(out.resolve("osteoclasts.csv"));
		assertEquals(List.of("Specimen", "Osteoclast", "Area (um^2)", "Nuclei", "Contact (um)", "X (um)", "Y (um)"), oc.headers());
		assertEquals(Integer.parseInt(row.get("N.Oc")), oc.rows().size());
		for (Map<String, String> c : oc.rows()) assertTrue(Integer.parseInt(c.get("Nuclei")) >= 2);
		assertTrue(Files.size(out.resolve("overlay.png")) > 1000);
		String prov = Files.readString(out.resolve("provenance.json"));
		assertTrue(prov.contains("Haematoxylin") && prov.contains("Fast Green") && prov.contains("contact-um"), prov);
	}

	@Test
	void cultureModeCountsCells() throws Exception {
		CulturePhantom ph = new CulturePhantom(2, 720, 540);
		Path png = dir.resolve("well.png");
		ImageIo.writePng(ph.image, png);
		Path out = dir.resolve("out");
		Run r = run("histo", "--mode", "culture", "--input", png.toString(), "--out", out.toString(), "--pixel-um", "1", "--trap-od", "0.15");
		// a fixed TRAP threshold: the area tolerance below is reasoned for 0.15 (defaults are tested in CultureAnalysisTest)
		assertEquals(0, r.code, r.err);
		Csv.Parsed s = Csv.read(out.resolve("summary.csv"));
		assertEquals(List.of("Specimen", "Pixel (um)", "N.TRAP+MNC", "TRAP+.Ar (mm^2)"), s.headers());
		Map<String, String> row = s.rows().get(0);
		assertEquals("well", row.get("Specimen"));
		assertEquals(ph.multinucleated, Integer.parseInt(row.get("N.TRAP+MNC")));
		// 7 %: see CultureAnalysisTest
		assertEquals(ph.mncArea * 1e-6, Double.parseDouble(row.get("TRAP+.Ar (mm^2)")), 0.07 * ph.mncArea * 1e-6);
		Csv.Parsed cells = Csv.read(out.resolve("osteoclasts.csv"));
		assertEquals(List.of("Specimen", "Cell", "Area (um^2)", "Nuclei", "X (um)", "Y (um)"), cells.headers());
		assertEquals(ph.multinucleated, cells.rows().size());
		double sum = 0;
		for (Map<String, String> c : cells.rows()) {
			sum += Double.parseDouble(c.get("Area (um^2)"));
			assertTrue(Integer.parseInt(c.get("Nuclei")) >= 3);
		}
		assertEquals(Double.parseDouble(row.get("TRAP+.Ar (mm^2)")), sum * 1e-6, 1e-9, "TRAP+.Ar is the counted cells' area");
	}

	@Test
	void greyImageIsRefused() throws Exception {
		Path png = dir.resolve("grey.png");
		java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(50, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
		javax.imageio.ImageIO.write(bi, "png", png.toFile());
		Run r = run("histo", "--input", png.toString(), "--out", dir.resolve("o").toString(), "--pixel-um", "1");
		assertEquals(1, r.code);
		assertTrue(r.err.contains("grey") && r.err.contains("grey.png"), r.err);
	}

	@Test
	void blankSlideIsRefused() throws Exception {
		int[] px = new int[200 * 150];
		java.util.Arrays.fill(px, 0xf0f0f0);
		Path png = dir.resolve("blank.png");
		ImageIo.writePng(new RgbImage(200, 150, px, null), png);
		Run r = run("histo", "--input", png.toString(), "--out", dir.resolve("o").toString(), "--pixel-um", "1");
		assertEquals(1, r.code);
		assertTrue(r.err.contains("no tissue found in blank.png"), r.err);
		assertTrue(Files.exists(dir.resolve("o/errors.csv")));
	}

	@Test
	void uncalibratedImageIsRefused() throws Exception {
		Path png = dir.resolve("section.png");
		ImageIo.writePng(new TissuePhantom(1, 300, 250).image, png);
		Run r = run("histo", "--input", png.toString(), "--out", dir.resolve("o").toString());
		assertEquals(1, r.code);
		assertTrue(r.err.contains("not calibrated") && r.err.contains("--pixel-um"), r.err);
	}

	@Test
	void resultsDoNotDependOnTilingOrThreads() {
		TissuePhantom ph = new TissuePhantom(3, 900, 700);
		HistoSettings s = HistoSettings.defaults(false);
		TrapResult whole = HistoAnalysisTest.analyse(ph, s, Parallel.of(1));
		for (int tile : new int[] { 128, 300 }) {
			for (int threads : new int[] { 1, 2 }) {
				TrapResult t = HistoAnalysisTest.analyse(ph, s.withTileSize(tile), Parallel.of(threads));
				assertTrue(t.tiles() > 1);
				String what = "tile " + tile + ", threads " + threads;
				assertEquals(whole.tissuePixels(), t.tissuePixels(), what);
				assertEquals(whole.bonePixels(), t.bonePixels(), what);
				assertEquals(whole.tumourPixels(), t.tumourPixels(), what);
				assertEquals(whole.trapPixels(), t.trapPixels(), what);
				assertEquals(whole.cells().size(), t.cells().size(), what);
				assertEquals(whole.rejected(), t.rejected(), what);
				// perimeters are the same cell lengths summed in another order: rounding only
				assertEquals(whole.bonePerimeter(), t.bonePerimeter(), 1e-9 * whole.bonePerimeter(), what);
				assertEquals(whole.ocPerimeter(), t.ocPerimeter(), 1e-9 * whole.ocPerimeter(), what);
				for (int i = 0; i < whole.cells().size(); i++) {
					assertEquals(whole.cells().get(i).nuclei().size(), t.cells().get(i).nuclei().size(), what);
					assertEquals(whole.cells().get(i).contactPixels(), t.cells().get(i).contactPixels(), 1e-9, what);
				}
				assertTrue(java.util.Arrays.equals(whole.overlay().pixels(), t.overlay().pixels()), "overlay, " + what);
			}
		}
	}

	@Test
	void inMemoryImageIsUsed() throws Exception {
		TissuePhantom ph = new TissuePhantom(2, 600, 500);
		HistoAnalysis a = new HistoAnalysis();
		org.bonelesion.core.Analysis.Request req = new org.bonelesion.core.Analysis.Request(null, null, dir.resolve("mem"), "open image", Double.NaN,
			a.options().parse(new String[0]), ph.image.withSpacing(Spacing.isotropicMicrons(1)));
		org.bonelesion.core.Table t = a.run(req, Progress.NONE);
		assertEquals(1.0, t.rows().get(0).getDouble("Pixel (um)"), 1e-12);
		assertTrue(Files.exists(dir.resolve("mem/overlay.png")));
	}
}
