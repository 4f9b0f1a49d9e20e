package org.bonelesion.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins &gt; Bone Lesion &gt; Analyze Micro-CT Pair (SciJava command; the ImageJ 1.x twin is {@code AnalyzeMicroCtPairPlugin}). */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Analyze Micro-CT Pair", headless = true)
public class AnalyzeMicroCtPairCommand extends AnalysisCommand {

	@Override
	protected String kind() {
		return "ct";
	}

	@Override
	protected String command() {
		return "Analyze Micro-CT Pair";
	}

	@Override
	protected boolean paired() {
		return true;
	}
}
