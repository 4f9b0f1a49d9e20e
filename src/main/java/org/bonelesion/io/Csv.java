package org.bonelesion.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;

/** Reads and writes comma-separated tables (RFC 4180 quoting, UTF-8, header row first). */
public final class Csv {

	private Csv() {}

	/** The table as CSV text. */
	public static String toCsv(Table table) {
		StringBuilder sb = new StringBuilder();
		appendLine(sb, table.headers());
		for (Table.Row r : table.rows()) appendLine(sb, r.cells());
		return sb.toString();
	}

	/** Writes the table atomically. */
	public static void write(Table table, Path file) throws IOException {
		AtomicFiles.writeString(file, toCsv(table));
	}

	private static void appendLine(StringBuilder sb, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) sb.append(',');
			sb.append(quote(cells.get(i)));
		}
		sb.append('\n');
	}

	/** Quotes a cell if it holds a comma, quote or line break. */
	public static String quote(String s) {
		if (s == null) return "";
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/** A parsed CSV file: headers and rows (each a map from header to cell text). */
	public record Parsed(List<String> headers, List<Map<String, String>> rows) {}

	/** Reads a CSV file. A missing file or a ragged row is a {@link UserInputException}. */
	public static Parsed read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
		} catch (UncheckedIOException e) {
			throw new UserInputException("cannot read " + file + " as UTF-8 text", e);
		}
		if (text.startsWith("\uFEFF")) text = text.substring(1);
		List<List<String>> lines = parse(text);
		if (lines.isEmpty()) throw new UserInputException(file.getFileName() + " is empty: it needs a header row");
		List<String> headers = new ArrayList<>();
		for (String h : lines.get(0)) headers.add(h.trim());
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			List<String> cells = lines.get(i);
			if (cells.size() == 1 && cells.get(0).isBlank()) continue;
			if (cells.size() > headers.size()) {
				throw new UserInputException(file.getFileName() + " line " + (i + 1) + " has " + cells.size()
					+ " cells but the header has " + headers.size());
			}
			Map<String, String> row = new LinkedHashMap<>();
			for (int c = 0; c < headers.size(); c++) row.put(headers.get(c), c < cells.size() ? cells.get(c).trim() : "");
			rows.add(row);
		}
		return new Parsed(headers, rows);
	}

	/** Splits CSV text into rows of cells. */
	static List<List<String>> parse(String text) {
		List<List<String>> out = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			any = true;
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					} else {
						quoted = false;
					}
				} else {
					cell.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			} else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
				row.add(cell.toString());
				cell.setLength(0);
				out.add(row);
				row = new ArrayList<>();
				any = false;
			} else {
				cell.append(c);
			}
		}
		if (any) {
			row.add(cell.toString());
			out.add(row);
		}
		return out;
	}
}
