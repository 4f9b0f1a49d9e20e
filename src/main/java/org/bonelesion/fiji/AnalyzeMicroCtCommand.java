package org.bonelesion.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins &gt; Bone Lesion &gt; Analyze Micro-CT (SciJava command; the ImageJ 1.x twin is {@code AnalyzeMicroCtPlugin}). */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Analyze Micro-CT", headless = true)
public class AnalyzeMicroCtCommand extends AnalysisCommand {

	@Override
	protected String kind() {
		return "ct";
	}

	@Override
	protected String command() {
		return "Analyze Micro-CT";
	}
}
