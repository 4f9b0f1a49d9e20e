package org.bonelesion.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bonelesion.cli.Main;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.Json;
import org.bonelesion.io.LoadedVolume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study on its small size: determinism over runs and thread counts, design, truth against images, stages. */
class SampleStudyTest {

	@TempDir
	static Path tmp;
	static Path one, two;

	@BeforeAll
	static void writeTwice() throws Exception {
		one = tmp.resolve("one");
		two = tmp.resolve("two");
		SampleStudy.write(one, SampleStudy.Size.SMALL, Parallel.of(1), Progress.NONE);
		SampleStudy.write(two, SampleStudy.Size.SMALL, Parallel.of(3), Progress.NONE);
	}

	@Test
	void sameBytesOnEveryRunAndThreadCount() throws Exception {
		List<Path> a, b;
		try (Stream<Path> s = Files.walk(one)) {
			a = s.filter(Files::isRegularFile).map(one::relativize).sorted().toList();
		}
		try (Stream<Path> s = Files.walk(two)) {
			b = s.filter(Files::isRegularFile).map(two::relativize).sorted().toList();
		}
		assertEquals(a, b);
		assertEquals(12 + 5 + 1 + 2, a.size(), a.toString());
		for (Path p : a) assertArrayEquals(Files.readAllBytes(one.resolve(p)), Files.readAllBytes(two.resolve(p)), p.toString());
	}

	@Test
	void designListsEveryFileWithTheContractColumns() {
		Csv.Parsed d = Csv.read(one.resolve("design.csv"));
		assertEquals(List.of("File", "Specimen", "Group", "Timepoint", "Kind", "Baseline"), d.headers());
		Set<String> kinds = new HashSet<>(), groups = new HashSet<>();
		int pairs = 0;
		for (Map<String, String> r : d.rows()) {
			assertTrue(Files.isRegularFile(one.resolve(r.get("File"))), r.get("File"));
			kinds.add(r.get("Kind"));
			groups.add(r.get("Group"));
			if (!r.get("Baseline").isEmpty()) {
				pairs++;
				assertEquals("ct", r.get("Kind"));
				assertEquals("week4", r.get("Timepoint"));
				assertTrue(d.rows().stream().anyMatch(o -> o.get("File").equals(r.get("Baseline")) && o.get("Timepoint").equals("week0")
					&& o.get("Specimen").equals(r.get("Specimen"))));
			}
		}
		assertEquals(Set.of("ct", "histo", "culture"), kinds);
		assertEquals(Set.of("vehicle", "treated", "culture"), groups);
		assertEquals(2, pairs);
	}

	@Test
	@SuppressWarnings("unchecked")
	void truthAgreesWithTheImagesRenderedAgain() throws Exception {
		Map<String, Object> truth = Json.parseObject(Files.readString(one.resolve("truth.json")));
		Map<String, Object> files = (Map<String, Object>) truth.get("files");
		for (SampleStudy.CtScan scan : SampleStudy.ctScans()) {
			Map<String, Object> t = (Map<String, Object>) files.get(scan.file());
			CtSpecimen s = SampleStudy.render(scan, SampleStudy.Size.SMALL, Parallel.of(2));
			// the image on disk is the one rendered, with its calibration
			LoadedVolume back = ImageIo.readVolume(one.resolve(scan.file()));
			assertArrayEquals(s.image().slice(20), back.volume().slice(20));
			assertEquals("mgHA/cm^3", back.values().unit());
			List<Object> lesions = (List<Object>) t.get("lesions");
			assertEquals(scan.model().lesions().size(), lesions.size());
			long[] count = new long[lesions.size() + 1];
			for (byte[] sl : s.lesionLabels().slices()) for (byte v : sl) count[v & 0xff]++;
			double vv = Math.pow(SampleStudy.Size.SMALL.ctVoxelMm(), 3);
			for (Object o : lesions) {
				Map<String, Object> l = (Map<String, Object>) o;
				int id = ((Number) l.get("id")).intValue();
				// exact: the recount is an integer number of voxels, 9 significant digits in the file
				assertEquals(count[id] * vv, ((Number) l.get("volume_mm3")).doubleValue(), 1e-9, scan.file() + " lesion " + id);
				assertTrue(count[id] > 0, scan.file() + " lesion " + id + " is empty at this size");
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyStageOccursAndStagesFollowTheRules() throws Exception {
		Map<String, Object> truth = Json.parseObject(Files.readString(one.resolve("truth.json")));
		Set<String> stages = new HashSet<>();
		for (Object o : (List<Object>) truth.get("specimens")) stages.add((String) ((Map<String, Object>) o).get("Stage"));
		assertEquals(Set.of("0-none", "1-colonisation", "2-osteoclast-activation", "3-lytic", "3-blastic", "3-mixed", "4-cortical-breach"), stages);
		assertEquals("4-cortical-breach", SampleStudy.stage(Map.of("Ct.Perf.N", 1, "Lytic.N", 1)));
		assertEquals("3-mixed", SampleStudy.stage(Map.of("Lytic.N", 1, "Blastic.N", 1, "Lytic.V (mm^3)", 0.5, "Blastic.V (mm^3)", 0.5)));
		assertEquals("2-osteoclast-activation", SampleStudy.stage(Map.of("Tm.Ar/T.Ar (%)", 3.0, "Oc.Pm/B.Pm (%)", 21.0)));
		assertEquals("1-colonisation", SampleStudy.stage(Map.of("Tm.Ar/T.Ar (%)", 3.0, "N.Oc/B.Pm (1/mm)", 7.0)));
		assertEquals("0-none", SampleStudy.stage(Map.of("Tm.Ar/T.Ar (%)", 1.0, "N.Oc/B.Pm (1/mm)", 20.0)));
	}

	@Test
	void samplesCommandHasHelp() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "samples", "--help" }, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
		assertEquals(0, code);
		assertTrue(out.toString().contains("--out"), out.toString());
		assertEquals(2, Main.run(new String[] { "samples" }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
	}
}
