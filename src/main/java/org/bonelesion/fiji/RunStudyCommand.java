package org.bonelesion.fiji;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Options;
import org.bonelesion.io.ErrorLog;
import org.bonelesion.report.StudyRunner;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.command.DynamicCommandInfo;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; Bone Lesion &gt; Run Study (SciJava command): the command line's {@code study},
 * inputs named like its options ({@code input}, {@code out}, {@code control}, {@code stages},
 * {@code force}, {@code threads}).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Run Study", headless = true)
public class RunStudyCommand extends DynamicCommand {

	@Parameter(required = false)
	private StatusService status;

	private StudyRunner.Result result;
	private String failure;

	private boolean inputsAdded;

	/** The inputs, the study options added the first time anyone asks (see {@link AnalysisCommand#getInfo()} for why). */
	@Override
	public DynamicCommandInfo getInfo() {
		DynamicCommandInfo info = super.getInfo();
		if (!inputsAdded) {
			inputsAdded = true;
			OptionItems.add(this, StudyJob.options().specs(),
				Map.of("input", FileWidget.DIRECTORY_STYLE, "out", FileWidget.DIRECTORY_STYLE, "stages", FileWidget.OPEN_STYLE));
		}
		return info;
	}

	@Override
	public void run() {
		List<Options.Spec> specs = StudyJob.options().specs();
		Map<String, String> values = OptionItems.read(this, specs);
		SciJavaProgress progress = new SciJavaProgress(status, RunStudyPlugin.COMMAND + ": ");
		try {
			if (!values.containsKey("input") || !values.containsKey("out")) {
				fail("give the study folder (input=) and the results folder (out=)");
				return;
			}
			result = StudyJob.run(values, progress);
			Path out = Path.of(values.get("out"));
			ImageJUi.log(RunStudyPlugin.COMMAND, result.analysed() + " image(s) analysed, " + result.skipped() + " up to date, " + result.failed()
				+ " error(s); results in " + out);
			StudyResults.show(out, result);
		} catch (CancelledException e) {
			ImageJUi.log(RunStudyPlugin.COMMAND, "cancelled");
			cancel(null);
		} catch (Exception | OutOfMemoryError e) {
			fail(ErrorLog.describe(e));
		} finally {
			progress.done();
		}
	}

	private void fail(String message) {
		failure = message;
		ImageJUi.error(RunStudyPlugin.COMMAND, message);
		cancel(null);
	}

	/** What the last run did, or null. */
	public StudyRunner.Result result() {
		return result;
	}

	/** Why the last run stopped, or null. */
	public String failure() {
		return failure;
	}
}
