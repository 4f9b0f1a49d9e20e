package org.bonelesion.fiji;

import java.io.File;

import org.bonelesion.io.ErrorLog;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; Bone Lesion &gt; Open Sample Study (SciJava command): writes the bundled synthetic
 * study into a folder and shows its design.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Open Sample Study", headless = true)
public class OpenSampleStudyCommand extends ContextCommand {

	@Parameter(label = "out (folder for the sample study)", style = FileWidget.DIRECTORY_STYLE, persist = false, required = false)
	private File out;

	private String failure;

	@Override
	public void run() {
		try {
			SampleStudy.open(out == null ? SampleStudy.defaultFolder() : out.toPath());
		} catch (Exception e) {
			failure = ErrorLog.describe(e);
			ImageJUi.error(OpenSampleStudyPlugin.COMMAND, failure);
			cancel(null);
		}
	}

	/** Sets the folder (for callers that run the command directly). */
	public void setOut(File out) {
		this.out = out;
	}

	/** Why the last run stopped, or null. */
	public String failure() {
		return failure;
	}
}
