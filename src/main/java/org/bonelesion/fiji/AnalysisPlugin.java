package org.bonelesion.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import ij.util.Tools;

import java.nio.file.Path;
import java.util.Map;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.ErrorLog;

/**
 * The ImageJ 1.x face of one analysis: a dialog built from the analysis's options (so a
 * macro records {@code run("Analyze Micro-CT", "voxel=10 threshold=...")} with the option
 * names as keys), then the same {@link AnalysisJob} as the SciJava command.
 *
 * <p>Keys: {@code input} (a file or folder; empty: the current image), {@code baseline}
 * (paired micro-CT only), {@code out} (the results folder, as the command line's {@code --out};
 * empty: a temporary folder), {@code name} (the specimen), {@code voxel} or {@code pixel}
 * (micrometres; prefilled from the image's calibration, asked for when it has none), then the
 * analysis's own options.
 */
public abstract class AnalysisPlugin implements PlugIn {

	/** The design.csv kind of the analysis: ct, histo or culture. */
	protected abstract String kind();

	/** The menu command, e.g. {@code Analyze Micro-CT}. */
	protected abstract String command();

	/** True for the paired micro-CT analysis, which asks for a baseline. */
	protected boolean paired() {
		return false;
	}

	/** The analysis to run; the registered one of {@link #kind()}. */
	protected Analysis analysis() {
		return AnalysisJob.analysis(kind());
	}

	/** In a macro, a failure before the dialog is read still reaches out=/errors.csv, for batch macros. */
	private static void recordFailure(String message) {
		String options = ij.Macro.getOptions();
		if (options == null) return;
		String out = ij.Macro.getValue(options, "out", "");
		if (!out.isEmpty()) write(Path.of(out), ij.Macro.getValue(options, "input", ""), ij.Macro.getValue(options, "name", ""), message);
	}

	private static void write(Path out, String input, String name, String message) {
		ErrorLog log = new ErrorLog();
		log.add(input, name, message);
		try {
			java.nio.file.Files.createDirectories(out);
			log.write(out);
		} catch (java.io.IOException e) {
			IJ.log("Bone Lesion: cannot write " + out.resolve("errors.csv") + ": " + e.getMessage());
		}
	}

	private void fail(String message) {
		ImageJUi.error(command(), message);
		recordFailure(message);
	}

	@Override
	public void run(String arg) {
		Analysis analysis;
		try {
			analysis = analysis();
		} catch (UserInputException e) {
			ImageJUi.error(command(), e.getMessage());
			recordFailure(e.getMessage());
			return;
		}
		ImagePlus image = WindowManager.getCurrentImage();
		String sizeKey = kind().equals("ct") ? "voxel" : "pixel";
		double own = AnalysisJob.calibrationUm(image);

		GenericDialog gd = new GenericDialog("Bone Lesion > " + command());
		gd.addStringField("input", "", 30);
		if (paired()) gd.addStringField("baseline", "", 30);
		gd.addStringField("out", "", 30);
		gd.addStringField("name", "", 16);
		// a text field: an empty number field records as "voxel=[]", which a headless replay cannot read as a number
		String ownText = Double.isNaN(own) ? "" : Table.format(own);
		gd.addStringField(sizeKey + " (um)", ownText, 10);
		gd.addMessage(image == null ? "input: the image file or folder (no image is open)"
			: "input: a file or folder; empty analyses '" + image.getTitle() + "'"
				+ (Double.isNaN(own) ? "\nThis image has no " + sizeKey + " size: enter it (Image > Properties sets it for good)" : ""));
		OptionFields.add(gd, analysis.options().specs());
		gd.showDialog();
		if (gd.wasCanceled()) return;
		String input = gd.getNextString().trim();
		String baseline = paired() ? gd.getNextString().trim() : "";
		String out = gd.getNextString().trim();
		String name = gd.getNextString().trim();
		String sizeText = gd.getNextString().trim();
		Map<String, String> values = OptionFields.read(gd, analysis.options().specs());

		if (paired() && baseline.isEmpty()) {
			ImageJUi.error(command(), "give the baseline scan (baseline=<file or folder>)");
			return;
		}
		double size = sizeText.isEmpty() || sizeText.equalsIgnoreCase("NaN") ? Double.NaN : Tools.parseDouble(sizeText);
		if (Double.isNaN(size) && !sizeText.isEmpty() && !sizeText.equalsIgnoreCase("NaN")) {
			fail(sizeKey + " must be a size in micrometres (or empty: the image's calibration), got '" + sizeText + "'");
			return;
		}
		if (!input.isEmpty()) {
			image = null;
			if (sizeText.equals(ownText)) size = Double.NaN; // the prefilled value belonged to the open image, not to this file
		}
		ImageJProgress progress = new ImageJProgress(command() + ": ");
		try {
			AnalysisJob.Outcome o = AnalysisJob.run(new AnalysisJob.Settings(analysis, image, input.isEmpty() ? null : Path.of(input),
				baseline.isEmpty() ? null : Path.of(baseline), out.isEmpty() ? null : Path.of(out), name, size, values), progress);
			ImageJUi.show(o);
			ImageJUi.log(command(), o.specimen() + ": results in " + o.outDir());
		} catch (CancelledException e) {
			ImageJUi.log(command(), "cancelled");
		} catch (Exception | OutOfMemoryError e) {
			ImageJUi.error(command(), (input.isEmpty() ? "" : input + ": ") + ErrorLog.describe(e));
			if (!out.isEmpty() && !java.nio.file.Files.exists(Path.of(out, "errors.csv"))) write(Path.of(out), input, name, ErrorLog.describe(e));
			if (!(e instanceof UserInputException) && !ImageJUi.quiet()) IJ.handleException(e);
		} finally {
			progress.done();
		}
	}
}
