package org.bonelesion.histo;

import java.io.IOException;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Table;

/**
 * Culture mode of {@code histo} ({@code --mode culture}): an osteoclastogenesis well. Counts
 * TRAP-positive cells with at least three nuclei (a parameter) and their area, and writes
 * {@code summary.csv}, {@code osteoclasts.csv}, {@code overlay.png} and
 * {@code provenance.json}. See {@link TrapAnalyser} for the method, {@link CultureCellSplitter}
 * for how touching cells are cut apart, and docs/histo.md.
 */
public final class CultureAnalysis implements Analysis {

	@Override
	public String kind() {
		return "culture";
	}

	@Override
	public String command() {
		return "histo";
	}

	@Override
	public String summary() {
		return "TRAP-stained osteoclast culture well: TRAP+ multinucleated cells";
	}

	@Override
	public Options options() {
		return HistoSettings.options(true);
	}

	@Override
	public Table run(Request request, Progress progress) throws IOException {
		return TrapRun.run(request, progress, true);
	}
}
