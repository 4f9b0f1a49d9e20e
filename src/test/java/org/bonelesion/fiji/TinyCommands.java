package org.bonelesion.fiji;

import org.bonelesion.core.Analysis;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** The real commands over the stand-in analyses (no menu path: test only). */
final class TinyCommands {

	private TinyCommands() {}

	/** Analyze Micro-CT over {@link TinyAnalysis.Ct}. */
	@Plugin(type = Command.class, headless = true)
	public static class Ct extends AnalyzeMicroCtCommand {
		@Override
		protected Analysis analysis() {
			return new TinyAnalysis.Ct();
		}
	}

	/** Analyze TRAP Section over {@link TinyAnalysis.Histo}. */
	@Plugin(type = Command.class, headless = true)
	public static class Histo extends AnalyzeTrapSectionCommand {
		@Override
		protected Analysis analysis() {
			return new TinyAnalysis.Histo();
		}
	}
}
