package org.bonelesion.histo;

import java.io.IOException;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Table;

/**
 * Tissue mode of {@code histo}: a TRAP-stained bone section. Measures tissue, bone and
 * tumour areas, the bone perimeter, osteoclasts and the perimeter they cover, and writes
 * {@code summary.csv}, {@code osteoclasts.csv}, {@code overlay.png} and
 * {@code provenance.json}. See {@link TrapAnalyser} for the method and docs/histo.md.
 */
public final class HistoAnalysis implements Analysis {

	@Override
	public String kind() {
		return "histo";
	}

	@Override
	public String command() {
		return "histo";
	}

	@Override
	public String summary() {
		return "TRAP-stained bone section: tissue, bone and tumour areas, bone perimeter, osteoclasts";
	}

	@Override
	public Options options() {
		return HistoSettings.options(false);
	}

	@Override
	public Table run(Request request, Progress progress) throws IOException {
		return TrapRun.run(request, progress, false);
	}
}
