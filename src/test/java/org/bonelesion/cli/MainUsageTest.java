package org.bonelesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2 with a message; --help exits 0. */
class MainUsageTest {

	record Result(int code, String out, String err) {}

	static Result run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	@Test
	void noArgumentsPrintsUsageAndExits2() {
		Result r = run();
		assertEquals(2, r.code);
		assertTrue(r.err.contains("Usage: ./bonelesion <command>"), r.err);
	}

	@Test
	void unknownCommandExits2() {
		Result r = run("frobnicate");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("unknown command 'frobnicate'"), r.err);
	}

	@Test
	void unknownOptionExits2WithUsage() {
		Result r = run("ct", "--input", "x.tif", "--out", "o", "--bogus", "1");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("unknown option --bogus"), r.err);
		assertTrue(r.err.contains("--voxel-um"), r.err);
	}

	@Test
	void missingRequiredOptionExits2() {
		Result r = run("histo", "--out", "o");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("missing required option --input"), r.err);
	}

	@Test
	void notANumberExits2() {
		Result r = run("ct", "--input", "x.tif", "--out", "o", "--voxel-um", "ten");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("--voxel-um must be a number"), r.err);
	}

	@Test
	void helpListsOptionsWithDefaultsAndUnits() {
		Result r = run("ct", "--help");
		assertEquals(0, r.code);
		assertTrue(r.out.contains("--voxel-um"), r.out);
		assertTrue(r.out.contains("unit um"), r.out);
		Result top = run("--help");
		assertEquals(0, top.code);
		assertTrue(top.out.contains("ct") && top.out.contains("histo"), top.out);
	}
}
