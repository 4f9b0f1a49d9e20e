package org.bonelesion.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Map;

import org.bonelesion.core.Table;
import org.bonelesion.io.Csv;

/**
 * How the Fiji layer talks to the user: messages that never block a macro, the results
 * table with unit headers, and the label image or overlay, shown only when there is a screen.
 */
public final class ImageJUi {

	private ImageJUi() {}

	/** True when a dialog must not be opened: headless, batch mode, or inside a macro. */
	public static boolean quiet() {
		return GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode() || Macro.getOptions() != null;
	}

	/** True when windows may be shown (a screen, and not a batch-mode macro). */
	public static boolean canShow() {
		return !GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode();
	}

	/**
	 * Tells the user why a command stopped: a line in the Log window (or the console when
	 * headless) inside a macro, a dialog otherwise.
	 */
	public static void error(String command, String message) {
		if (quiet()) IJ.log("Bone Lesion > " + command + ": " + message);
		else IJ.error("Bone Lesion > " + command, message);
	}

	/** A line in the Log window (the console when headless). */
	public static void log(String command, String message) {
		IJ.log("Bone Lesion > " + command + ": " + message);
	}

	/**
	 * Puts a table into an ImageJ results table, one column per header (the header carries the
	 * unit, e.g. {@code BV (mm^3)}); numbers stay numbers, text stays text.
	 */
	public static ResultsTable fill(ResultsTable rt, Table table) {
		for (Table.Row row : table.rows()) {
			rt.incrementCounter();
			for (String h : table.headers()) {
				Object v = row.get(h);
				if (v instanceof Number n) rt.addValue(h, n.doubleValue());
				else rt.addValue(h, v == null ? "" : Table.format(v));
			}
		}
		return rt;
	}

	/** A CSV file as an ImageJ results table (numbers where the cell is a number). */
	public static ResultsTable read(Path csv) {
		Csv.Parsed p = Csv.read(csv);
		ResultsTable rt = new ResultsTable();
		for (Map<String, String> row : p.rows()) {
			rt.incrementCounter();
			for (String h : p.headers()) {
				String v = row.getOrDefault(h, "");
				double d = number(v);
				if (!Double.isNaN(d) || v.equals("NaN")) rt.addValue(h, d);
				else rt.addValue(h, v);
			}
		}
		return rt;
	}

	private static double number(String v) {
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	/**
	 * Shows a run's results: the summary in ImageJ's Results table (so that a macro can
	 * {@code getResult("BV/TV (%)", 0)}), and, when there is a screen, the other tables and the
	 * label image or overlay.
	 */
	public static void show(AnalysisJob.Outcome o) {
		ResultsTable rt = ResultsTable.getResultsTable();
		if (rt == null) rt = new ResultsTable();
		rt.reset();
		fill(rt, o.summary());
		if (!canShow()) return;
		rt.show("Results");
		for (Path t : o.tables()) read(t).show(o.specimen() + " " + t.getFileName());
		if (o.picture() != null) {
			ImagePlus imp = AnalysisJob.open(o.picture());
			imp.setTitle(o.specimen() + " " + o.picture().getFileName());
			imp.show();
		}
	}
}
