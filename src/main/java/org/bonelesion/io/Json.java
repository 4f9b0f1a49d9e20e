package org.bonelesion.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Table;

/**
 * A small JSON writer and parser for provenance records, truth files and stage rules. Objects
 * are {@code Map<String, Object>} (insertion-ordered), arrays {@code List<Object>}, numbers
 * {@code Double} or {@code Long}, plus String, Boolean and null.
 */
public final class Json {

	private Json() {}

	/** Pretty-printed JSON text of a value. */
	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, 0);
		sb.append('\n');
		return sb.toString();
	}

	private static void write(StringBuilder sb, Object v, int indent) {
		if (v == null) {
			sb.append("null");
		} else if (v instanceof String s) {
			string(sb, s);
		} else if (v instanceof Boolean b) {
			sb.append(b);
		} else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (Double.isFinite(d)) sb.append(Table.format(d));
			else sb.append("null");
		} else if (v instanceof Number n) {
			sb.append(n.toString());
		} else if (v instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(sb, indent + 1);
				string(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				write(sb, e.getValue(), indent + 1);
				if (++i < m.size()) sb.append(',');
				sb.append('\n');
			}
			pad(sb, indent);
			sb.append('}');
		} else if (v instanceof Iterable<?> it) {
			List<Object> list = new ArrayList<>();
			it.forEach(list::add);
			if (list.isEmpty()) {
				sb.append("[]");
				return;
			}
			boolean simple = list.stream().allMatch(o -> o == null || o instanceof Number || o instanceof Boolean);
			if (simple) {
				sb.append('[');
				for (int i = 0; i < list.size(); i++) {
					if (i > 0) sb.append(", ");
					write(sb, list.get(i), indent);
				}
				sb.append(']');
				return;
			}
			sb.append("[\n");
			for (int i = 0; i < list.size(); i++) {
				pad(sb, indent + 1);
				write(sb, list.get(i), indent + 1);
				if (i + 1 < list.size()) sb.append(',');
				sb.append('\n');
			}
			pad(sb, indent);
			sb.append(']');
		} else if (v instanceof double[] a) {
			List<Object> l = new ArrayList<>();
			for (double d : a) l.add(d);
			write(sb, l, indent);
		} else if (v instanceof int[] a) {
			List<Object> l = new ArrayList<>();
			for (int d : a) l.add(d);
			write(sb, l, indent);
		} else {
			string(sb, v.toString());
		}
	}

	private static void pad(StringBuilder sb, int indent) {
		for (int i = 0; i < indent; i++) sb.append("  ");
	}

	private static void string(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				default -> {
					if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
					else sb.append(c);
				}
			}
		}
		sb.append('"');
	}

	/** Parses JSON text. */
	public static Object parse(String text) {
		Parser p = new Parser(text);
		p.skip();
		Object v = p.value();
		p.skip();
		if (p.pos != text.length()) throw p.error("unexpected text after the value");
		return v;
	}

	/** Parses JSON text that must be an object. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> parseObject(String text) {
		Object o = parse(text);
		if (!(o instanceof Map)) throw new IllegalArgumentException("JSON: expected an object at the top level");
		return (Map<String, Object>) o;
	}

	private static final class Parser {
		final String s;
		int pos;

		Parser(String s) {
			this.s = s;
		}

		IllegalArgumentException error(String what) {
			int line = 1;
			for (int i = 0; i < Math.min(pos, s.length()); i++) if (s.charAt(i) == '\n') line++;
			return new IllegalArgumentException("JSON line " + line + ": " + what);
		}

		void skip() {
			while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
		}

		Object value() {
			if (pos >= s.length()) throw error("unexpected end");
			char c = s.charAt(pos);
			switch (c) {
				case '{': return object();
				case '[': return array();
				case '"': return string();
				case 't': expect("true"); return Boolean.TRUE;
				case 'f': expect("false"); return Boolean.FALSE;
				case 'n': expect("null"); return null;
				default: return number();
			}
		}

		void expect(String word) {
			if (!s.startsWith(word, pos)) throw error("expected " + word);
			pos += word.length();
		}

		Map<String, Object> object() {
			Map<String, Object> m = new LinkedHashMap<>();
			pos++;
			skip();
			if (peek() == '}') {
				pos++;
				return m;
			}
			while (true) {
				skip();
				if (peek() != '"') throw error("expected a quoted key");
				String k = string();
				skip();
				if (peek() != ':') throw error("expected ':'");
				pos++;
				skip();
				m.put(k, value());
				skip();
				char c = peek();
				pos++;
				if (c == '}') return m;
				if (c != ',') throw error("expected ',' or '}'");
			}
		}

		List<Object> array() {
			List<Object> l = new ArrayList<>();
			pos++;
			skip();
			if (peek() == ']') {
				pos++;
				return l;
			}
			while (true) {
				skip();
				l.add(value());
				skip();
				char c = peek();
				pos++;
				if (c == ']') return l;
				if (c != ',') throw error("expected ',' or ']'");
			}
		}

		char peek() {
			if (pos >= s.length()) throw error("unexpected end");
			return s.charAt(pos);
		}

		String string() {
			StringBuilder sb = new StringBuilder();
			pos++;
			while (true) {
				char c = peek();
				pos++;
				if (c == '"') return sb.toString();
				if (c == '\\') {
					char e = peek();
					pos++;
					switch (e) {
						case 'n' -> sb.append('\n');
						case 't' -> sb.append('\t');
						case 'r' -> sb.append('\r');
						case 'b' -> sb.append('\b');
						case 'f' -> sb.append('\f');
						case 'u' -> {
							if (pos + 4 > s.length()) throw error("bad escape");
							sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
							pos += 4;
						}
						default -> sb.append(e);
					}
				} else {
					sb.append(c);
				}
			}
		}

		Object number() {
			int start = pos;
			while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) pos++;
			String t = s.substring(start, pos);
			if (t.isEmpty()) throw error("unexpected character '" + s.charAt(start) + "'");
			try {
				if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) return Long.parseLong(t);
				return Double.parseDouble(t);
			} catch (NumberFormatException e) {
				throw error("bad number '" + t + "'");
			}
		}
	}
}
