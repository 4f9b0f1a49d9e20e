package org.bonelesion.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Python script with Debian's python3 to write reference files; tests skip when it or a module is absent. */
final class PythonPeer {

	static final Path PYTHON = Path.of("/usr/bin/python3");

	private PythonPeer() {}

	/** Skips the test unless /usr/bin/python3 can import all the modules. */
	static void assumeModules(String... modules) {
		assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
		String code = "import " + String.join(", ", modules);
		assumeTrue(run(code, List.of(), false) == 0, "python3 lacks one of " + String.join(", ", modules));
	}

	/** Runs the script with args; fails the test if it fails. */
	static void runScript(String script, String... args) {
		int rc = run(script, List.of(args), true);
		if (rc != 0) throw new AssertionError("python script failed with code " + rc);
	}

	private static int run(String script, List<String> args, boolean report) {
		List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
		cmd.addAll(args);
		try {
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return -1;
			}
			if (p.exitValue() != 0 && report) System.err.println(new String(out, StandardCharsets.UTF_8));
			return p.exitValue();
		} catch (IOException e) {
			return -1;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}
}
