package org.bonelesion.stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.Json;

/**
 * Rules that turn a specimen's measurements into a stage of bone metastasis, read from a
 * readable JSON file (the defaults ship as {@code org/bonelesion/stage/stages.json}; a user
 * passes their own with {@code --stages FILE}). Rules are tried in order; the first whose
 * condition holds gives the stage and its evidence. A missing measurement makes every
 * comparison that reads it false: it cannot support a stage.
 *
 * <p>The analyses use it to put a {@code Stage} into their own summaries:
 * {@code StageRules.defaults().classify(row)}.
 */
public final class StageRules {

	/** Threshold mode: compare with the numbers in the file. */
	public static final String FIXED = "fixed";
	/** Threshold mode: marked comparisons use the control group's maximum instead. */
	public static final String CONTROL_MAX = "control-max";

	private record Rule(String stage, String why, Condition when) {}

	private final String name;
	private final String source;
	private final String text;
	private final String thresholds;
	private final Condition referenceSpecimens;
	private final List<Rule> rules;

	private StageRules(String name, String source, String text, String thresholds, Condition referenceSpecimens, List<Rule> rules) {
		this.name = name;
		this.source = source;
		this.text = text;
		this.thresholds = thresholds;
		this.referenceSpecimens = referenceSpecimens;
		this.rules = rules;
	}

	/** The default rules shipped with the plugin. */
	public static StageRules defaults() {
		try (InputStream in = StageRules.class.getResourceAsStream("stages.json")) {
			if (in == null) throw new IllegalStateException("stages.json is missing from the build");
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default stages.json");
		} catch (IOException e) {
			throw new IllegalStateException("cannot read the default stages.json", e);
		}
	}

	/** Rules from a user's file; a bad file is a {@link UserInputException} naming the problem. */
	public static StageRules load(Path file) {
		String t;
		try {
			t = Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UserInputException("cannot read the stage rules file " + file + ": " + e.getMessage(), e);
		}
		return parse(t, file.toString());
	}

	/**
	 * Rules from JSON text.
	 *
	 * @param json   the rules
	 * @param source where they came from, for messages
	 */
	public static StageRules parse(String json, String source) {
		Map<String, Object> root;
		try {
			root = Json.parseObject(json);
		} catch (IllegalArgumentException e) {
			throw new UserInputException("stage rules " + source + " are not valid JSON: " + e.getMessage(), e);
		}
		String where = "stage rules " + source;
		String thresholds = root.containsKey("thresholds") ? String.valueOf(root.get("thresholds")) : FIXED;
		if (!thresholds.equals(FIXED) && !thresholds.equals(CONTROL_MAX)) {
			throw new UserInputException(where + ": \"thresholds\" must be \"fixed\" or \"control-max\", got \"" + thresholds + "\"");
		}
		Condition reference = null;
		if (root.get("controlReference") instanceof Map<?, ?> cr && cr.get("specimens") != null) {
			reference = condition(cr.get("specimens"), where + ", controlReference");
		}
		if (!(root.get("rules") instanceof List<?> list) || list.isEmpty()) {
			throw new UserInputException(where + ": needs a non-empty \"rules\" list");
		}
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			String w = where + ", rule " + (i + 1);
			if (!(list.get(i) instanceof Map<?, ?> r)) throw new UserInputException(w + ": each rule must be an object");
			Object stage = r.get("stage");
			if (!(stage instanceof String s) || s.isBlank()) throw new UserInputException(w + ": needs a \"stage\" name");
			w += " (" + s + ")";
			Condition c = r.containsKey("when") ? condition(r.get("when"), w) : new Condition.Always();
			rules.add(new Rule(s, r.get("why") == null ? "" : String.valueOf(r.get("why")), c));
		}
		String name = root.get("name") == null ? source : String.valueOf(root.get("name"));
		return new StageRules(name, source, json, thresholds, reference, List.copyOf(rules));
	}

	private static Condition condition(Object o, String where) {
		if ("always".equals(o)) return new Condition.Always();
		if (!(o instanceof Map<?, ?> m)) throw new UserInputException(where + ": a condition must be an object or \"always\", got " + o);
		if (m.containsKey("all") || m.containsKey("any")) {
			boolean all = m.containsKey("all");
			Object parts = m.get(all ? "all" : "any");
			if (!(parts instanceof List<?> l) || l.isEmpty()) {
				throw new UserInputException(where + ": \"" + (all ? "all" : "any") + "\" needs a non-empty list of conditions");
			}
			List<Condition> cs = new ArrayList<>();
			for (Object p : l) cs.add(condition(p, where));
			return all ? new Condition.All(List.copyOf(cs)) : new Condition.Any(List.copyOf(cs));
		}
		List<String> left;
		if (m.get("column") instanceof String c) left = List.of(Measurements.symbol(c));
		else if (m.get("sum") != null) left = columns(m.get("sum"), where, "sum");
		else throw new UserInputException(where + ": a comparison needs \"column\" (or \"sum\"), \"op\" and \"value\" (or \"fraction\" and \"of\"); got " + Json.write(m).trim());
		Object op = m.get("op");
		if (!(op instanceof String ops) || !Condition.OPERATORS.contains(ops)) {
			throw new UserInputException(where + ": \"op\" must be one of " + String.join(" ", Condition.OPERATORS) + ", got " + op);
		}
		double value = Double.NaN, fraction = Double.NaN;
		List<String> of = null;
		if (m.get("value") instanceof Number n) {
			value = n.doubleValue();
		} else if (m.get("fraction") instanceof Number f && m.get("of") != null) {
			fraction = f.doubleValue();
			of = columns(m.get("of"), where, "of");
		} else {
			throw new UserInputException(where + ": comparison of " + String.join(" + ", left)
				+ " needs a number \"value\", or a number \"fraction\" with a list \"of\" columns");
		}
		Object control = m.get("control");
		if (control != null && !"max".equals(control)) throw new UserInputException(where + ": \"control\" can only be \"max\", got " + control);
		return new Condition.Comparison(left, ops, value, fraction, of, control != null);
	}

	private static List<String> columns(Object o, String where, String key) {
		if (!(o instanceof List<?> l) || l.isEmpty()) throw new UserInputException(where + ": \"" + key + "\" must be a list of column names");
		List<String> out = new ArrayList<>();
		for (Object c : l) {
			if (!(c instanceof String s) || s.isBlank()) throw new UserInputException(where + ": \"" + key + "\" must list column names");
			out.add(Measurements.symbol(s));
		}
		return List.copyOf(out);
	}

	/** The name given in the file. */
	public String name() {
		return name;
	}

	/** Where the rules came from (a file name, or "default stages.json"). */
	public String source() {
		return source;
	}

	/** The rules file's text, for the report. */
	public String text() {
		return text;
	}

	/** {@link #FIXED} or {@link #CONTROL_MAX}. */
	public String thresholds() {
		return thresholds;
	}

	/** The stage names in rule order (for tables and plots). */
	public List<String> stages() {
		Set<String> s = new LinkedHashSet<>();
		for (Rule r : rules) s.add(r.stage);
		return List.copyOf(s);
	}

	/** Every column symbol the rules read. */
	public Set<String> columns() {
		Set<String> s = new LinkedHashSet<>();
		for (Rule r : rules) s.addAll(r.when.columns());
		return s;
	}

	/** Classifies one specimen or image with fixed thresholds. */
	public StageCall classify(Map<String, Double> measurements) {
		return classify(measurements, Map.of());
	}

	/** Classifies one row of a summary table (numeric cells by header). */
	public StageCall classify(Table.Row row) {
		return classify(numbers(row.values()));
	}

	/**
	 * Classifies one specimen.
	 *
	 * @param measurements values by header ({@code "Lytic.V (mm^3)"}) or symbol; NaN or absent = missing
	 * @param reference    control-group maxima from {@link #controlReference}, used only when
	 *                     {@link #thresholds()} is {@link #CONTROL_MAX}
	 * @return the stage and its evidence; an empty stage when none of the columns the rules use was measured
	 */
	public StageCall classify(Map<String, Double> measurements, Map<String, Double> reference) {
		Measurements m = new Measurements(measurements);
		boolean any = false;
		for (String c : columns()) any |= m.has(c);
		if (!any) return new StageCall("", "no measurement the stage rules use (" + String.join(", ", columns()) + ")");
		Map<String, Double> ref = thresholds.equals(CONTROL_MAX) ? reference : Map.of();
		Set<String> failures = new LinkedHashSet<>();
		for (Rule r : rules) {
			Condition.Outcome o = r.when.evaluate(m, ref);
			if (o.holds()) {
				String evidence = o.text();
				if (evidence.isEmpty()) evidence = failures.isEmpty() ? "always" : "none of the above: " + String.join("; ", failures);
				return new StageCall(r.stage, evidence);
			}
			if (!o.text().isEmpty()) failures.add(o.text());
		}
		return new StageCall("", "no rule matched: " + String.join("; ", failures));
	}

	/**
	 * The control range: for every comparison marked {@code "control": "max"}, the largest value
	 * among the control specimens that satisfy the file's {@code controlReference.specimens}
	 * condition (without tumour, by default). Empty when thresholds are fixed or no control
	 * specimen qualifies; a column no qualifying specimen measured is left out (its fixed
	 * threshold applies).
	 *
	 * @param controlSpecimens measurements of the control group's specimens (one timepoint)
	 */
	public Map<String, Double> controlReference(Collection<Map<String, Double>> controlSpecimens) {
		Map<String, Double> out = new LinkedHashMap<>();
		if (!thresholds.equals(CONTROL_MAX)) return out;
		Set<String> wanted = new LinkedHashSet<>();
		for (Rule r : rules) wanted.addAll(r.when.controlColumns());
		for (Map<String, Double> spec : controlSpecimens) {
			Measurements m = new Measurements(spec);
			if (referenceSpecimens != null && !referenceSpecimens.evaluate(m, Map.of()).holds()) continue;
			for (String c : wanted) {
				double v = m.get(c);
				if (Double.isNaN(v)) continue;
				out.merge(c, v, Math::max);
			}
		}
		return out;
	}

	/** The numeric cells of a row, by header (text that is not a number is left out). */
	public static Map<String, Double> numbers(Map<String, ?> cells) {
		Map<String, Double> out = new HashMap<>();
		for (Map.Entry<String, ?> e : cells.entrySet()) {
			Object v = e.getValue();
			if (v instanceof Number n) out.put(e.getKey(), n.doubleValue());
			else if (v instanceof String s && !s.isBlank()) {
				try {
					out.put(e.getKey(), Double.parseDouble(s.trim()));
				} catch (NumberFormatException ignored) {
					// text column (Specimen, Group, ...)
				}
			}
		}
		return out;
	}

	/** A short description of each rule, for the report: stage, why. */
	public List<String[]> describe() {
		List<String[]> out = new ArrayList<>();
		for (Rule r : rules) out.add(new String[] { r.stage, r.why });
		return out;
	}
}
