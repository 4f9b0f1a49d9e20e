package org.bonelesion.io;

import java.io.IOException;
import java.nio.file.Path;

import org.bonelesion.core.Table;

/**
 * {@code errors.csv}: one row per input that could not be analysed, with a message a person
 * understands, while every other input goes on. Written even when empty, so that a script can
 * always read it.
 */
public final class ErrorLog {

	private final Table table = new Table().column("File", null).column("Specimen", null).column("Message", null);

	/** Records a failure. */
	public synchronized void add(String file, String specimen, String message) {
		table.addRow().put("File", file).put("Specimen", specimen == null ? "" : specimen).put("Message", message);
	}

	public synchronized int count() {
		return table.size();
	}

	public synchronized Table table() {
		return table;
	}

	/** Writes errors.csv into the folder. */
	public synchronized void write(Path dir) throws IOException {
		Csv.write(table, dir.resolve("errors.csv"));
	}

	/** A message for a failure: the user's own message, or the exception's class and text for a bug. */
	public static String describe(Throwable e) {
		if (e instanceof org.bonelesion.core.UserInputException) return e.getMessage();
		if (e instanceof OutOfMemoryError) {
			return "out of memory: give Java more memory (the launcher's BONELESION_HEAP, or Fiji's Edit > Options > Memory)";
		}
		String m = e.getMessage();
		return "internal error (" + e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + "); please report it with provenance.json";
	}
}
