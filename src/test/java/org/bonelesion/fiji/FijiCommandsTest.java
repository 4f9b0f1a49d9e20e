package org.bonelesion.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Analyses;
import org.bonelesion.core.Table;
import org.bonelesion.io.Csv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * The SciJava commands run headless through a real SciJava context, over the stand-in
 * analyses: values on a phantom whose answer is known, units in the headers, and one test per
 * kind of bad input (message, nothing written).
 */
class FijiCommandsTest {

	static Context context;
	static CommandService commands;

	@TempDir
	Path tmp;

	@BeforeAll
	static void start() {
		// SciJava loads plugin classes through the context class loader: make it the tests' own
		Thread.currentThread().setContextClassLoader(FijiCommandsTest.class.getClassLoader());
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** 20 x 10 x 4 voxels, 16-bit; a 5 x 10 x 4 block at 1000, the rest 0; 10 um isotropic when calibrated. */
	static ImagePlus phantom(boolean calibrated) {
		ImageStack st = new ImageStack(20, 10);
		for (int z = 0; z < 4; z++) {
			ShortProcessor sp = new ShortProcessor(20, 10);
			for (int y = 0; y < 10; y++) for (int x = 0; x < 5; x++) sp.set(x, y, 1000);
			st.addSlice(sp);
		}
		ImagePlus imp = new ImagePlus("mouse 7.tif", st);
		if (calibrated) {
			imp.getCalibration().setUnit("um");
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = imp.getCalibration().pixelDepth = 10;
		}
		return imp;
	}

	/**
	 * Runs a command as SciJava would once its inputs are assigned: context (which adds the
	 * option inputs), inputs by name, run. (CommandService.run assigns inputs before the
	 * dynamic ones exist in this SciJava version; Fiji's macro path is checked in the ImageJ test.)
	 */
	static <C extends org.scijava.command.DynamicCommand> C run(Class<C> type, Object... inputs) throws ReflectiveOperationException {
		C c = type.getConstructor().newInstance();
		c.setContext(context);
		for (int i = 0; i < inputs.length; i += 2) c.setInput((String) inputs[i], inputs[i + 1]);
		c.run();
		return c;
	}

	@Test
	void microCtOnTheOpenImageGivesTheClosedFormVolumesWithUnits() throws Exception {
		Path out = tmp.resolve("out");
		TinyCommands.Ct c = run(TinyCommands.Ct.class, "image", phantom(true), "out", out.toFile(), "threshold", 500.0);
		assertNull(c.failure());
		Table.Row row = c.summary().rows().get(0);
		// 200 bone voxels of (0.01 mm)^3 = 2e-4 mm^3 of 800 voxels: exact up to double rounding
		assertEquals(2e-4, row.getDouble("BV (mm^3)"), 1e-15);
		assertEquals(8e-4, row.getDouble("TV (mm^3)"), 1e-15);
		assertEquals(25.0, row.getDouble("BV/TV (%)"), 1e-12);
		assertEquals("mouse 7", row.get("Specimen"));
		Csv.Parsed csv = Csv.read(out.resolve("summary.csv"));
		assertTrue(csv.headers().contains("BV (mm^3)"), csv.headers().toString());
		assertEquals(out.resolve("labels.tif"), c.outcome().picture());
	}

	@Test
	void optionsReachTheAnalysisUnderTheirOwnNames() throws Exception {
		TinyCommands.Ct c = run(TinyCommands.Ct.class, "image", phantom(true), "out", tmp.toFile(), "threshold", 500.0, "invert", true);
		assertEquals(75.0, c.summary().rows().get(0).getDouble("BV/TV (%)"), 1e-12);
		c = run(TinyCommands.Ct.class, "image", phantom(true), "out", tmp.toFile(), "threshold", 1500.0, "method", "half");
		assertEquals(25.0, c.summary().rows().get(0).getDouble("BV/TV (%)"), 1e-12);
	}

	/**
	 * The way Fiji and scripts run a command: {@code ModuleService.run(info, process, map)} (what
	 * {@code CommandService.run(class, process, map)} does; it returns null for a
	 * DynamicCommand, so the test asks the ModuleService for the module).
	 * SciJava assigns the map before the command is initialised, so the analysis's option
	 * inputs must already exist then; each key must reach the analysis (threshold, invert,
	 * the voxel size), none may be dropped as "unmatched".
	 */
	@Test
	void commandServiceRunPassesEveryKeyToTheAnalysis() throws Exception {
		Object module = runModule(TinyCommands.Ct.class, Map.of("image", phantom(false), "out", tmp.toFile(), "threshold", 500.0, "invert",
			true, "voxel", 20.0));
		TinyCommands.Ct c = (TinyCommands.Ct) ((org.scijava.module.Module) module).getDelegateObject();
		assertNull(c.failure());
		Table.Row row = c.summary().rows().get(0);
		// inverted: the 600 voxels below 500 of 800; 20 um voxels (8e-6 mm^3 each): exact up to rounding
		assertEquals(75.0, row.getDouble("BV/TV (%)"), 1e-12);
		assertEquals(600 * 8e-6, row.getDouble("BV (mm^3)"), 1e-15);
		module = runModule(TinyCommands.Ct.class, Map.of("image", phantom(true), "out", tmp.toFile(), "method", "magic"));
		c = (TinyCommands.Ct) ((org.scijava.module.Module) module).getDelegateObject();
		assertEquals("method must be one of fixed, half, got 'magic'", c.failure());
	}

	static Object runModule(Class<? extends Command> type, Map<String, Object> inputs) throws Exception {
		return context.service(org.scijava.module.ModuleService.class).run(commands.getCommand(type), true, inputs).get();
	}

	/** The study command takes its keys from a CommandService map too. */
	@Test
	void commandServiceRunPassesTheStudyKeys() throws Exception {
		Object module = runModule(RunStudyCommand.class, Map.of("input", tmp.resolve("nowhere").toFile(), "out", tmp.toFile()));
		RunStudyCommand c = (RunStudyCommand) ((org.scijava.module.Module) module).getDelegateObject();
		assertTrue(c.failure().contains("does not exist"), c.failure());
	}

	/**
	 * Fiji shows each command once: its legacy layer gives a SciJava command whose menu leaf has
	 * the name of an ImageJ 1.x command the existing menu item (and the command-table entry), so
	 * the two layers must agree exactly on path and name. Another path would make two items.
	 */
	@Test
	void sciJavaMenuPathsEqualTheImageJ1Entries() throws IOException {
		List<String> ij1 = new ArrayList<>();
		try (InputStream in = AnalysisPlugin.class.getResourceAsStream("/plugins.config")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.startsWith("#") || line.isBlank()) continue;
				String[] parts = line.split(",");
				ij1.add(parts[0].trim().replace(">", " > ") + " > " + parts[1].trim().replace("\"", ""));
			}
		}
		List<String> scijava = new ArrayList<>();
		for (CommandInfo info : commands.getCommands()) {
			if (info.getClassName().startsWith("org.bonelesion.fiji.") && info.getMenuPath() != null && !info.getMenuPath().isEmpty()) {
				scijava.add(info.getMenuPath().getMenuString());
			}
		}
		assertEquals(ij1.stream().sorted().toList(), scijava.stream().sorted().toList());
	}

	@Test
	void anUncalibratedImageIsRefusedUnlessTheVoxelSizeIsGiven() throws Exception {
		Path out = tmp.resolve("out");
		TinyCommands.Ct c = run(TinyCommands.Ct.class, "image", phantom(false), "out", out.toFile());
		assertNull(c.summary());
		assertTrue(c.failure().contains("has no voxel size") && c.failure().contains("Image > Properties"), c.failure());
		assertFalse(Files.exists(out.resolve("summary.csv")));
		c = run(TinyCommands.Ct.class, "image", phantom(false), "out", out.toFile(), "voxel", 20.0);
		assertEquals(200 * 8e-6, c.summary().rows().get(0).getDouble("BV (mm^3)"), 1e-15);
	}

	@Test
	void badValuesAndWrongImagesAreExplained() throws Exception {
		TinyCommands.Ct c = run(TinyCommands.Ct.class, "image", phantom(true), "out", tmp.toFile(), "method", "magic");
		assertEquals("method must be one of fixed, half, got 'magic'", c.failure());
		ImagePlus rgb = new ImagePlus("section", new ColorProcessor(8, 8));
		c = run(TinyCommands.Ct.class, "image", rgb, "out", tmp.toFile(), "voxel", 5.0);
		assertTrue(c.failure().contains("colour (RGB)"), c.failure());
		TinyCommands.Histo h = run(TinyCommands.Histo.class, "image", phantom(true), "out", tmp.toFile());
		assertTrue(h.failure().contains("grey-level image"), h.failure());
		c = run(TinyCommands.Ct.class, "input", tmp.resolve("missing.tif").toFile(), "out", tmp.toFile());
		assertTrue(c.failure().contains("does not exist"), c.failure());
	}

	@Test
	void withoutTheAnalysisTheCommandSaysSo() throws Exception {
		Assumptions.assumeTrue(Analyses.forKind("ct") == null, "a real micro-CT analysis is installed");
		AnalyzeMicroCtCommand c = run(AnalyzeMicroCtCommand.class, "image", phantom(true));
		assertEquals("this Bone Lesion build has no 'ct' analysis installed", c.failure());
	}

	@Test
	void studyCommandRunsTheStudyAndRecordsBadRows() throws Exception {
		Path study = tmp.resolve("study");
		Files.createDirectories(study);
		Files.writeString(study.resolve("design.csv"), "File,Specimen,Group,Timepoint,Kind,Baseline\nmissing.tif,m1,vehicle,d21,ct,\n");
		Path out = tmp.resolve("results");
		RunStudyCommand c = run(RunStudyCommand.class, "input", study.toFile(), "out", out.toFile());
		assertNull(c.failure());
		assertEquals(1, c.result().failed());
		assertTrue(Files.isRegularFile(out.resolve("errors.csv")));
		assertTrue(Files.readString(out.resolve("errors.csv")).contains("missing.tif"));
		c = run(RunStudyCommand.class, "input", tmp.resolve("nowhere").toFile(), "out", out.toFile());
		assertTrue(c.failure().contains("does not exist"), c.failure());
		c = run(RunStudyCommand.class, "input", study.toFile(), "out", out.toFile(), "threads", 0.0);
		assertEquals("threads must be at least 1, got 0", c.failure());
	}

	/** Every command is in both menus, under the same name, and each name has a class of each layer. */
	@Test
	void bothMenusListEveryCommand() throws IOException {
		List<String> expected = List.of("Analyze Micro-CT", "Analyze Micro-CT Pair", "Analyze TRAP Section", "Count TRAP Culture", "Run Study",
			"Open Sample Study");
		List<String> scijava = new ArrayList<>();
		for (CommandInfo info : commands.getCommands()) {
			if (info.getMenuPath() != null && info.getMenuPath().getMenuString().startsWith("Plugins > Bone Lesion")) {
				scijava.add(info.getMenuPath().getLeaf().getName());
				assertTrue(info.getClassName().endsWith("Command"), info.getClassName());
			}
		}
		assertEquals(expected.stream().sorted().toList(), scijava.stream().sorted().toList());
		List<String> ij1 = new ArrayList<>();
		try (InputStream in = AnalysisPlugin.class.getResourceAsStream("/plugins.config")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.startsWith("#") || line.isBlank()) continue;
				String[] parts = line.split(",");
				assertEquals("Plugins>Bone Lesion", parts[0].trim());
				ij1.add(parts[1].trim().replace("\"", ""));
				String cls = parts[2].trim();
				assertTrue(cls.endsWith("Plugin"), cls);
				assertNotNull(Class.forName(cls).getConstructor().newInstance());
			}
		} catch (ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
		assertEquals(expected, ij1);
	}
}
