package org.bonelesion.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A results table: ordered columns whose headers carry their unit ({@code Symbol (unit)}, as
 * the results contract asks), and rows of numbers or text. One fresh table per run.
 */
public final class Table {

	private final Set<String> columns = new LinkedHashSet<>();
	private final List<Row> rows = new ArrayList<>();

	/** The header of a measurement: {@code "BV (mm^3)"}, or just the symbol if it has no unit. */
	public static String header(String symbol, String unit) {
		return unit == null || unit.isEmpty() ? symbol : symbol + " (" + unit + ")";
	}

	/** Declares a column (so that it appears even when a row leaves it empty), in order. */
	public Table column(String symbol, String unit) {
		columns.add(header(symbol, unit));
		return this;
	}

	/** Appends an empty row. */
	public Row addRow() {
		Row r = new Row();
		rows.add(r);
		return r;
	}

	/** Column headers in order. */
	public List<String> headers() {
		return List.copyOf(columns);
	}

	public List<Row> rows() {
		return Collections.unmodifiableList(rows);
	}

	public int size() {
		return rows.size();
	}

	/** One row: values by header. */
	public final class Row {
		private final Map<String, Object> values = new LinkedHashMap<>();

		/** Sets a unit-less value (text, count, yes/no). */
		public Row put(String symbol, Object value) {
			return put(symbol, null, value);
		}

		/** Sets a measurement with its unit. */
		public Row put(String symbol, String unit, Object value) {
			String h = header(symbol, unit);
			columns.add(h);
			values.put(h, value);
			return this;
		}

		/** The value under a full header, or null. */
		public Object get(String header) {
			return values.get(header);
		}

		/** The value under a header as a double (NaN if missing or not a number). */
		public double getDouble(String header) {
			Object v = values.get(header);
			if (v instanceof Number n) return n.doubleValue();
			if (v instanceof String s) {
				try {
					return Double.parseDouble(s);
				} catch (NumberFormatException e) {
					return Double.NaN;
				}
			}
			return Double.NaN;
		}

		/** The cells in column order, formatted for a CSV file. */
		public List<String> cells() {
			List<String> out = new ArrayList<>(columns.size());
			for (String c : columns) out.add(format(values.get(c)));
			return out;
		}

		/** All values by header (live). */
		public Map<String, Object> values() {
			return values;
		}
	}

	/**
	 * Formats a value for a CSV cell: integers as integers, other numbers with 9 significant
	 * digits, NaN as {@code NaN}, booleans as {@code yes}/{@code no}, null as empty.
	 */
	public static String format(Object v) {
		if (v == null) return "";
		if (v instanceof Boolean b) return b ? "yes" : "no";
		if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return v.toString();
		if (v instanceof Number n) {
			double d = n.doubleValue();
			if (Double.isNaN(d)) return "NaN";
			if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
			if (d == 0) return "0";
			java.math.BigDecimal bd = new java.math.BigDecimal(d).round(new java.math.MathContext(9));
			bd = bd.stripTrailingZeros();
			int exp = bd.precision() - bd.scale() - 1;
			return (exp < -6 || exp > 12) ? bd.toString() : bd.toPlainString();
		}
		return v.toString();
	}
}
