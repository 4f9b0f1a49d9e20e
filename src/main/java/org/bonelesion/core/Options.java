package org.bonelesion.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Declares and parses {@code --name value} options. Every option has a default (or is
 * required, or is a flag) and a unit, so that {@code --help} can say both.
 */
public final class Options {

	/** One option. {@code defaultValue} null means required; {@code flag} takes no value. */
	public record Spec(String name, String defaultValue, String unit, String help, boolean flag) {}

	private final List<Spec> specs = new ArrayList<>();

	/** A required option. */
	public Options required(String name, String help) {
		specs.add(new Spec(name, null, "", help, false));
		return this;
	}

	/** An option with a default ("" means: none). */
	public Options optional(String name, String defaultValue, String unit, String help) {
		specs.add(new Spec(name, defaultValue, unit == null ? "" : unit, help, false));
		return this;
	}

	/** A yes/no flag, off by default. */
	public Options flag(String name, String help) {
		specs.add(new Spec(name, "false", "", help, true));
		return this;
	}

	public List<Spec> specs() {
		return specs;
	}

	/** Usage text listing every option with its default and unit. */
	public String usage(String command, String summary) {
		StringBuilder sb = new StringBuilder();
		sb.append("Usage: ./bonelesion ").append(command);
		for (Spec s : specs) {
			if (s.defaultValue == null) sb.append(" --").append(s.name).append(" VALUE");
		}
		sb.append(" [options]\n\n").append(summary).append("\n\nOptions:\n");
		for (Spec s : specs) {
			String left = "  --" + s.name + (s.flag ? "" : " VALUE");
			sb.append(String.format(Locale.ROOT, "%-28s %s", left, s.help));
			List<String> notes = new ArrayList<>();
			if (s.defaultValue == null) notes.add("required");
			else if (!s.flag && !s.defaultValue.isEmpty()) notes.add("default " + s.defaultValue);
			else if (!s.flag) notes.add("default: none");
			if (!s.unit.isEmpty()) notes.add("unit " + s.unit);
			if (!notes.isEmpty()) sb.append(" [").append(String.join(", ", notes)).append(']');
			sb.append('\n');
		}
		sb.append(String.format(Locale.ROOT, "%-28s %s%n", "  --help", "show this help"));
		return sb.toString();
	}

	/** Parses arguments; unknown or incomplete options are a {@link UsageException}. */
	public Parsed parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "' (options start with --)");
			String name = a.substring(2);
			String inline = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				inline = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			Spec spec = find(name);
			if (spec == null) throw new UsageException("unknown option --" + name);
			if (spec.flag) {
				values.put(name, inline == null ? "true" : inline);
			} else {
				String v = inline;
				if (v == null) {
					if (i + 1 >= args.length) throw new UsageException("option --" + name + " needs a value");
					v = args[++i];
				}
				values.put(name, v);
			}
		}
		for (Spec s : specs) {
			if (!values.containsKey(s.name)) {
				if (s.defaultValue == null) throw new UsageException("missing required option --" + s.name);
				values.put(s.name, s.defaultValue);
			}
		}
		return new Parsed(values);
	}

	private Spec find(String name) {
		for (Spec s : specs) if (s.name.equals(name)) return s;
		return null;
	}

	/** Parsed option values. */
	public static final class Parsed {
		private final Map<String, String> values;

		Parsed(Map<String, String> values) {
			this.values = values;
		}

		public String get(String name) {
			return values.get(name);
		}

		/** All values, in declaration order (for provenance). */
		public Map<String, String> all() {
			return values;
		}

		public boolean has(String name) {
			String v = values.get(name);
			return v != null && !v.isEmpty();
		}

		public Path path(String name) {
			return has(name) ? Path.of(get(name)) : null;
		}

		public boolean flag(String name) {
			return Boolean.parseBoolean(get(name));
		}

		/** A number; empty gives NaN; text that is not a number is a usage error. */
		public double number(String name) {
			String v = get(name);
			if (v == null || v.isEmpty()) return Double.NaN;
			try {
				return Double.parseDouble(v);
			} catch (NumberFormatException e) {
				throw new UsageException("--" + name + " must be a number, got '" + v + "'");
			}
		}

		/** A positive number, or NaN when empty. */
		public double positive(String name) {
			double d = number(name);
			if (!Double.isNaN(d) && !(d > 0 && Double.isFinite(d))) throw new UsageException("--" + name + " must be positive, got '" + get(name) + "'");
			return d;
		}

		public int integer(String name) {
			String v = get(name);
			try {
				return Integer.parseInt(v);
			} catch (NumberFormatException e) {
				throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
			}
		}

		/** One of the allowed words. */
		public String choice(String name, String... allowed) {
			String v = get(name);
			for (String a : allowed) if (a.equals(v)) return v;
			throw new UsageException("--" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
		}
	}
}
