package org.bonelesion.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins &gt; Bone Lesion &gt; Count TRAP Culture (SciJava command; the ImageJ 1.x twin is {@code CountTrapCulturePlugin}). */
@Plugin(type = Command.class, menuPath = "Plugins>Bone Lesion>Count TRAP Culture", headless = true)
public class CountTrapCultureCommand extends AnalysisCommand {

	@Override
	protected String kind() {
		return "culture";
	}

	@Override
	protected String command() {
		return "Count TRAP Culture";
	}
}
