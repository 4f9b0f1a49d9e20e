package org.bonelesion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.cli.Main;
import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.Json;
import org.bonelesion.sample.SampleStudy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, end to end: the bundled sample study through {@code samples} and
 * {@code study}, checked against the generator's ground truth (truth.json and the truth masks).
 */
class SampleStudyIT {

	@TempDir
	static Path tmp;
	static Path study, results;
	static int studyExit;
	static String studyOutput;

	@BeforeAll
	static void runTheStudy() {
		study = tmp.resolve("sample-data");
		results = tmp.resolve("results");
		assertEquals(0, Main.run(new String[] { "samples", "--out", study.toString() }, quiet(), quiet()));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		studyExit = Main.run(new String[] { "study", "--input", study.toString(), "--out", results.toString() }, quiet(),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		studyOutput = err.toString(StandardCharsets.UTF_8);
	}

	static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

	@Test
	void everyImageIsAnalysedWithoutError() throws Exception {
		Csv.Parsed errors = Csv.read(results.resolve("errors.csv"));
		assertEquals(List.of(), errors.rows(), studyOutput);
		assertEquals(0, studyExit);
		for (String f : List.of("specimens.csv", "groups.csv", "comparisons.csv", "report.html")) assertTrue(Files.size(results.resolve(f)) > 0, f);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everySpecimensStageMatchesTheTruth() throws Exception {
		Map<String, Object> truth = Json.parseObject(Files.readString(study.resolve("truth.json")));
		Map<String, String> expected = new LinkedHashMap<>();
		for (Object o : (List<Object>) truth.get("specimens")) {
			Map<String, Object> s = (Map<String, Object>) o;
			expected.put(s.get("Specimen") + " " + s.get("Timepoint"), (String) s.get("Stage"));
		}
		Map<String, String> found = new LinkedHashMap<>();
		Map<String, String> evidence = new LinkedHashMap<>();
		for (Map<String, String> row : Csv.read(results.resolve("specimens.csv")).rows()) {
			String key = row.get("Specimen") + " " + row.get("Timepoint");
			if (expected.containsKey(key)) {
				found.put(key, row.get("Stage"));
				evidence.put(key, row.get("Evidence"));
			}
		}
		List<String> wrong = new ArrayList<>();
		for (Map.Entry<String, String> e : expected.entrySet()) {
			if (!e.getValue().equals(found.get(e.getKey()))) {
				wrong.add(e.getKey() + ": expected " + e.getValue() + ", got " + found.get(e.getKey()) + " (" + evidence.get(e.getKey()) + ")");
			}
		}
		assertEquals(List.of(), wrong);
	}

	/**
	 * Paired follow-ups: Resorbed.V and Formed.V within 10 % of the truth computed by the
	 * contract's definition on the truth masks (an absolute 0.0005 mm^3, the minimum lesion
	 * volume, where the truth is 0: P2's resorption is designed to stay within 150 um).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void pairedVolumesMatchTheTruth() throws Exception {
		Map<String, Object> files = (Map<String, Object>) Json.parseObject(Files.readString(study.resolve("truth.json"))).get("files");
		Map<String, Map<String, String>> rows = new LinkedHashMap<>();
		for (Map<String, String> row : Csv.read(results.resolve("specimens.csv")).rows()) rows.put(row.get("Specimen") + " " + row.get("Timepoint"), row);
		int pairs = 0;
		for (SampleStudy.CtScan scan : SampleStudy.ctScans()) {
			if (scan.baselineOf() == null) continue;
			Map<String, Object> pair = (Map<String, Object>) ((Map<String, Object>) files.get(scan.file())).get("pair");
			Map<String, String> row = rows.get(scan.specimen() + " " + scan.timepoint());
			for (String col : List.of("Resorbed.V (mm^3)", "Formed.V (mm^3)")) {
				double truth = ((Number) pair.get(col)).doubleValue();
				double got = Double.parseDouble(row.get(col));
				assertEquals(truth, got, Math.max(0.10 * truth, 0.0005), scan.file() + " " + col);
			}
			pairs++;
		}
		assertTrue(pairs >= 2, "pairs checked: " + pairs);
	}

	/** Dice > 0.95 for bone on every scan analysed on its own (paired follow-ups are written in baseline space). */
	@Test
	void boneSegmentationMatchesTheTruthMasks() throws Exception {
		Parallel par = Parallel.defaults();
		List<String> low = new ArrayList<>();
		for (SampleStudy.CtScan scan : SampleStudy.ctScans()) {
			if (scan.baselineOf() != null) continue;
			String folder = scan.specimen() + "_" + scan.timepoint() + "_ct";
			ShortVolume labels = ImageIo.readVolume(results.resolve(folder).resolve("labels.tif")).volume();
			ByteVolume truth = SampleStudy.render(scan, SampleStudy.Size.FULL, par).boneMask();
			long both = 0, a = 0, b = 0;
			for (int z = 0; z < truth.depth(); z++) {
				short[] l = labels.slice(z);
				byte[] t = truth.slice(z);
				for (int i = 0; i < t.length; i++) {
					boolean seg = l[i] == 1 || l[i] == 3; // bone and blastic new bone
					boolean tr = t[i] != 0;
					if (seg) a++;
					if (tr) b++;
					if (seg && tr) both++;
				}
			}
			double dice = 2.0 * both / (a + b);
			if (!(dice > 0.95)) low.add(scan.file() + ": Dice " + dice);
		}
		assertEquals(List.of(), low);
	}
}
