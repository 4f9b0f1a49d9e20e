package org.bonelesion.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bonelesion.core.Table;
import org.bonelesion.stage.StageRules;

/**
 * {@code groups.csv} and {@code comparisons.csv}: per group and timepoint, n, mean, SD and
 * median of every numeric measurement of {@code specimens.csv}; and every treatment group
 * against the control group at the same timepoint.
 */
public final class GroupSummary {

	private GroupSummary() {}

	/** The numeric measurement columns of a specimens table (not the image size columns). */
	public static List<String> measurements(Table specimens) {
		List<String> out = new ArrayList<>();
		for (String h : specimens.headers()) {
			if (SpecimenTable.TEXT_COLUMNS.contains(h) || h.endsWith("Voxel (um)") || h.endsWith("Pixel (um)")) continue;
			boolean numeric = true, any = false;
			for (Table.Row r : specimens.rows()) {
				Object v = r.get(h);
				if (v == null || (v instanceof String s && s.isEmpty())) continue;
				if (v instanceof Number || StageRules.numbers(Map.of(h, v)).containsKey(h)) any = true;
				else numeric = false;
			}
			if (numeric && any) out.add(h);
		}
		return out;
	}

	/** Groups in order: the control first, then as they appear. */
	static List<String> groupOrder(Table specimens, String control) {
		Set<String> s = new LinkedHashSet<>();
		if (control != null) s.add(control);
		for (Table.Row r : specimens.rows()) s.add(String.valueOf(r.get("Group")));
		if (control != null && specimens.rows().stream().noneMatch(r -> control.equals(r.get("Group")))) s.remove(control);
		return List.copyOf(s);
	}

	static List<String> timepoints(Table specimens) {
		Set<String> s = new LinkedHashSet<>();
		for (Table.Row r : specimens.rows()) s.add(String.valueOf(r.get("Timepoint")));
		return List.copyOf(s);
	}

	/** The values of one measurement for one group at one timepoint (NaN where missing). */
	public static double[] values(Table specimens, String group, String timepoint, String column) {
		List<Double> v = new ArrayList<>();
		for (Table.Row r : specimens.rows()) {
			if (group.equals(r.get("Group")) && timepoint.equals(r.get("Timepoint"))) v.add(r.getDouble(column));
		}
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * groups.csv: {@code Group}, {@code Timepoint}, {@code n} (specimens), then for each
	 * measurement {@code <header> n}, {@code <header> mean}, {@code <header> SD},
	 * {@code <header> median} (n counts the specimens with a value).
	 */
	public static Table groups(Table specimens, String control) {
		List<String> ms = measurements(specimens);
		Table t = new Table().column("Group", null).column("Timepoint", null).column("n", null);
		for (String m : ms) t.column(m + " n", null).column(m + " mean", null).column(m + " SD", null).column(m + " median", null);
		for (String tp : timepoints(specimens)) {
			for (String g : groupOrder(specimens, control)) {
				int n = 0;
				for (Table.Row r : specimens.rows()) if (g.equals(r.get("Group")) && tp.equals(r.get("Timepoint"))) n++;
				if (n == 0) continue;
				Table.Row row = t.addRow().put("Group", g).put("Timepoint", tp).put("n", n);
				for (String m : ms) {
					double[] v = values(specimens, g, tp, m);
					row.put(m + " n", Statistics.finite(v).length).put(m + " mean", Statistics.mean(v)).put(m + " SD", Statistics.sd(v))
						.put(m + " median", Statistics.median(v));
				}
			}
		}
		return t;
	}

	/** The columns of comparisons.csv, in order. */
	public static final List<String> COMPARISON_COLUMNS = List.of("Timepoint", "Measurement", "Unit", "Group", "Control", "n", "n control",
		"Mean", "Mean control", "Difference", "Change (%)", "Mann-Whitney U", "Mann-Whitney p", "Mann-Whitney method", "Welch t", "Welch df",
		"Welch p");

	/**
	 * comparisons.csv: one row per timepoint, measurement and treatment group: the group against
	 * the control group at that timepoint. Empty (headers only) without a control group.
	 */
	public static Table comparisons(Table specimens, String control) {
		Table t = new Table();
		for (String c : COMPARISON_COLUMNS) t.column(c, null);
		if (control == null) return t;
		List<String> ms = measurements(specimens);
		for (String tp : timepoints(specimens)) {
			double[][] controlValues = new double[ms.size()][];
			for (int i = 0; i < ms.size(); i++) controlValues[i] = Statistics.finite(values(specimens, control, tp, ms.get(i)));
			for (String g : groupOrder(specimens, control)) {
				if (g.equals(control)) continue;
				for (int i = 0; i < ms.size(); i++) {
					String m = ms.get(i);
					double[] x = Statistics.finite(values(specimens, g, tp, m)), y = controlValues[i];
					if (x.length == 0 && y.length == 0) continue;
					double mx = Statistics.mean(x), my = Statistics.mean(y);
					Statistics.MannWhitney mw = Statistics.mannWhitney(x, y);
					Statistics.Welch w = Statistics.welch(x, y);
					t.addRow().put("Timepoint", tp).put("Measurement", symbol(m)).put("Unit", unit(m)).put("Group", g).put("Control", control)
						.put("n", x.length).put("n control", y.length).put("Mean", mx).put("Mean control", my).put("Difference", mx - my)
						.put("Change (%)", my == 0 ? Double.NaN : 100 * (mx - my) / Math.abs(my)).put("Mann-Whitney U", mw.u())
						.put("Mann-Whitney p", mw.p()).put("Mann-Whitney method", mw.method()).put("Welch t", w.t()).put("Welch df", w.df())
						.put("Welch p", w.p());
				}
			}
		}
		return t;
	}

	static String symbol(String header) {
		int i = header.lastIndexOf(" (");
		return i > 0 && header.endsWith(")") ? header.substring(0, i) : header;
	}

	static String unit(String header) {
		int i = header.lastIndexOf(" (");
		return i > 0 && header.endsWith(")") ? header.substring(i + 2, header.length() - 1) : "";
	}

	/** Stage counts: group, timepoint -> stage -> n (in the rules' stage order). */
	public static Map<String, Map<String, Integer>> stageCounts(Table specimens, String control, List<String> stages) {
		Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
		for (String tp : timepoints(specimens)) {
			for (String g : groupOrder(specimens, control)) {
				Map<String, Integer> counts = new LinkedHashMap<>();
				for (String s : stages) counts.put(s, 0);
				boolean any = false;
				for (Table.Row r : specimens.rows()) {
					if (!g.equals(r.get("Group")) || !tp.equals(r.get("Timepoint"))) continue;
					any = true;
					String s = String.valueOf(r.get("Stage"));
					counts.merge(s.isEmpty() ? "(none)" : s, 1, Integer::sum);
				}
				if (any) out.put(g + (tp.isEmpty() ? "" : " \u00b7 " + tp), counts);
			}
		}
		return out;
	}
}
