package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bonelesion.cli.Main;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.Json;
import org.bonelesion.io.LoadedVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ct} command, headless, through {@link Main#run}. */
class CtCommandTest {

	record Outcome(int code, String out, String err) {}

	static Outcome run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	static final List<String> HEADERS = List.of("Specimen", "Voxel (um)", "TV (mm^3)", "BV (mm^3)", "BV/TV (%)", "Tb.Th (mm)", "Tb.Sp (mm)",
		"Tb.N (1/mm)", "Conn.D (1/mm^3)", "Ct.Th (mm)", "Ct.Ar (mm^2)", "Tt.Ar (mm^2)", "Ct.Ar/Tt.Ar (%)", "Lytic.N", "Lytic.V (mm^3)", "Blastic.N", "Blastic.V (mm^3)", "Ct.Perf.N", "Stage");

	@Test
	void analysesATubePhantom(@TempDir Path tmp) throws Exception {
		Spacing sp = Spacing.microns(10, 10, 10);
		Path tif = tmp.resolve("tube.tif");
		ImageIo.writeTiff(CtPhantoms.tube(61, 20, 15, 22, 3, sp), tif);
		Path out = tmp.resolve("out");
		Outcome r = run("ct", "--input", tif.toString(), "--out", out.toString(), "--name", "T1", "--sigma-um", "0");
		assertEquals(0, r.code(), r.err());
		Csv.Parsed csv = Csv.read(out.resolve("summary.csv"));
		assertEquals(HEADERS, csv.headers());
		Map<String, String> row = csv.rows().get(0);
		assertEquals("T1", row.get("Specimen"));
		assertEquals(10.0, Double.parseDouble(row.get("Voxel (um)")), 1e-9);
		// ring 15 < rho <= 22 voxels of 10 um, unsmoothed; the ends of the trabecular plate that
		// meet the endosteum join the cortex in the middle third of the slices: within 2 %
		double ring = CtPhantoms.ringPixels(61, 15, 22) * sp.pixelArea();
		assertEquals(ring, Double.parseDouble(row.get("Ct.Ar (mm^2)")), 0.02 * ring);
		assertEquals(CtPhantoms.ringPixels(61, -1, 22) * sp.pixelArea(), Double.parseDouble(row.get("Tt.Ar (mm^2)")), 1e-9);
		// wall of 7 voxels (odd): 8 voxels by the discrete definition, within a voxel for the curvature
		assertEquals(0.08, Double.parseDouble(row.get("Ct.Th (mm)")), 0.01);
		double tbth = Double.parseDouble(row.get("Tb.Th (mm)")), tbsp = Double.parseDouble(row.get("Tb.Sp (mm)"));
		assertEquals(1 / (tbth + tbsp), Double.parseDouble(row.get("Tb.N (1/mm)")), 1e-6);
		// a healthy tube: no lesion, so stage 0 (micro-CT alone cannot show stages 1 and 2)
		assertEquals("0", row.get("Lytic.N"));
		assertEquals("0", row.get("Blastic.N"));
		assertEquals("0", row.get("Ct.Perf.N"));
		assertEquals("0-none", row.get("Stage"));
		assertEquals(List.of("Specimen", "Lesion", "Type", "V (mm^3)", "X (mm)", "Y (mm)", "Z (mm)", "Cortical", "Perforating"),
			Csv.read(out.resolve("lesions.csv")).headers());
		assertTrue(javax.imageio.ImageIO.read(out.resolve("lesion_map.png").toFile()).getWidth() > 61); // three projections side by side
		// labels: 8-bit, bone = 1, the input's calibration
		LoadedVolume labels = ImageIo.readVolume(out.resolve("labels.tif"));
		assertEquals(sp, labels.volume().spacing());
		long bone = 0;
		for (int z = 0; z < 20; z++) for (short v : labels.volume().slice(z)) {
			assertTrue(v == 0 || v == 1);
			bone += v;
		}
		assertTrue(bone > 0);
		Map<String, Object> prov = Json.parseObject(Files.readString(out.resolve("provenance.json")));
		assertEquals("otsu", ((Map<?, ?>) prov.get("parameters")).get("threshold"));
		Map<?, ?> threshold = (Map<?, ?>) ((Map<?, ?>) prov.get("decisions")).get("threshold");
		int raw = ((Number) threshold.get("raw_grey")).intValue();
		assertTrue(raw > CtPhantoms.SOFT && raw <= CtPhantoms.BONE, "threshold " + raw);
		assertTrue(Files.size(out.resolve("segmentation.png")) > 1000);
	}

	@Test
	void densityCalibratedRunAddsTmd(@TempDir Path tmp) throws Exception {
		Path tif = tmp.resolve("tube.tif");
		ImageIo.writeTiff(CtPhantoms.tube(41, 10, 10, 15, 0, Spacing.microns(10, 10, 10)), tif);
		Path out = tmp.resolve("out");
		Outcome r = run("ct", "--input", tif.toString(), "--out", out.toString(), "--phantom", "100:100,1900:1000", "--threshold", "700", "--sigma-um", "0");
		assertEquals(0, r.code(), r.err());
		Csv.Parsed csv = Csv.read(out.resolve("summary.csv"));
		assertTrue(csv.headers().contains("TMD (mgHA/cm^3)"));
		assertEquals(1900, Double.parseDouble(csv.rows().get(0).get("TMD (mgHA/cm^3)")), 1e-6);
	}

	/** A bad input fails with exit 1, a message naming the problem on stderr and in errors.csv, and no summary. */
	static void assertRefused(Path input, Path out, String expected, String... extra) throws Exception {
		String[] args = new String[4 + extra.length];
		args[0] = "ct";
		args[1] = "--input=" + input;
		args[2] = "--out=" + out;
		args[3] = "--name=bad";
		System.arraycopy(extra, 0, args, 4, extra.length);
		Outcome r = run(args);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains(expected), r.err());
		assertTrue(Files.readString(out.resolve("errors.csv")).contains(expected));
		assertFalse(Files.exists(out.resolve("summary.csv")));
	}

	@Test
	void badInputs(@TempDir Path tmp) throws Exception {
		Spacing sp = Spacing.microns(10, 10, 10);
		Path rgb = tmp.resolve("rgb.tif");
		ImageIo.writeTiff(new RgbImage(20, 20, sp), rgb);
		assertRefused(rgb, tmp.resolve("o1"), "colour");
		Path flat = tmp.resolve("flat.tif");
		ImageIo.writeTiff(CtPhantoms.tube(41, 1, 10, 15, 0, sp), flat);
		assertRefused(flat, tmp.resolve("o2"), "2D image");
		Path constant = tmp.resolve("constant.tif");
		ShortVolume c = new ShortVolume(20, 20, 5, sp);
		for (short[] s : c.slices()) java.util.Arrays.fill(s, (short) 300);
		ImageIo.writeTiff(c, constant);
		assertRefused(constant, tmp.resolve("o3"), "empty or constant volume");
		Path empty = tmp.resolve("empty.tif");
		ImageIo.writeTiff(new ShortVolume(20, 20, 5, sp), empty);
		assertRefused(empty, tmp.resolve("o4"), "empty or constant volume");
		Path uncal = tmp.resolve("uncalibrated.tif");
		ImageIo.writeTiff(CtPhantoms.tube(41, 6, 10, 15, 0, null), uncal);
		assertRefused(uncal, tmp.resolve("o5"), "not calibrated");
		// the same file with --voxel-um is fine
		assertEquals(0, run("ct", "--input", uncal.toString(), "--out", tmp.resolve("o6").toString(), "--voxel-um", "10").code());
		Path tube = tmp.resolve("tube.tif");
		ImageIo.writeTiff(CtPhantoms.tube(41, 6, 10, 15, 0, sp), tube);
		assertRefused(tube, tmp.resolve("o7"), "no voxel is bone", "--threshold=5000");
	}
}
