package org.bonelesion.fiji;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Options;
import org.bonelesion.io.ErrorLog;
import org.bonelesion.report.StudyRunner;

/**
 * Plugins &gt; Bone Lesion &gt; Run Study (ImageJ 1.x): every image of a study folder described
 * by its design.csv. Keys are the command line's: {@code input}, {@code out}, {@code control},
 * {@code stages}, {@code force}, {@code threads}.
 */
public class RunStudyPlugin implements PlugIn {

	static final String COMMAND = "Run Study";

	@Override
	public void run(String arg) {
		List<Options.Spec> specs = StudyJob.options().specs();
		GenericDialog gd = new GenericDialog("Bone Lesion > " + COMMAND);
		OptionFields.add(gd, specs);
		gd.addMessage("input: the study folder holding design.csv; out: the results folder");
		gd.showDialog();
		if (gd.wasCanceled()) return;
		Map<String, String> values = OptionFields.read(gd, specs);
		ImageJProgress progress = new ImageJProgress(COMMAND + ": ");
		try {
			StudyRunner.Result r = StudyJob.run(values, progress);
			Path out = Path.of(values.get("out"));
			ImageJUi.log(COMMAND, r.analysed() + " image(s) analysed, " + r.skipped() + " up to date, " + r.failed() + " error(s); results in " + out);
			StudyResults.show(out, r);
		} catch (CancelledException e) {
			ImageJUi.log(COMMAND, "cancelled");
		} catch (Exception | OutOfMemoryError e) {
			ImageJUi.error(COMMAND, ErrorLog.describe(e));
		} finally {
			progress.done();
		}
	}
}
