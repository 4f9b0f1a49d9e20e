package org.bonelesion.stage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One condition of a stage rule: a comparison, or all/any of other conditions. */
sealed interface Condition permits Condition.Always, Condition.Comparison, Condition.All, Condition.Any {

	/** The outcome of a condition and its explanation for the Evidence column. */
	record Outcome(boolean holds, String text) {}

	/**
	 * Evaluates the condition.
	 *
	 * @param m         the specimen's measurements
	 * @param reference control-group maxima by symbol (empty: fixed thresholds)
	 */
	Outcome evaluate(Measurements m, Map<String, Double> reference);

	/** Every column symbol the condition reads. */
	Set<String> columns();

	/** Symbols of comparisons marked {@code "control": "max"}. */
	Set<String> controlColumns();

	/** Holds always (the last rule, usually {@code 0-none}). */
	record Always() implements Condition {
		@Override
		public Outcome evaluate(Measurements m, Map<String, Double> reference) {
			return new Outcome(true, "");
		}

		@Override
		public Set<String> columns() {
			return Set.of();
		}

		@Override
		public Set<String> controlColumns() {
			return Set.of();
		}
	}

	/**
	 * {@code left op right}: left is one column or a sum of columns; right is a number, or
	 * {@code fraction} times a sum of columns. With {@code controlMax} and a reference value for
	 * the column, the comparison becomes {@code left > reference}.
	 */
	record Comparison(List<String> left, String op, double value, double fraction, List<String> of, boolean controlMax)
		implements Condition {

		@Override
		public Outcome evaluate(Measurements m, Map<String, Double> reference) {
			String leftName = String.join(" + ", left);
			double l = sum(m, left);
			String unit = left.size() == 1 ? m.unit(left.get(0)) : "";
			if (Double.isNaN(l)) return new Outcome(false, leftName + " missing");
			String lText = leftName + " = " + number(l) + units(unit);
			Double ref = controlMax && left.size() == 1 ? reference.get(left.get(0)) : null;
			if (ref != null && !Double.isNaN(ref)) {
				boolean holds = l > ref;
				return new Outcome(holds, lText + (holds ? " > " : " <= ") + number(ref) + units(unit) + " (control max)");
			}
			double r;
			String rText;
			if (of == null) {
				r = value;
				rText = number(value) + units(unit);
			} else {
				double s = sum(m, of);
				if (Double.isNaN(s)) return new Outcome(false, String.join(" + ", of) + " missing");
				r = fraction * s;
				rText = number(100 * fraction) + " % of " + number(s) + units(unit);
			}
			boolean holds = compare(l, op, r);
			return new Outcome(holds, lText + " " + (holds ? op : negation(op)) + " " + rText);
		}

		private static double sum(Measurements m, List<String> columns) {
			double s = 0;
			for (String c : columns) s += m.get(c);
			return s;
		}

		@Override
		public Set<String> columns() {
			Set<String> s = new LinkedHashSet<>(left);
			if (of != null) s.addAll(of);
			return s;
		}

		@Override
		public Set<String> controlColumns() {
			return controlMax && left.size() == 1 ? Set.of(left.get(0)) : Set.of();
		}
	}

	/** Holds when every part holds; explains with every part, or the first that fails. */
	record All(List<Condition> parts) implements Condition {
		@Override
		public Outcome evaluate(Measurements m, Map<String, Double> reference) {
			List<String> texts = new ArrayList<>();
			for (Condition c : parts) {
				Outcome o = c.evaluate(m, reference);
				if (!o.holds()) return o;
				if (!o.text().isEmpty()) texts.add(o.text());
			}
			return new Outcome(true, String.join("; ", texts));
		}

		@Override
		public Set<String> columns() {
			return union(parts, Condition::columns);
		}

		@Override
		public Set<String> controlColumns() {
			return union(parts, Condition::controlColumns);
		}
	}

	/** Holds when at least one part holds; explains with the parts that hold, or all that fail. */
	record Any(List<Condition> parts) implements Condition {
		@Override
		public Outcome evaluate(Measurements m, Map<String, Double> reference) {
			List<String> yes = new ArrayList<>(), no = new ArrayList<>();
			for (Condition c : parts) {
				Outcome o = c.evaluate(m, reference);
				(o.holds() ? yes : no).add(o.text());
			}
			if (!yes.isEmpty()) return new Outcome(true, String.join("; ", yes));
			return new Outcome(false, String.join(" and ", no));
		}

		@Override
		public Set<String> columns() {
			return union(parts, Condition::columns);
		}

		@Override
		public Set<String> controlColumns() {
			return union(parts, Condition::controlColumns);
		}
	}

	/** The columns of every part, in order. */
	private static Set<String> union(List<Condition> parts, java.util.function.Function<Condition, Set<String>> of) {
		Set<String> s = new LinkedHashSet<>();
		for (Condition c : parts) s.addAll(of.apply(c));
		return s;
	}

	/** The comparison operators a rules file may use. */
	List<String> OPERATORS = List.of(">=", ">", "<=", "<", "==", "!=");

	static boolean compare(double l, String op, double r) {
		return switch (op) {
			case ">=" -> l >= r;
			case ">" -> l > r;
			case "<=" -> l <= r;
			case "<" -> l < r;
			case "==" -> l == r;
			case "!=" -> l != r;
			default -> throw new IllegalArgumentException(op);
		};
	}

	static String negation(String op) {
		return switch (op) {
			case ">=" -> "<";
			case ">" -> "<=";
			case "<=" -> ">";
			case "<" -> ">=";
			case "==" -> "!=";
			case "!=" -> "==";
			default -> op;
		};
	}

	private static String units(String unit) {
		if (unit.isEmpty()) return "";
		return unit.equals("%") ? " %" : " " + unit;
	}

	/** A number for evidence text: whole numbers as such, else 3 significant digits. */
	static String number(double d) {
		if (Double.isNaN(d)) return "NaN";
		if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
		if (d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString((long) d);
		BigDecimal b = new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros();
		String s = b.abs().compareTo(new BigDecimal("1e-4")) < 0 ? b.toString() : b.toPlainString();
		return s.toLowerCase(Locale.ROOT);
	}
}
