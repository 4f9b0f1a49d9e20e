package org.bonelesion.fiji;

import ij.ImagePlus;
import ij.WindowManager;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Options;
import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.ErrorLog;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.command.DynamicCommandInfo;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * The SciJava face of one analysis. Its inputs carry the same names as the ImageJ 1.x
 * plugin's keys ({@code input}, {@code out}, {@code name}, {@code voxel} or {@code pixel},
 * then the analysis's own options, added from its {@link Options}), so that a recorded macro
 * line means the same in both. Runs the shared {@link AnalysisJob}; headless-safe.
 */
public abstract class AnalysisCommand extends DynamicCommand {

	/** The user's image (Fiji fills in the active image); null to use {@code input}. */
	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "input (a file or folder; empty: the current image)", required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File input;

	@Parameter(label = "out (results folder; empty: a temporary folder)", required = false, persist = false, style = FileWidget.DIRECTORY_STYLE)
	private File out;

	@Parameter(label = "name (specimen; empty: the image's name)", required = false, persist = false)
	private String name;

	@Parameter(required = false)
	private StatusService status;

	private boolean inputsAdded;
	private AnalysisJob.Outcome outcome;
	private String failure;
	private Analysis analysis;

	/** The design.csv kind of the analysis: ct, histo or culture. */
	protected abstract String kind();

	/** The menu command, e.g. {@code Analyze Micro-CT}. */
	protected abstract String command();

	/** True for the paired micro-CT analysis, which needs a baseline. */
	protected boolean paired() {
		return false;
	}

	/** The analysis to run; the registered one of {@link #kind()}. */
	protected Analysis analysis() {
		return AnalysisJob.analysis(kind());
	}

	private String sizeKey() {
		return kind().equals("ct") ? "voxel" : "pixel";
	}

	/**
	 * The command's inputs, with the analysis's own options added the first time anyone asks.
	 * SciJava assigns a {@code CommandService.run(..., map)} map, and Fiji the keys of a macro
	 * line, by looking the names up here before the command is initialised or its context is
	 * set; adding them lazily in this method (and nowhere else) means they always exist by then.
	 */
	@Override
	public DynamicCommandInfo getInfo() {
		DynamicCommandInfo info = super.getInfo();
		if (!inputsAdded) {
			inputsAdded = true;
			addAnalysisInputs();
		}
		return info;
	}

	private void addAnalysisInputs() {
		if (paired()) {
			MutableModuleItem<File> b = addInput("baseline", File.class);
			b.setLabel("baseline (the earlier or contralateral scan)");
			b.setRequired(false);
			b.setPersisted(false);
		}
		MutableModuleItem<Double> size = addInput(sizeKey(), Double.class);
		// SciJava fills an unset number with its default before run(): 0 stands for "not given"
		size.setLabel(sizeKey() + " (um; 0: the image's calibration)");
		size.setDefaultValue(0.0);
		size.setRequired(false);
		size.setPersisted(false);
		try {
			analysis = analysis();
			OptionItems.add(this, analysis.options().specs(), Map.of());
		} catch (UserInputException e) {
			failure = e.getMessage(); // reported when run
		}
	}

	@Override
	public void run() {
		getInfo();
		if (analysis == null) {
			fail(failure != null ? failure : "this Bone Lesion build has no '" + kind() + "' analysis installed");
			return;
		}
		ImagePlus img = image;
		if (img == null && input == null) img = WindowManager.getCurrentImage();
		if (input != null) img = null;
		Object sizeValue = getInput(sizeKey());
		double size = sizeValue instanceof Number n && n.doubleValue() != 0 ? n.doubleValue() : Double.NaN;
		File baseline = paired() ? (File) getInput("baseline") : null;
		if (paired() && baseline == null) {
			fail("give the baseline scan (baseline=<file or folder>)");
			return;
		}
		List<Options.Spec> specs = analysis.options().specs();
		SciJavaProgress progress = new SciJavaProgress(status, command() + ": ");
		try {
			outcome = AnalysisJob.run(new AnalysisJob.Settings(analysis, img, input == null ? null : input.toPath(),
				baseline == null ? null : baseline.toPath(), out == null ? null : out.toPath(), name, size, OptionItems.read(this, specs)), progress);
			ImageJUi.show(outcome);
			ImageJUi.log(command(), outcome.specimen() + ": results in " + outcome.outDir());
		} catch (CancelledException e) {
			ImageJUi.log(command(), "cancelled");
			cancel(null);
		} catch (Exception | OutOfMemoryError e) {
			fail((input == null ? "" : input + ": ") + ErrorLog.describe(e));
		} finally {
			progress.done();
		}
	}

	/** Cancels with a message: logged inside a macro or headless, a dialog otherwise (never both). */
	private void fail(String message) {
		failure = message;
		ImageJUi.error(command(), message);
		cancel(null);
	}

	/** The summary of the last run, or null if it did not run to the end. */
	public Table summary() {
		return outcome == null ? null : outcome.summary();
	}

	/** What the last run produced, or null. */
	public AnalysisJob.Outcome outcome() {
		return outcome;
	}

	/** Why the last run stopped, or null. */
	public String failure() {
		return outcome != null ? null : failure;
	}
}
