package org.bonelesion.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins &gt; Bone Lesion &gt; Analyze TRAP Section (SciJava command; the ImageJ 1.x twin is {@code AnalyzeTrapSectionPlugin}). */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Analyze TRAP Section", headless = true)
public class AnalyzeTrapSectionCommand extends AnalysisCommand {

	@Override
	protected String kind() {
		return "histo";
	}

	@Override
	protected String command() {
		return "Analyze TRAP Section";
	}
}
