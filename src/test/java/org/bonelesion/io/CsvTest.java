package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

	@TempDir
	Path dir;

	@Test
	void writesHeadersWithUnitsAndQuotesText() throws Exception {
		Table t = new Table();
		t.addRow().put("Specimen", "a,b \"x\"").put("TV", "mm^3", 2.25).put("BV/TV", "%", 12.5);
		Path f = dir.resolve("summary.csv");
		Csv.write(t, f);
		assertEquals("Specimen,TV (mm^3),BV/TV (%)\n\"a,b \"\"x\"\"\",2.25,12.5\n", Files.readString(f));
	}

	@Test
	void readsBackWhatItWrote() throws Exception {
		Table t = new Table();
		t.addRow().put("File", "x.tif").put("Message", "line one\nline \"two\", here");
		t.addRow().put("File", "y.tif").put("Message", "");
		Path f = dir.resolve("t.csv");
		Csv.write(t, f);
		Csv.Parsed p = Csv.read(f);
		assertEquals(List.of("File", "Message"), p.headers());
		assertEquals("line one\nline \"two\", here", p.rows().get(0).get("Message"));
		assertEquals("y.tif", p.rows().get(1).get("File"));
		assertEquals(2, p.rows().size());
	}

	@Test
	void raggedRowIsAClearError() throws Exception {
		Path f = dir.resolve("bad.csv");
		Files.writeString(f, "A,B\n1,2,3\n");
		UserInputException e = assertThrows(UserInputException.class, () -> Csv.read(f));
		assertTrue(e.getMessage().contains("line 2"), e.getMessage());
	}

	@Test
	void writingIsAtomicNoPartFileLeft() throws Exception {
		Table t = new Table();
		t.addRow().put("A", 1);
		Csv.write(t, dir.resolve("a.csv"));
		try (var s = Files.list(dir)) {
			assertEquals(List.of("a.csv"), s.map(p -> p.getFileName().toString()).toList());
		}
	}
}
