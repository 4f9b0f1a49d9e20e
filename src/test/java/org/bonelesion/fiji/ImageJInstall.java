package org.bonelesion.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bonelesion.io.Csv;

/**
 * A real ImageJ 1.x installation for the integration tests, made of what {@code mvn package}
 * built: {@code target/imagej/} (ij, ij1-patcher, javassist, classgraph), the plugin jar
 * {@code target/Bone_Lesion-<version>.jar} (never the classes folder) copied into a plugins
 * folder, and its runtime dependencies from {@code target/classpath.txt}. Runs ImageJ and the
 * command line in child JVMs over the same jar.
 *
 * <p>With {@code tiny}, the stand-in {@link TinyAnalysis} analyses are registered first on the
 * class path (a services file in a temporary folder, never in src/main), so that the whole
 * Fiji machinery can be exercised while the real analyses are still missing.
 */
final class ImageJInstall {

	/** What a child JVM did. */
	record Run(int exitCode, String output) {}

	static final Path TARGET = Path.of("target").toAbsolutePath();
	static final Path IMAGEJ_JARS = TARGET.resolve("imagej");

	final Path home;
	final Path plugins;
	final Path jar;
	private final List<String> classPath = new ArrayList<>();

	/**
	 * Makes an ImageJ folder {@code home} with {@code plugins/Bone_Lesion-<version>.jar}.
	 *
	 * @param tiny register the stand-in analyses ahead of the real ones
	 */
	ImageJInstall(Path home, boolean tiny) throws IOException {
		this.home = home;
		this.plugins = home.resolve("plugins");
		Files.createDirectories(plugins);
		Path built = pluginJar();
		this.jar = plugins.resolve(built.getFileName());
		Files.copy(built, jar);
		if (tiny) {
			Path services = home.resolve("tiny-services");
			Files.createDirectories(services.resolve("META-INF/services"));
			Files.writeString(services.resolve("META-INF/services/org.bonelesion.core.Analysis"),
				TinyAnalysis.Ct.class.getName() + "\n" + TinyAnalysis.Histo.class.getName() + "\n" + TinyAnalysis.Culture.class.getName() + "\n");
			classPath.add(services.toString());
			classPath.add(TARGET.resolve("test-classes").toString());
		}
		classPath.add(jar.toString());
		for (String entry : Files.readString(TARGET.resolve("classpath.txt")).trim().split(File.pathSeparator)) {
			if (!entry.isBlank() && !entry.contains("/net/imagej/ij/")) classPath.add(entry);
		}
	}

	/** The jar {@code mvn package} built (not the sources or tests jar). */
	static Path pluginJar() throws IOException {
		try (Stream<Path> files = Files.list(TARGET)) {
			return files.filter(p -> p.getFileName().toString().matches("Bone_Lesion-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no target/Bone_Lesion-*.jar: run 'mvn package' (or verify) first"));
		}
	}

	/** ImageJ's own jars followed by the plugin jar and its dependencies. */
	String imageJClassPath() {
		List<String> cp = new ArrayList<>();
		for (String j : new String[] { "ij.jar", "ij1-patcher.jar", "javassist.jar", "classgraph.jar" }) cp.add(IMAGEJ_JARS.resolve(j).toString());
		cp.addAll(classPath);
		return String.join(File.pathSeparator, cp);
	}

	/** ij.jar, then the plugin jar and its dependencies (for the command line). */
	String cliClassPath() {
		List<String> cp = new ArrayList<>(classPath);
		cp.add(IMAGEJ_JARS.resolve("ij.jar").toString());
		return String.join(File.pathSeparator, cp);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Runs a macro headless in plain ImageJ 1.x through ij1-patcher, exactly as docs/fiji.md
	 * tells users to: {@code ij.ImageJ -batch macro argument}.
	 */
	Run headlessMacro(Path macro, String argument, Path log) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx3g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
			"-javaagent:" + IMAGEJ_JARS.resolve("ij1-patcher.jar") + "=init", "-Djava.awt.headless=true", "-Dplugins.dir=" + home, "-cp",
			imageJClassPath(), "ij.ImageJ", "-batch", macro.toString(), argument));
		return run(cmd, log, Map.of(), 600);
	}

	/** Runs {@code ./bonelesion args...} (org.bonelesion.cli.Main) over the same jar. */
	Run cli(Path log, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx3g", "-Djava.awt.headless=true", "-cp", cliClassPath(), "org.bonelesion.cli.Main"));
		cmd.addAll(List.of(args));
		return run(cmd, log, Map.of(), 600);
	}

	/** Runs a command, output (stdout and stderr) into {@code log}; fails the test on a time-out. */
	static Run run(List<String> cmd, Path log, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().putAll(env);
		Process p = pb.start();
		if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + Files.readString(log));
		}
		return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	/** True when the program is on the PATH. */
	static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, program))) return true;
		}
		return false;
	}

	/** Two CSV files hold the same headers and the same cells, row by row (the same numbers, to the last digit written). */
	static void assertSameCsv(Path expected, Path actual) {
		assertTrue(Files.isRegularFile(expected), "missing " + expected);
		assertTrue(Files.isRegularFile(actual), "missing " + actual);
		Csv.Parsed e = Csv.read(expected);
		Csv.Parsed a = Csv.read(actual);
		assertEquals(e.headers(), a.headers(), "headers of " + actual + " vs " + expected);
		assertEquals(e.rows().size(), a.rows().size(), "rows of " + actual + " vs " + expected);
		for (int r = 0; r < e.rows().size(); r++) {
			assertEquals(e.rows().get(r), a.rows().get(r), "row " + (r + 1) + " of " + actual + " vs " + expected);
		}
	}

	/** Every CSV the command line wrote in a results folder (but errors.csv) is there, the same, in the macro's folder. */
	static int assertSameCsvFiles(Path cliDir, Path macroDir) throws IOException {
		int n = 0;
		try (Stream<Path> files = Files.list(cliDir)) {
			for (Path f : files.filter(f -> f.toString().endsWith(".csv") && !f.getFileName().toString().equals("errors.csv")).sorted().toList()) {
				assertSameCsv(f, macroDir.resolve(f.getFileName()));
				n++;
			}
		}
		return n;
	}
}
