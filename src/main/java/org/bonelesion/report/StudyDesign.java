package org.bonelesion.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.Csv;

/**
 * A study's {@code design.csv}, validated row by row: each bad row becomes one {@link Problem}
 * with a message a person understands, the good rows become {@link Entry entries} to analyse.
 *
 * <p>Columns: {@code File}, {@code Specimen}, {@code Group}, {@code Kind} (required),
 * {@code Timepoint}, {@code Baseline} (optional, empty when absent), {@code Control} (optional:
 * yes/true/1/x marks the row's group as the control group); more columns are kept.
 */
public final class StudyDesign {

	/** The kinds design.csv may name. */
	public static final List<String> KINDS = List.of("ct", "histo", "culture");
	/** Columns that must be present. */
	public static final List<String> REQUIRED = List.of("File", "Specimen", "Group", "Kind");

	/**
	 * One image to analyse.
	 *
	 * @param line      the line in design.csv (header = line 1)
	 * @param file      the File cell as written
	 * @param input     the file resolved against the study folder
	 * @param baseline  the baseline resolved against the study folder, or null
	 * @param cells     every cell of the row by header
	 */
	public record Entry(int line, String file, Path input, String specimen, String group, String timepoint, String kind,
		Path baseline, Map<String, String> cells) {

		/** The output sub-folder name: {@code <Specimen>_<Timepoint>_<Kind>} (no timepoint: {@code <Specimen>_<Kind>}). */
		public String folderName() {
			String t = timepoint.isEmpty() ? "" : "_" + timepoint;
			return safe(specimen + t + "_" + kind);
		}
	}

	/** A row that cannot be analysed. */
	public record Problem(String file, String specimen, String message) {}

	private final Path dir;
	private final List<String> headers;
	private final List<Map<String, String>> rows;
	private final List<Entry> entries;
	private final List<Problem> problems;
	private final Set<String> flaggedControls;

	private StudyDesign(Path dir, List<String> headers, List<Map<String, String>> rows, List<Entry> entries,
		List<Problem> problems, Set<String> flaggedControls) {
		this.dir = dir;
		this.headers = headers;
		this.rows = rows;
		this.entries = entries;
		this.problems = problems;
		this.flaggedControls = flaggedControls;
	}

	/**
	 * Reads and validates {@code dir/design.csv}. A missing or unreadable file, or a missing required
	 * column, is a {@link UserInputException} (nothing can run); bad rows are problems.
	 *
	 * @param resolver the analysis for each kind (null: this build has none)
	 */
	public static StudyDesign read(Path dir, Function<String, Analysis> resolver) {
		Path file = dir.resolve("design.csv");
		if (!Files.isRegularFile(file)) {
			throw new UserInputException("the study folder " + dir + " has no design.csv (columns File, Specimen, Group, Timepoint, Kind, Baseline)");
		}
		Csv.Parsed csv = Csv.read(file);
		List<String> missing = new ArrayList<>();
		for (String c : REQUIRED) if (!csv.headers().contains(c)) missing.add(c);
		if (!missing.isEmpty()) {
			throw new UserInputException("design.csv has no column " + String.join(", ", missing) + " (it has " + String.join(", ", csv.headers())
				+ "; column names are case-sensitive)");
		}
		List<Entry> entries = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		Set<String> controls = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Map<String, String> groupOf = new HashMap<>();
		Map<String, Integer> groupLine = new HashMap<>();
		for (int i = 0; i < csv.rows().size(); i++) {
			Map<String, String> r = csv.rows().get(i);
			int line = i + 2;
			String f = r.getOrDefault("File", ""), specimen = r.getOrDefault("Specimen", ""), group = r.getOrDefault("Group", "");
			String kind = r.getOrDefault("Kind", "").toLowerCase(Locale.ROOT), timepoint = r.getOrDefault("Timepoint", "");
			String baseline = r.getOrDefault("Baseline", "");
			String at = "design.csv line " + line + ": ";
			List<String> empty = new ArrayList<>();
			for (String c : REQUIRED) if (r.getOrDefault(c, "").isEmpty()) empty.add(c);
			if (!empty.isEmpty()) {
				problems.add(new Problem(f, specimen, at + "the " + String.join(", ", empty) + " cell" + (empty.size() > 1 ? "s are" : " is") + " empty"));
				continue;
			}
			if (!KINDS.contains(kind)) {
				problems.add(new Problem(f, specimen, at + "unknown Kind '" + r.get("Kind") + "' (use ct, histo or culture)"));
				continue;
			}
			if (resolver.apply(kind) == null) {
				problems.add(new Problem(f, specimen, at + "this build has no '" + kind + "' analysis"));
				continue;
			}
			String key = specimen + "\u0000" + timepoint + "\u0000" + kind;
			Integer first = seen.putIfAbsent(key, line);
			if (first != null) {
				problems.add(new Problem(f, specimen, at + "duplicate: specimen " + specimen + (timepoint.isEmpty() ? "" : " at timepoint " + timepoint)
					+ " already has a " + kind + " image on line " + first + "; this row is skipped"));
				continue;
			}
			String g = groupOf.putIfAbsent(specimen, group);
			if (g != null && !g.equals(group)) {
				problems.add(new Problem(f, specimen, at + "specimen " + specimen + " is in group '" + g + "' on line " + groupLine.get(specimen)
					+ " but in group '" + group + "' here; a specimen belongs to one group"));
				continue;
			}
			groupLine.putIfAbsent(specimen, line);
			Path input = dir.resolve(f);
			if (!Files.exists(input)) {
				problems.add(new Problem(f, specimen, at + "the file " + f + " does not exist in " + dir));
				continue;
			}
			Path base = null;
			if (!baseline.isEmpty()) {
				if (!kind.equals("ct")) {
					problems.add(new Problem(f, specimen, at + "a Baseline is only for micro-CT (Kind ct), this row is " + kind));
					continue;
				}
				base = dir.resolve(baseline);
				if (!Files.exists(base)) {
					problems.add(new Problem(f, specimen, at + "the baseline file " + baseline + " does not exist in " + dir));
					continue;
				}
			}
			if (isYes(r.getOrDefault("Control", ""))) controls.add(group);
			entries.add(new Entry(line, f, input, specimen, group, timepoint, kind, base, r));
		}
		return new StudyDesign(dir, csv.headers(), csv.rows(), List.copyOf(entries), List.copyOf(problems), controls);
	}

	private static boolean isYes(String s) {
		String v = s.trim().toLowerCase(Locale.ROOT);
		return v.equals("yes") || v.equals("true") || v.equals("1") || v.equals("x") || v.equals("y") || v.equals("control");
	}

	/** A file-name-safe version of a name. */
	static String safe(String s) {
		return s.replaceAll("[^A-Za-z0-9._+-]", "_");
	}

	public Path dir() {
		return dir;
	}

	/** design.csv's header row. */
	public List<String> headers() {
		return headers;
	}

	/** Every row of design.csv as written. */
	public List<Map<String, String>> rows() {
		return rows;
	}

	/** The rows that passed validation, in file order. */
	public List<Entry> entries() {
		return entries;
	}

	public List<Problem> problems() {
		return problems;
	}

	/**
	 * The control group: {@code commandLine} if given; else the group(s) flagged in a
	 * {@code Control} column; else a group named vehicle, control or sham (case-insensitive);
	 * else null.
	 *
	 * @throws UserInputException when the named control group is not in the design, or several are flagged
	 */
	public String controlGroup(String commandLine) {
		Set<String> groups = groups();
		if (commandLine != null && !commandLine.isEmpty()) {
			if (!groups.contains(commandLine)) {
				throw new UserInputException("the control group '" + commandLine + "' is not in design.csv (groups: " + String.join(", ", groups) + ")");
			}
			return commandLine;
		}
		if (flaggedControls.size() > 1) {
			throw new UserInputException("design.csv flags several groups as Control (" + String.join(", ", flaggedControls)
				+ "); flag one, or name it with --control");
		}
		if (flaggedControls.size() == 1) return flaggedControls.iterator().next();
		for (String name : List.of("vehicle", "control", "sham")) {
			for (String g : groups) if (g.equalsIgnoreCase(name)) return g;
		}
		return null;
	}

	/** The groups of the valid rows, in order of first appearance. */
	public Set<String> groups() {
		Set<String> s = new LinkedHashSet<>();
		for (Entry e : entries) s.add(e.group());
		return s;
	}
}
