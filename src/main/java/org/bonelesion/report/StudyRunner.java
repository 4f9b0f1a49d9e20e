package org.bonelesion.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bonelesion.core.Analyses;
import org.bonelesion.core.Analysis;
import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Options;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Table;
import org.bonelesion.core.UsageException;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ErrorLog;
import org.bonelesion.io.Json;
import org.bonelesion.io.Provenance;
import org.bonelesion.stage.StageRules;

/**
 * Runs a study: validates {@code design.csv}, analyses every image through its
 * {@link Analysis} into {@code OUT/<Specimen>_<Timepoint>_<Kind>/} (reusing an earlier run whose
 * inputs and parameters are unchanged), continues past failures, and writes
 * {@code specimens.csv}, {@code groups.csv}, {@code comparisons.csv}, {@code report.html} and
 * {@code errors.csv}, each atomically.
 */
public final class StudyRunner {

	/**
	 * What to run.
	 *
	 * @param input   the study folder holding design.csv
	 * @param out     the results folder
	 * @param control the control group named on the command line, or null
	 * @param stages  a stage rules file, or null for the defaults
	 * @param force   re-analyse even images whose earlier results are up to date
	 * @param threads images analysed at the same time (each analysis uses the project's threading inside)
	 */
	public record Settings(Path input, Path out, String control, Path stages, boolean force, int threads) {}

	/**
	 * What a run did.
	 *
	 * @param analysed images analysed now
	 * @param skipped  images whose earlier results were reused
	 * @param failed   rows of errors.csv
	 */
	public record Result(int analysed, int skipped, int failed, Table specimens, Table groups, Table comparisons) {
		/** 0 when nothing failed, else 1 (the command line's exit code). */
		public int exitCode() {
			return failed == 0 ? 0 : 1;
		}
	}

	private final Function<String, Analysis> resolver;

	/** A runner over the analyses registered in this build. */
	public StudyRunner() {
		this(Analyses::forKind);
	}

	/** A runner over the given analyses (kind to analysis; null when there is none). */
	public StudyRunner(Function<String, Analysis> resolver) {
		this.resolver = resolver;
	}

	/**
	 * Runs the study.
	 *
	 * @throws IOException when the results folder cannot be written
	 */
	public Result run(Settings s, Progress progress) throws IOException {
		Files.createDirectories(s.out());
		ErrorLog errors = new ErrorLog();
		StageRules rules;
		StudyDesign design;
		try {
			rules = s.stages() == null ? StageRules.defaults() : StageRules.load(s.stages());
		} catch (UserInputException e) {
			return failEarly(s, errors, s.stages().toString(), e);
		}
		try {
			design = StudyDesign.read(s.input(), resolver);
		} catch (UserInputException e) {
			return failEarly(s, errors, s.input().resolve("design.csv").toString(), e);
		}
		for (StudyDesign.Problem p : design.problems()) errors.add(p.file(), p.specimen(), p.message());

		List<StudyDesign.Entry> entries = design.entries();
		ImageResult[] results = new ImageResult[entries.size()];
		Parallel.of(Math.max(1, s.threads())).forRange(0, entries.size(), i -> {
			Progress sub = progress.sub((double) i / entries.size(), (i + 1.0) / entries.size());
			results[i] = analyse(entries.get(i), s, sub);
		});
		progress.report("summarising the study", 1);
		int analysed = 0, skipped = 0;
		List<ImageResult> images = List.of(results);
		for (ImageResult r : images) {
			if (r.error() != null) errors.add(r.entry().file(), r.entry().specimen(), r.error());
			else if (r.skipped()) skipped++;
			else analysed++;
		}

		String control = null;
		try {
			control = design.controlGroup(s.control());
		} catch (UserInputException e) {
			errors.add(s.input().resolve("design.csv").toString(), "", e.getMessage());
		}
		Table specimens = SpecimenTable.combine(images, rules, control);
		Table groups = GroupSummary.groups(specimens, control);
		Table comparisons = GroupSummary.comparisons(specimens, control);
		Csv.write(specimens, s.out().resolve("specimens.csv"));
		Csv.write(groups, s.out().resolve("groups.csv"));
		Csv.write(comparisons, s.out().resolve("comparisons.csv"));
		Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
		for (String kind : StudyDesign.KINDS) {
			Analysis a = resolver.apply(kind);
			if (a != null && entries.stream().anyMatch(e -> e.kind().equals(kind))) parameters.put(kind, a.options().parse(new String[0]).all());
		}
		HtmlReport.write(s.out().resolve("report.html"),
			new HtmlReport.Study(design, images, specimens, groups, comparisons, rules, control, errors.table(), s, parameters));
		errors.write(s.out());
		return new Result(analysed, skipped, errors.count(), specimens, groups, comparisons);
	}

	private static Result failEarly(Settings s, ErrorLog errors, String file, UserInputException e) throws IOException {
		errors.add(file, "", e.getMessage());
		errors.write(s.out());
		Table empty = new Table();
		return new Result(0, 0, errors.count(), empty, empty, empty);
	}

	/** Analyses one image, or reuses its earlier results; never throws for a bad image. */
	private ImageResult analyse(StudyDesign.Entry e, Settings s, Progress progress) {
		Path folder = s.out().resolve(e.folderName());
		Analysis analysis = resolver.apply(e.kind());
		try {
			Options.Parsed params = analysis.options().parse(designArguments(e, analysis.options()));
			double sizeUm = sizeOverride(e);
			if (!s.force() && upToDate(folder, e, params)) {
				progress.report(e.specimen() + ": up to date, skipped", 1);
				return new ImageResult(e, folder, readSummary(folder.resolve("summary.csv")), true, null);
			}
			Files.createDirectories(folder);
			progress.report(e.specimen() + ": " + e.kind(), 0);
			Table summary = analysis.run(new Analysis.Request(e.input(), e.baseline(), folder, e.specimen(), sizeUm, params), progress);
			Path file = folder.resolve("summary.csv");
			Map<String, Object> row;
			if (Files.isRegularFile(file)) row = readSummary(file);
			else if (summary != null && summary.size() > 0) row = new LinkedHashMap<>(summary.rows().get(0).values());
			else throw new UserInputException("the " + e.kind() + " analysis returned no summary");
			return new ImageResult(e, folder, row, false, null);
		} catch (CancelledException c) {
			throw c;
		} catch (UsageException u) {
			return new ImageResult(e, folder, null, false, "design.csv line " + e.line() + ": " + u.getMessage());
		} catch (Exception | OutOfMemoryError x) {
			return new ImageResult(e, folder, null, false, e.kind() + " analysis of " + e.file() + " failed: " + ErrorLog.describe(x));
		}
	}

	/**
	 * Option values from design.csv: a column named like one of the analysis's options (e.g.
	 * {@code threshold}) sets that option for the row; empty cells keep the default.
	 */
	private static String[] designArguments(StudyDesign.Entry e, Options options) {
		List<String> a = new ArrayList<>();
		for (Options.Spec spec : options.specs()) {
			String v = e.cells().get(spec.name());
			if (v != null && !v.isEmpty()) a.add("--" + spec.name() + "=" + v);
		}
		return a.toArray(new String[0]);
	}

	/** The design's {@code Voxel (um)} (micro-CT) or {@code Pixel (um)} (histology) cell, else NaN. */
	private static double sizeOverride(StudyDesign.Entry e) {
		String v = e.cells().get(e.kind().equals("ct") ? "Voxel (um)" : "Pixel (um)");
		if (v == null || v.isEmpty()) return Double.NaN;
		try {
			double d = Double.parseDouble(v);
			if (d > 0 && Double.isFinite(d)) return d;
		} catch (NumberFormatException ignored) {
			// reported below
		}
		throw new UsageException((e.kind().equals("ct") ? "Voxel (um)" : "Pixel (um)") + " must be a positive number, got '" + v + "'");
	}

	/**
	 * True when the folder holds summary.csv and a provenance.json whose inputs (SHA-256) are
	 * exactly this row's input and baseline files and whose parameters equal every option value.
	 */
	static boolean upToDate(Path folder, StudyDesign.Entry e, Options.Parsed params) {
		Path prov = folder.resolve("provenance.json");
		if (!Files.isRegularFile(prov) || !Files.isRegularFile(folder.resolve("summary.csv"))) return false;
		try {
			Map<String, Object> p = Json.parseObject(Files.readString(prov));
			Set<String> recorded = new HashSet<>();
			if (p.get("inputs") instanceof List<?> inputs) {
				for (Object o : inputs) if (o instanceof Map<?, ?> m && m.get("sha256") != null) recorded.add(String.valueOf(m.get("sha256")));
			}
			Provenance now = new Provenance("study").input(e.input());
			if (e.baseline() != null) now.input(e.baseline());
			Set<String> current = new HashSet<>();
			for (Map<String, Object> m : now.inputs()) current.add(String.valueOf(m.get("sha256")));
			if (current.isEmpty() || !current.equals(recorded)) return false;
			if (!(p.get("parameters") instanceof Map<?, ?> recordedParams)) return false;
			for (Map.Entry<String, String> v : params.all().entrySet()) {
				if (!recordedParams.containsKey(v.getKey()) || !sameValue(recordedParams.get(v.getKey()), v.getValue())) return false;
			}
			return true;
		} catch (IOException | RuntimeException x) {
			return false;
		}
	}

	private static boolean sameValue(Object recorded, String current) {
		String r = recorded == null ? "" : String.valueOf(recorded);
		if (r.equals(current)) return true;
		try {
			return Double.parseDouble(r) == Double.parseDouble(current);
		} catch (NumberFormatException x) {
			return false;
		}
	}

	/** A summary.csv's first row: numbers as Double, other cells as text. */
	static Map<String, Object> readSummary(Path file) {
		Csv.Parsed csv = Csv.read(file);
		if (csv.rows().isEmpty()) throw new UserInputException(file + " has no rows");
		Map<String, Object> row = new LinkedHashMap<>();
		for (Map.Entry<String, String> c : csv.rows().get(0).entrySet()) {
			String v = c.getValue();
			Object o = v;
			if (!v.isEmpty()) {
				try {
					o = Double.parseDouble(v);
				} catch (NumberFormatException x) {
					o = v;
				}
			}
			row.put(c.getKey(), o);
		}
		return row;
	}
}
