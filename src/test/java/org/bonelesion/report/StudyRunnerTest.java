package org.bonelesion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bonelesion.core.Progress;
import org.bonelesion.io.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study runner over fake analyses with known values. */
class StudyRunnerTest {

	private static StudyRunner.Settings settings(Path in, Path out, boolean force, int threads) {
		return new StudyRunner.Settings(in, out, null, null, force, threads);
	}

	@Test
	void combinesStagesSummarisesAndCompares(@TempDir Path tmp) throws Exception {
		Path in = tmp.resolve("study"), out = tmp.resolve("results");
		StudyFixture.write(in, StudyFixture.design());
		StudyFixture f = new StudyFixture();
		StudyRunner.Result r = new StudyRunner(f.resolver).run(settings(in, out, false, 1), Progress.NONE);
		assertEquals(0, r.exitCode());
		assertEquals(14, r.analysed());

		Csv.Parsed sp = Csv.read(out.resolve("specimens.csv"));
		assertEquals(List.of("Specimen", "Group", "Timepoint", "Voxel (um)", "BV/TV (%)", "Lytic.N", "Lytic.V (mm^3)", "Blastic.N", "Blastic.V (mm^3)",
			"Ct.Perf.N", "Pixel (um)", "N.Oc/B.Pm (1/mm)", "Oc.Pm/B.Pm (%)", "Tm.Ar/T.Ar (%)", "Stage", "Evidence"), sp.headers());
		assertEquals(8, sp.rows().size(), "6 specimens at d21, 2 at d7");
		for (Map<String, String> row : sp.rows()) {
			String expected = row.get("Timepoint").equals("d7") ? "0-none" : StudyFixture.STAGES_D21.get(row.get("Specimen"));
			assertEquals(expected, row.get("Stage"), row.toString());
		}
		Map<String, String> v1 = find(sp.rows(), "v1", "d21");
		assertEquals("Ct.Perf.N = 1 >= 1", v1.get("Evidence"));
		assertEquals("12", v1.get("N.Oc/B.Pm (1/mm)"), "histology joined to the micro-CT row");
		assertEquals("", find(sp.rows(), "v1", "d7").get("Tm.Ar/T.Ar (%)"), "no histology at d7: empty");

		// groups.csv agrees with a recomputation from specimens.csv
		Csv.Parsed gr = Csv.read(out.resolve("groups.csv"));
		assertEquals(List.of("Group", "Timepoint", "n", "BV/TV (%) n", "BV/TV (%) mean", "BV/TV (%) SD", "BV/TV (%) median"), gr.headers().subList(0, 7));
		assertEquals(4, gr.rows().size());
		List<String> measured = new ArrayList<>(sp.headers().subList(4, 14));
		measured.remove("Pixel (um)");
		for (Map<String, String> g : gr.rows()) {
			List<Map<String, String>> members = sp.rows().stream()
				.filter(s -> s.get("Group").equals(g.get("Group")) && s.get("Timepoint").equals(g.get("Timepoint"))).toList();
			assertEquals(members.size(), Integer.parseInt(g.get("n")));
			for (String m : measured) {
				double[] v = members.stream().map(s -> s.get(m)).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
				assertEquals(v.length, Integer.parseInt(g.get(m + " n")), m);
				if (v.length == 0) continue;
				double mean = Arrays.stream(v).sum() / v.length;
				double ss = 0;
				for (double d : v) ss += (d - mean) * (d - mean);
				double[] sorted = v.clone();
				Arrays.sort(sorted);
				double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
				// 1e-8 relative: groups.csv holds 9 significant digits
				assertEquals(mean, Double.parseDouble(g.get(m + " mean")), 1e-8 * Math.max(1, Math.abs(mean)), m);
				assertEquals(median, Double.parseDouble(g.get(m + " median")), 1e-8 * Math.max(1, Math.abs(median)), m);
				if (v.length > 1) assertEquals(Math.sqrt(ss / (v.length - 1)), Double.parseDouble(g.get(m + " SD")), 1e-8 * Math.max(1, mean), m);
				else assertEquals("NaN", g.get(m + " SD"));
			}
		}
		assertEquals("vehicle", gr.rows().get(0).get("Group"), "the control group first");

		// comparisons: zol's BV/TV is above every vehicle value: U = 9, exact p = 2/C(6,3) = 0.1
		Csv.Parsed cmp = Csv.read(out.resolve("comparisons.csv"));
		Map<String, String> bv = cmp.rows().stream().filter(c -> c.get("Measurement").equals("BV/TV") && c.get("Timepoint").equals("d21")).findFirst()
			.orElseThrow();
		assertEquals("zol", bv.get("Group"));
		assertEquals("vehicle", bv.get("Control"));
		assertEquals("%", bv.get("Unit"));
		assertEquals(67 / 3.0 - 11, Double.parseDouble(bv.get("Difference")), 1e-7);
		assertEquals(100 * (67 / 3.0 - 11) / 11, Double.parseDouble(bv.get("Change (%)")), 1e-6);
		assertEquals(9, Double.parseDouble(bv.get("Mann-Whitney U")), 0);
		assertEquals(0.1, Double.parseDouble(bv.get("Mann-Whitney p")), 1e-12);
		assertEquals("exact", bv.get("Mann-Whitney method"));
		double welchP = Statistics.welch(StudyFixture.ZOL_BVTV, StudyFixture.VEHICLE_BVTV).p();
		assertEquals(welchP, Double.parseDouble(bv.get("Welch p")), 1e-8 * welchP);

		// files
		assertEquals(List.of("File", "Specimen", "Message"), Csv.read(out.resolve("errors.csv")).headers());
		assertTrue(Files.isRegularFile(out.resolve("v1_d21_ct/summary.csv")), "one folder per image: <Specimen>_<Timepoint>_<Kind>");
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("data:image/png;base64,"), "thumbnails embedded");
		assertTrue(html.contains("4-cortical-breach"));
		assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org/2000/svg"), "nothing fetched from the network");
		assertNoPartFiles(out);
	}

	private static Map<String, String> find(List<Map<String, String>> rows, String specimen, String tp) {
		return rows.stream().filter(r -> r.get("Specimen").equals(specimen) && r.get("Timepoint").equals(tp)).findFirst().orElseThrow();
	}

	static void assertNoPartFiles(Path out) throws Exception {
		try (Stream<Path> s = Files.walk(out)) {
			List<Path> parts = s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
			assertEquals(List.of(), parts, "no half-written files left");
		}
	}

	@Test
	void badDesignRowsAreReportedAndTheRestRuns(@TempDir Path tmp) throws Exception {
		Path in = tmp.resolve("study"), out = tmp.resolve("results");
		String design = StudyFixture.design()
			+ "missing.txt,v9,vehicle,d21,ct,\n" // missing file
			+ "v1_d21_ct.txt,v1,vehicle,d21,ct,\n" // duplicate specimen+timepoint+kind
			+ "z1_d21_ct.txt,z4,zol,d21,mri,\n" // unknown kind
			+ "z2_d21_ct.txt,z5,,d21,ct,\n" // empty Group
			+ "broken.txt,z6,zol,d21,ct,\n"; // the analysis fails
		StudyFixture.write(in, design);
		Files.writeString(in.resolve("broken.txt"), "FAIL");
		StudyFixture f = new StudyFixture();
		StudyRunner.Result r = new StudyRunner(f.resolver).run(settings(in, out, false, 2), Progress.NONE);
		assertEquals(1, r.exitCode());
		List<Map<String, String>> errors = Csv.read(out.resolve("errors.csv")).rows();
		assertEquals(5, errors.size(), errors.toString());
		assertMessage(errors, "missing.txt", "line 16: the file missing.txt does not exist");
		assertMessage(errors, "v1_d21_ct.txt", "line 17: duplicate: specimen v1 at timepoint d21 already has a ct image on line 2");
		assertMessage(errors, "z1_d21_ct.txt", "line 18: unknown Kind 'mri' (use ct, histo or culture)");
		assertMessage(errors, "z2_d21_ct.txt", "line 19: the Group cell is empty");
		assertMessage(errors, "broken.txt", "ct analysis of broken.txt failed: broken.txt is not an image this analysis can read");
		// everything else ran
		assertEquals(14, r.analysed());
		assertEquals(8, Csv.read(out.resolve("specimens.csv")).rows().size());
		assertTrue(Files.readString(out.resolve("report.html")).contains("is not an image this analysis can read"));
	}

	private static void assertMessage(List<Map<String, String>> errors, String file, String text) {
		assertTrue(errors.stream().anyMatch(e -> e.get("File").equals(file) && e.get("Message").contains(text)), file + ": " + text + " in " + errors);
	}

	@Test
	void missingDesignIsOneErrorRow(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("results");
		StudyRunner.Result r = new StudyRunner(new StudyFixture().resolver).run(settings(tmp, out, false, 1), Progress.NONE);
		assertEquals(1, r.exitCode());
		List<Map<String, String>> errors = Csv.read(out.resolve("errors.csv")).rows();
		assertEquals(1, errors.size());
		assertTrue(errors.get(0).get("Message").contains("has no design.csv"), errors.toString());
		// a design without a required column
		Files.writeString(tmp.resolve("design.csv"), "File,Specimen,Kind\na.txt,m1,ct\n");
		new StudyRunner(new StudyFixture().resolver).run(settings(tmp, out, false, 1), Progress.NONE);
		String m = Csv.read(out.resolve("errors.csv")).rows().get(0).get("Message");
		assertTrue(m.contains("design.csv has no column Group"), m);
	}

	@Test
	void rerunSkipsUnchangedImagesUnlessForced(@TempDir Path tmp) throws Exception {
		Path in = tmp.resolve("study"), out = tmp.resolve("results");
		StudyFixture.write(in, StudyFixture.design());
		StudyFixture f = new StudyFixture();
		StudyRunner runner = new StudyRunner(f.resolver);
		runner.run(settings(in, out, false, 1), Progress.NONE);
		String first = Files.readString(out.resolve("specimens.csv"));
		assertEquals(8, f.ct.runs.get());
		assertEquals(6, f.histo.runs.get());

		StudyRunner.Result again = runner.run(settings(in, out, false, 1), Progress.NONE);
		assertEquals(0, again.analysed());
		assertEquals(14, again.skipped());
		assertEquals(8, f.ct.runs.get(), "nothing re-analysed");
		assertEquals(first, Files.readString(out.resolve("specimens.csv")), "reused results give the same table");

		// a changed input is re-analysed, and only it
		StudyFixture.ct(in, "z3_d21", 26, 0, 0, 1, 0.2, 0);
		StudyRunner.Result changed = runner.run(settings(in, out, false, 1), Progress.NONE);
		assertEquals(1, changed.analysed());
		assertEquals(9, f.ct.runs.get());
		assertTrue(Files.readString(out.resolve("specimens.csv")).contains("z3,zol,d21,10,26,"));

		// a changed parameter (a design.csv column named like the option) is re-analysed
		Files.writeString(in.resolve("design.csv"), StudyFixture.design().replace("Baseline\n", "Baseline,threshold\n")
			.replace("v2_d21_histo.txt,v2,vehicle,d21,histo,\n", "v2_d21_histo.txt,v2,vehicle,d21,histo,,7\n"));
		StudyRunner.Result param = runner.run(settings(in, out, false, 1), Progress.NONE);
		assertEquals(1, param.analysed());
		assertEquals(7, f.histo.runs.get());

		// a deleted output is re-made
		Files.delete(out.resolve("z1_d7_ct/summary.csv"));
		assertEquals(1, runner.run(settings(in, out, false, 1), Progress.NONE).analysed());

		StudyRunner.Result forced = runner.run(settings(in, out, true, 1), Progress.NONE);
		assertEquals(14, forced.analysed());
		assertEquals(0, forced.skipped());
		assertNoPartFiles(out);
	}

	@Test
	void oneAndSeveralThreadsGiveIdenticalFiles(@TempDir Path tmp) throws Exception {
		Path in = tmp.resolve("study");
		StudyFixture.write(in, StudyFixture.design());
		new StudyRunner(new StudyFixture().resolver).run(settings(in, tmp.resolve("one"), false, 1), Progress.NONE);
		new StudyRunner(new StudyFixture().resolver).run(settings(in, tmp.resolve("three"), false, 3), Progress.NONE);
		for (String file : List.of("specimens.csv", "groups.csv", "comparisons.csv", "errors.csv")) {
			assertEquals(Files.readString(tmp.resolve("one").resolve(file)), Files.readString(tmp.resolve("three").resolve(file)), file);
		}
	}

	@Test
	void controlFromDesignColumnAndControlMaxRules(@TempDir Path tmp) throws Exception {
		Path in = tmp.resolve("study"), out = tmp.resolve("results");
		// sham mice without tumour define the osteoclast range; the group is flagged in a Control column
		String design = "File,Specimen,Group,Timepoint,Kind,Control\n" + "s1.txt,s1,sham,d21,histo,yes\ns2.txt,s2,sham,d21,histo,yes\n"
			+ "t1.txt,t1,tumour,d21,histo,\nt2.txt,t2,tumour,d21,histo,\n";
		Files.createDirectories(in);
		Files.writeString(in.resolve("design.csv"), design);
		StudyFixture.histo(in, "s1", 3, 6, 0);
		StudyFixture.histo(in, "s2", 4, 9, 0.5);
		StudyFixture.histo(in, "t1", 5, 8, 10); // above the sham range (4 /mm), below the fixed 8 /mm
		StudyFixture.histo(in, "t2", 4, 9, 10); // at the sham maximum: not above it
		for (String n : List.of("s1", "s2", "t1", "t2")) Files.move(in.resolve(n + "_histo.txt"), in.resolve(n + ".txt"));
		Path rules = tmp.resolve("rules.json");
		String text = new String(org.bonelesion.stage.StageRules.class.getResourceAsStream("stages.json").readAllBytes())
			.replace("\"thresholds\": \"fixed\"", "\"thresholds\": \"control-max\"");
		Files.writeString(rules, text);
		StudyRunner.Result r = new StudyRunner(new StudyFixture().resolver)
			.run(new StudyRunner.Settings(in, out, null, rules, false, 1), Progress.NONE);
		assertEquals(0, r.exitCode());
		List<Map<String, String>> sp = Csv.read(out.resolve("specimens.csv")).rows();
		Map<String, String> t1 = find(sp, "t1", "d21"), t2 = find(sp, "t2", "d21");
		assertEquals("2-osteoclast-activation", t1.get("Stage"));
		assertTrue(t1.get("Evidence").contains("N.Oc/B.Pm = 5 1/mm > 4 1/mm (control max)"), t1.get("Evidence"));
		assertEquals("1-colonisation", t2.get("Stage"));
		assertEquals("0-none", find(sp, "s1", "d21").get("Stage"));
		Map<String, String> c = Csv.read(out.resolve("comparisons.csv")).rows().get(0);
		assertEquals("sham", c.get("Control"));
		assertEquals("tumour", c.get("Group"));
	}
}
