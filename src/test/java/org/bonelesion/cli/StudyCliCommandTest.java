package org.bonelesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.io.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study command through the real entry point. */
class StudyCliCommandTest {

	@Test
	void helpListsEveryOption() {
		MainUsageTest.Result r = MainUsageTest.run("study", "--help");
		assertEquals(0, r.code());
		for (String o : new String[] { "--input", "--out", "--control", "--stages", "--force", "--threads" }) assertTrue(r.out().contains(o), o);
	}

	@Test
	void badUsageExits2() {
		assertEquals(2, MainUsageTest.run("study", "--input", "x").code());
		MainUsageTest.Result r = MainUsageTest.run("study", "--input", "x", "--out", "y", "--threads", "0");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("--threads must be at least 1"), r.err());
	}

	@Test
	void missingDesignExits1WithErrorsCsv(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("out");
		MainUsageTest.Result r = MainUsageTest.run("study", "--input", tmp.toString(), "--out", out.toString());
		assertEquals(1, r.code());
		assertTrue(Csv.read(out.resolve("errors.csv")).rows().get(0).get("Message").contains("has no design.csv"));
	}

	@Test
	void unknownKindIsAnErrorRowAndTheStudyStillWritesItsFiles(@TempDir Path tmp) throws Exception {
		Files.writeString(tmp.resolve("a.txt"), "x");
		Files.writeString(tmp.resolve("design.csv"), "File,Specimen,Group,Timepoint,Kind,Baseline\na.txt,m1,vehicle,d1,pet,\n");
		Path out = tmp.resolve("out");
		MainUsageTest.Result r = MainUsageTest.run("study", "--input", tmp.toString(), "--out", out.toString());
		assertEquals(1, r.code());
		assertTrue(Csv.read(out.resolve("errors.csv")).rows().get(0).get("Message").contains("unknown Kind 'pet'"));
		for (String f : new String[] { "specimens.csv", "groups.csv", "comparisons.csv", "report.html" }) assertTrue(Files.isRegularFile(out.resolve(f)), f);
	}
}
