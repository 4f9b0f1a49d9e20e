package org.bonelesion.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bonelesion.core.Table;
import org.bonelesion.stage.StageCall;
import org.bonelesion.stage.StageRules;

/**
 * {@code specimens.csv}: the summaries of every kind of image of one specimen at one timepoint
 * combined into one row ({@code Specimen}, {@code Group}, {@code Timepoint}, the measurements,
 * {@code Stage}, {@code Evidence}). A measurement column keeps its header; when two kinds
 * report the same header (both histology modes report {@code Pixel (um)}), the later kind's
 * column gets its kind as a prefix ({@code Culture.Pixel (um)}). The analyses' own
 * {@code Specimen} and {@code Stage} cells are replaced by the study's.
 */
public final class SpecimenTable {

	/** Columns that are not measurements. */
	public static final Set<String> TEXT_COLUMNS = Set.of("Specimen", "Group", "Timepoint", "Stage", "Evidence");

	private SpecimenTable() {}

	/** The analysis kinds in the order their columns appear. */
	static final List<String> KIND_ORDER = StudyDesign.KINDS;

	private static final Map<String, String> PREFIX = Map.of("ct", "CT.", "histo", "Histo.", "culture", "Culture.");

	/**
	 * Combines the successful images into specimen rows and stages them.
	 *
	 * @param images  every image's result (failed ones are left out)
	 * @param rules   the stage rules
	 * @param control the control group, or null
	 */
	public static Table combine(List<ImageResult> images, StageRules rules, String control) {
		// column names: per kind, in kind order, first-seen order within a kind
		Map<String, Map<String, String>> rename = new HashMap<>();
		Set<String> columns = new LinkedHashSet<>();
		for (String kind : KIND_ORDER) {
			Map<String, String> names = new LinkedHashMap<>();
			for (ImageResult r : images) {
				if (!r.ok() || !r.entry().kind().equals(kind)) continue;
				for (String h : r.summary().keySet()) {
					if (h.equals("Specimen") || h.equals("Stage") || names.containsKey(h)) continue;
					String name = columns.contains(h) || TEXT_COLUMNS.contains(h) ? PREFIX.get(kind) + h : h;
					names.put(h, name);
					columns.add(name);
				}
			}
			rename.put(kind, names);
		}
		// rows: one per specimen and timepoint, in design order
		Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
		Map<String, String[]> ids = new HashMap<>();
		for (ImageResult r : images) {
			if (!r.ok()) continue;
			StudyDesign.Entry e = r.entry();
			String key = e.specimen() + "\u0000" + e.timepoint();
			Map<String, Object> row = rows.computeIfAbsent(key, k -> new HashMap<>());
			ids.putIfAbsent(key, new String[] { e.specimen(), e.group(), e.timepoint() });
			Map<String, String> names = rename.get(e.kind());
			for (Map.Entry<String, Object> c : r.summary().entrySet()) {
				String name = names.get(c.getKey());
				if (name != null) row.put(name, c.getValue());
			}
		}
		// control references per timepoint
		Map<String, List<Map<String, Double>>> controlRows = new HashMap<>();
		for (Map.Entry<String, Map<String, Object>> r : rows.entrySet()) {
			String[] id = ids.get(r.getKey());
			if (id[1].equals(control)) controlRows.computeIfAbsent(id[2], k -> new ArrayList<>()).add(StageRules.numbers(r.getValue()));
		}
		Table t = new Table().column("Specimen", null).column("Group", null).column("Timepoint", null);
		for (String c : columns) t.column(c, null);
		t.column("Stage", null).column("Evidence", null);
		for (Map.Entry<String, Map<String, Object>> r : rows.entrySet()) {
			String[] id = ids.get(r.getKey());
			Table.Row row = t.addRow().put("Specimen", id[0]).put("Group", id[1]).put("Timepoint", id[2]);
			for (String c : columns) row.put(c, r.getValue().get(c));
			Map<String, Double> reference = rules.controlReference(controlRows.getOrDefault(id[2], List.of()));
			StageCall call = rules.classify(StageRules.numbers(r.getValue()), reference);
			row.put("Stage", call.stage()).put("Evidence", call.evidence());
		}
		return t;
	}
}
