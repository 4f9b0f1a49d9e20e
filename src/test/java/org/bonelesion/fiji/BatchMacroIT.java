package org.bonelesion.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bonelesion.core.Analyses;
import org.bonelesion.io.Csv;
import org.bonelesion.io.Specimens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The batch macros in a real, headless ImageJ 1.54 (through ij1-patcher) with the built plugin
 * jar in its plugins folder, on the bundled sample study, against the command line run over the
 * same jar on the same images: the same CSV files, headers and numbers.
 *
 * <p>Two installations: the real one (only the analyses this build registers; a kind that is
 * not there yet is skipped, and the test says which), and one with the stand-in
 * {@link TinyAnalysis} analyses registered first, which checks the machinery itself (macro
 * argument passing, extra keys, the per-image folders, the combined summary, errors) whatever
 * the state of the real analyses.
 */
class BatchMacroIT {

	static Path root;
	static Path study;
	static ImageJInstall real;
	static ImageJInstall tiny;
	static final Path MACROS = Path.of("macros").toAbsolutePath();

	@BeforeAll
	static void generateTheSampleStudyOnce() throws Exception {
		root = Files.createTempDirectory("bonelesion-it-");
		real = new ImageJInstall(root.resolve("imagej-real"), false);
		tiny = new ImageJInstall(root.resolve("imagej-tiny"), true);
		study = root.resolve("study");
		long t0 = System.nanoTime();
		ImageJInstall.Run r = real.cli(root.resolve("logs/samples.log"), "samples", "--out", study.toString());
		assertEquals(0, r.exitCode(), r.output());
		System.out.printf("BatchMacroIT: sample study generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
	}

	@AfterAll
	static void cleanUp() throws IOException {
		if (root == null || Boolean.getBoolean("bonelesion.it.keep")) return;
		try (Stream<Path> all = Files.walk(root)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
	}

	/**
	 * With the real analyses, a full micro-CT analysis of a 200^3 sample scan takes about half a
	 * minute on 2 cores, so by default the real runs take part of the study: the batch macros a
	 * vehicle and a tumour image of each kind and the culture well, the study macro a paired
	 * scan with its baseline, two sections and the culture well (the stand-in runs take the
	 * whole study). -Dbonelesion.it.all=true runs the real analyses on the whole study.
	 */
	static final boolean ALL = Boolean.getBoolean("bonelesion.it.all");
	static final List<String> SUB_STUDY = List.of("ct/P1_week0.tif", "ct/P1_week4.tif", "histo/V1.tif", "histo/T1.tif", "culture/W1.tif");
	static final List<String> SUB_BATCH = List.of("ct/V1.tif", "ct/T1.tif", "histo/V1.tif", "histo/T1.tif", "culture/W1.tif");
	private static Path subStudy;
	private static Path subBatch;

	/** Copies of {@link #SUB_BATCH}, in the study's folders. */
	static synchronized Path subBatch() throws IOException {
		if (subBatch != null) return subBatch;
		Path sub = root.resolve("sub-batch");
		for (String f : SUB_BATCH) {
			Files.createDirectories(sub.resolve(f).getParent());
			Files.copy(study.resolve(f), sub.resolve(f));
		}
		subBatch = sub;
		return sub;
	}

	/** The sub-study: copies of {@link #SUB_STUDY} and the rows of design.csv that name them. */
	static synchronized Path subStudy() throws IOException {
		if (subStudy != null) return subStudy;
		Path sub = root.resolve("sub-study");
		for (String f : SUB_STUDY) {
			Files.createDirectories(sub.resolve(f).getParent());
			Files.copy(study.resolve(f), sub.resolve(f));
		}
		List<String> lines = Files.readAllLines(study.resolve("design.csv"));
		List<String> kept = new ArrayList<>(List.of(lines.get(0)));
		for (String line : lines.subList(1, lines.size())) if (SUB_STUDY.contains(line.split(",")[0])) kept.add(line);
		assertEquals(SUB_STUDY.size() + 1, kept.size(), "design.csv rows of the sub-study");
		Files.write(sub.resolve("design.csv"), kept);
		subStudy = sub;
		return sub;
	}

	/** The folder of the sample study holding a kind's images, the macro and the macro's extra keys. */
	record Batch(String folder, String macro, String extraKeys, List<String> cliArgs) {}

	static Batch batchOf(String kind) {
		return switch (kind) {
		case "ct" -> new Batch("ct", "batch_ct.ijm", "", List.of("ct"));
		case "histo" -> new Batch("histo", "batch_histo.ijm", "", List.of("histo"));
		case "culture" -> new Batch("culture", "batch_histo.ijm", "mode=culture", List.of("histo", "--mode", "culture"));
		default -> throw new IllegalArgumentException(kind);
		};
	}

	/** Every image file of one folder of the study, by name. */
	static List<Path> images(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".tif")).sorted().toList();
		}
	}

	/**
	 * Runs a batch macro over one folder of the study, then the command line on each image
	 * with the same options, and compares every CSV; then the macro's combined summary.csv
	 * against the command line's rows. Returns the number of CSV files compared.
	 */
	static int macroMatchesCommandLine(ImageJInstall ij, String label, String kind, Path study, Map<String, String> options) throws Exception {
		Batch b = batchOf(kind);
		Path out = root.resolve(label + "-macro-" + kind);
		StringBuilder keys = new StringBuilder(b.extraKeys());
		List<String> cliOptions = new ArrayList<>();
		for (var e : options.entrySet()) {
			keys.append(' ').append(e.getKey()).append('=').append(e.getValue());
			cliOptions.add("--" + e.getKey());
			cliOptions.add(e.getValue());
		}
		long t0 = System.nanoTime();
		ImageJInstall.Run m = ij.headlessMacro(MACROS.resolve(b.macro()), "input=[" + study.resolve(b.folder()) + "] output=[" + out + "] " + keys.toString().trim(),
			root.resolve("logs/" + label + "-" + kind + "-macro.log"));
		double macroSeconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(0, m.exitCode(), m.output());
		assertTrue(Files.isRegularFile(out.resolve("summary.csv")), "the macro wrote no summary.csv:\n" + m.output());
		assertEquals(List.of(), Csv.read(out.resolve("errors.csv")).rows(), m.output());

		List<Path> images = images(study.resolve(b.folder()));
		assertFalse(images.isEmpty());
		List<Map<String, String>> cliRows = new ArrayList<>();
		int compared = 0;
		t0 = System.nanoTime();
		for (Path image : images) {
			String specimen = Specimens.nameOf(image);
			Path cliOut = root.resolve(label + "-cli-" + kind + "/" + specimen);
			List<String> args = new ArrayList<>(b.cliArgs());
			args.addAll(List.of("--input", image.toString(), "--out", cliOut.toString()));
			args.addAll(cliOptions);
			ImageJInstall.Run c = ij.cli(root.resolve("logs/" + label + "-" + kind + "-" + specimen + "-cli.log"), args.toArray(new String[0]));
			assertEquals(0, c.exitCode(), c.output());
			compared += ImageJInstall.assertSameCsvFiles(cliOut, out.resolve(specimen));
			cliRows.addAll(Csv.read(cliOut.resolve("summary.csv")).rows());
			assertTrue(Files.isRegularFile(out.resolve(specimen).resolve("provenance.json")));
		}
		// the combined summary: one row per image, the command line's rows in the folder's order
		Csv.Parsed combined = Csv.read(out.resolve("summary.csv"));
		assertEquals(cliRows, combined.rows());
		System.out.printf("BatchMacroIT [%s] %s: %d image(s), %d CSV files equal (macro %.1f s, command line %.1f s)%n", label, kind, images.size(),
			compared, macroSeconds, (System.nanoTime() - t0) / 1e9);
		return compared;
	}

	static final List<String> KINDS = List.of("ct", "histo", "culture");

	@TestFactory
	Stream<DynamicTest> realBatchMacrosWriteWhatTheCommandLineWrites() {
		return KINDS.stream().map(kind -> DynamicTest.dynamicTest("batch macro of " + kind + " = command line (real analysis)",
			() -> realBatchMacroWritesWhatTheCommandLineWrites(kind)));
	}

	@TestFactory
	Stream<DynamicTest> standInBatchMacrosWriteWhatTheCommandLineWrites() {
		return KINDS.stream().map(kind -> DynamicTest.dynamicTest("batch macro of " + kind + " = command line (stand-in analysis)",
			() -> standInBatchMacroWritesWhatTheCommandLineWrites(kind)));
	}

	static void realBatchMacroWritesWhatTheCommandLineWrites(String kind) throws Exception {
		boolean present = Analyses.forKind(kind) != null;
		if (!present) System.out.println("BatchMacroIT: SKIPPED the real '" + kind + "' batch macro: this build registers no '" + kind + "' analysis");
		Assumptions.assumeTrue(present, "this build registers no '" + kind + "' analysis");
		Path sub = ALL ? study : subBatch();
		assertTrue(macroMatchesCommandLine(real, "real", kind, sub, Map.of()) >= images(sub.resolve(batchOf(kind).folder())).size());
	}

	static void standInBatchMacroWritesWhatTheCommandLineWrites(String kind) throws Exception {
		// a non-default option, so that extra macro keys are seen to reach the analysis
		Map<String, String> options = kind.equals("ct") ? Map.of("threshold", "6000") : Map.of("threshold", "40");
		macroMatchesCommandLine(tiny, "tiny", kind, study, options);
		// the option was applied: the stand-in's bone fraction differs from the default threshold's
		Path anyScan = root.resolve("tiny-macro-" + kind);
		if (kind.equals("ct")) {
			double bvtv = Double.parseDouble(Csv.read(anyScan.resolve("summary.csv")).rows().get(0).get("BV/TV (%)"));
			assertTrue(bvtv > 0 && bvtv < 100, "threshold=6000 should leave part of the scan as bone, got " + bvtv + " %");
		}
	}

	static void studyMacroMatchesCommandLine(ImageJInstall ij, String label, Path study) throws Exception {
		Path macroOut = root.resolve(label + "-macro-study");
		Path cliOut = root.resolve(label + "-cli-study");
		long t0 = System.nanoTime();
		ImageJInstall.Run m = ij.headlessMacro(MACROS.resolve("batch_study.ijm"), "input=[" + study + "] output=[" + macroOut + "]",
			root.resolve("logs/" + label + "-study-macro.log"));
		double macroSeconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(0, m.exitCode(), m.output());
		t0 = System.nanoTime();
		ImageJInstall.Run c = ij.cli(root.resolve("logs/" + label + "-study-cli.log"), "study", "--input", study.toString(), "--out", cliOut.toString());
		assertTrue(c.exitCode() == 0 || c.exitCode() == 1, c.output());
		int compared = ImageJInstall.assertSameCsvFiles(cliOut, macroOut);
		// errors.csv: the same images failed for the same reasons
		ImageJInstall.assertSameCsv(cliOut.resolve("errors.csv"), macroOut.resolve("errors.csv"));
		List<Path> folders;
		try (Stream<Path> dirs = Files.list(cliOut)) {
			folders = dirs.filter(Files::isDirectory).sorted().toList();
		}
		for (Path d : folders) compared += ImageJInstall.assertSameCsvFiles(d, macroOut.resolve(d.getFileName()));
		int specimens = Csv.read(cliOut.resolve("specimens.csv")).rows().size();
		System.out.printf("BatchMacroIT [%s] study: %d specimen row(s), %d image folder(s), %d CSV files equal, %d error row(s) (macro %.1f s, command line %.1f s)%n",
			label, specimens, folders.size(), compared + 1, Csv.read(cliOut.resolve("errors.csv")).rows().size(), macroSeconds,
			(System.nanoTime() - t0) / 1e9);
	}

	@Test
	void realStudyMacroWritesWhatTheCommandLineWrites() throws Exception {
		studyMacroMatchesCommandLine(real, "real", ALL ? study : subStudy());
	}

	@Test
	void standInStudyMacroWritesWhatTheCommandLineWrites() throws Exception {
		studyMacroMatchesCommandLine(tiny, "tiny", study);
		assertEquals(images(study.resolve("ct")).size() + images(study.resolve("histo")).size() + images(study.resolve("culture")).size(),
			Files.list(root.resolve("tiny-macro-study")).filter(Files::isDirectory).count());
	}

	/**
	 * A macro line in the form ImageJ's recorder writes from the plugin's dialog (keys are the
	 * first word of each field's label; values with spaces and empty values in [brackets], as
	 * ImageJGuiIT sees the real recorder write them) replays headless to the same result as the
	 * command line.
	 */
	@Test
	void aRecordedMacroLineReplaysToTheCommandLinesResult() throws Exception {
		String kind = Analyses.forKind("ct") != null ? "ct" : null;
		ImageJInstall ij = kind != null ? real : tiny;
		Path scan = study.resolve("ct/V1.tif");
		Path out = root.resolve("recorded out/V1");
		Path cliOut = root.resolve("recorded-cli/V1");
		String options = ij == tiny ? " threshold=6000" : "";
		String line = "run(\"Analyze Micro-CT\", \"input=" + scan + " out=[" + out + "] name=V1 voxel=[]" + options + "\");";
		Path macro = root.resolve("recorded.ijm");
		Files.writeString(macro, line + "\n");
		ImageJInstall.Run m = ij.headlessMacro(macro, "", root.resolve("logs/recorded-macro.log"));
		assertEquals(0, m.exitCode(), m.output());
		List<String> cli = new ArrayList<>(List.of("ct", "--input", scan.toString(), "--out", cliOut.toString(), "--name", "V1"));
		if (ij == tiny) cli.addAll(List.of("--threshold", "6000"));
		ImageJInstall.Run c = ij.cli(root.resolve("logs/recorded-cli.log"), cli.toArray(new String[0]));
		assertEquals(0, c.exitCode(), c.output());
		assertTrue(ImageJInstall.assertSameCsvFiles(cliOut, out) >= 1);
		System.out.println("BatchMacroIT: replayed " + line + " (" + (ij == tiny ? "stand-in" : "real") + " ct analysis): same CSVs as the command line");
	}
}
