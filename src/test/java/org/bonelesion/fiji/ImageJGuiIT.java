package org.bonelesion.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;

import org.bonelesion.core.Analyses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain ImageJ 1.54 with its window on a virtual display (Xvfb; skipped when Xvfb is absent),
 * the built plugin jar in its plugins folder. {@link GuiDriver} opens Plugins &gt; Bone Lesion,
 * records Analyze Micro-CT through its real dialog with the macro recorder, and photographs
 * the menu and the Results window; this test checks the menu, replays the recorded line in a
 * headless ImageJ and compares it with the command line. Screenshots go to
 * {@code target/screenshots/}; with {@code -Dbonelesion.docs.images=true} (or when missing)
 * they are also copied to {@code docs/images/} for the README.
 */
class ImageJGuiIT {

	static final List<String> COMMANDS = List.of("Analyze Micro-CT", "Analyze Micro-CT Pair", "Analyze TRAP Section", "Count TRAP Culture", "Run Study",
		"Open Sample Study");

	static Process xvfb;
	static String display;
	static Path work;
	static ImageJInstall install;
	static ImageJInstall.Run driver;

	@BeforeAll
	static void startImageJOnAVirtualDisplay() throws Exception {
		boolean hasXvfb = ImageJInstall.onPath("Xvfb");
		if (!hasXvfb) System.out.println("ImageJGuiIT: SKIPPED: no Xvfb on the PATH (Debian: apt-get install xvfb)");
		Assumptions.assumeTrue(hasXvfb, "no Xvfb");
		for (int n = 90; n < 140 && display == null; n++) {
			if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) continue;
			Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			for (int i = 0; i < 50 && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) Thread.sleep(100);
			if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
				xvfb = p;
				display = ":" + n;
			} else {
				p.destroy();
			}
		}
		assertTrue(display != null, "could not start Xvfb on any display :90-:139");
		work = Files.createTempDirectory("bonelesion-gui-");
		// the real micro-CT analysis when this build has one, else the stand-in (machinery only)
		install = new ImageJInstall(work.resolve("imagej"), Analyses.forKind("ct") == null);
		String cp = ImageJInstall.IMAGEJ_JARS.resolve("ij.jar") + File.pathSeparator + ImageJInstall.TARGET.resolve("test-classes") + File.pathSeparator
			+ install.imageJClassPath();
		List<String> cmd = List.of(ImageJInstall.java(), "-Xmx2g", "-Dplugins.dir=" + install.home, "-cp", cp, GuiDriver.class.getName(),
			work.resolve("gui").toString());
		driver = ImageJInstall.run(cmd, work.resolve("gui-driver.log"), Map.of("DISPLAY", display), 300);
		System.out.println("ImageJGuiIT: ImageJ on Xvfb " + display + " with the " + (Analyses.forKind("ct") == null ? "stand-in" : "real")
			+ " micro-CT analysis; driver exit " + driver.exitCode());
	}

	@AfterAll
	static void stopXvfb() throws InterruptedException {
		if (xvfb != null) {
			xvfb.destroy();
			xvfb.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void pluginsBoneLesionListsEveryCommand() throws IOException {
		assertEquals(0, driver.exitCode(), driver.output());
		List<String> menu = new ArrayList<>();
		Map<String, String> commands = new LinkedHashMap<>();
		for (String line : Files.readAllLines(work.resolve("gui/menu.txt"))) {
			String[] f = line.split("\t");
			if (f[0].equals("menu")) menu.add(f[1]);
			if (f[0].equals("command")) commands.put(f[1], f[2]);
		}
		assertEquals(COMMANDS, menu, "the items of Plugins > Bone Lesion");
		assertEquals(COMMANDS.stream().sorted().toList(), new ArrayList<>(commands.keySet()), "Bone Lesion entries of ImageJ's command table");
		commands.values().forEach(cls -> assertTrue(cls.endsWith("Plugin"), cls));
	}

	@Test
	void screenshotsOfTheMenuAndTheResultsWindow() throws IOException {
		assertEquals(0, driver.exitCode(), driver.output());
		Path shots = ImageJInstall.TARGET.resolve("screenshots");
		Files.createDirectories(shots);
		for (String name : List.of("menu", "results")) {
			Path png = work.resolve("gui/" + name + ".png");
			BufferedImage img = ImageIO.read(png.toFile());
			assertTrue(img.getWidth() > 100 && img.getHeight() > 100, name + ".png is " + img.getWidth() + "x" + img.getHeight());
			assertTrue(distinctColours(img) > 8, name + ".png is blank");
			Files.copy(png, shots.resolve("fiji-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
			Path doc = Path.of("docs/images/fiji-" + name + ".png");
			if (Boolean.getBoolean("bonelesion.docs.images") || !Files.exists(doc)) {
				Files.createDirectories(doc.getParent());
				Files.copy(png, doc, StandardCopyOption.REPLACE_EXISTING);
			}
			System.out.println("ImageJGuiIT: screenshot " + shots.resolve("fiji-" + name + ".png") + " (" + Files.size(png) / 1024 + " kB)");
		}
	}

	static int distinctColours(BufferedImage img) {
		java.util.Set<Integer> seen = new java.util.HashSet<>();
		for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) seen.add(img.getRGB(x, y));
		return seen.size();
	}

	/** The options of a recorded {@code run("Analyze Micro-CT", "...")} line, key by key (a bare key, a ticked checkbox, maps to null). */
	static Map<String, String> options(String recorded) {
		Map<String, String> out = new LinkedHashMap<>();
		Matcher m = Pattern.compile("([A-Za-z][\\w.-]*)(?:=(\\[[^\\]]*\\]|\\S+))?").matcher(recorded);
		while (m.find()) {
			String v = m.group(2);
			out.put(m.group(1), v == null ? null : v.startsWith("[") ? v.substring(1, v.length() - 1) : v);
		}
		return out;
	}

	@Test
	void theRecordedLineReplaysHeadlessToTheCommandLinesResult() throws Exception {
		assertEquals(0, driver.exitCode(), driver.output());
		String text = Files.readString(work.resolve("gui/recorded.txt"));
		Matcher line = Pattern.compile("run\\(\"Analyze Micro-CT\", \"([^\"]*)\"\\);").matcher(text);
		assertTrue(line.find(), "the recorder wrote no Analyze Micro-CT line:\n" + text);
		String recorded = line.group(0);
		Map<String, String> opts = options(line.group(1));
		Path out = Path.of(opts.get("out"));
		assertTrue(line.group(1).contains("out=[" + out + "]"), "a path with a space is recorded in [brackets]: " + recorded);
		assertEquals("V1", opts.get("name"));
		// what the dialog itself produced
		Path guiOut = work.resolve("gui-out");
		Files.move(out, guiOut);
		// the recorded line, replayed in a headless ImageJ (ij1-patcher), writes the same files again
		Path macro = work.resolve("replay.ijm");
		Files.writeString(macro, recorded + "\n");
		ImageJInstall.Run replay = install.headlessMacro(macro, "", work.resolve("replay.log"));
		assertEquals(0, replay.exitCode(), replay.output());
		// the command line with the same options
		List<String> cli = new ArrayList<>(List.of("ct", "--input", opts.get("input"), "--out", work.resolve("cli-out").toString(), "--name", "V1"));
		for (var e : opts.entrySet()) {
			if (List.of("input", "out", "name").contains(e.getKey())) continue;
			if (e.getKey().equals("voxel")) {
				if (!e.getValue().isEmpty()) cli.addAll(List.of("--voxel-um", e.getValue()));
			} else if (e.getValue() == null) {
				cli.add("--" + e.getKey());
			} else if (!e.getValue().isEmpty()) { // an empty field is an option left at its default
				cli.addAll(List.of("--" + e.getKey(), e.getValue()));
			}
		}
		ImageJInstall.Run c = install.cli(work.resolve("cli.log"), cli.toArray(new String[0]));
		assertEquals(0, c.exitCode(), c.output());
		int n = ImageJInstall.assertSameCsvFiles(work.resolve("cli-out"), guiOut);
		ImageJInstall.assertSameCsvFiles(work.resolve("cli-out"), out);
		System.out.println("ImageJGuiIT: recorded " + recorded + "\n  dialog, headless replay and ./bonelesion " + String.join(" ", cli) + ": " + n
			+ " CSV file(s) equal");
	}
}
