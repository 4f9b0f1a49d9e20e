package org.bonelesion.fiji;

import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.report.StudyRunner;

/** Shows a study's tables: specimens in ImageJ's Results table, groups and errors beside it. */
final class StudyResults {

	private StudyResults() {}

	static void show(Path out, StudyRunner.Result r) {
		ResultsTable rt = ResultsTable.getResultsTable();
		if (rt == null) rt = new ResultsTable();
		rt.reset();
		ImageJUi.fill(rt, r.specimens());
		if (!ImageJUi.canShow()) return;
		rt.show("Results");
		ImageJUi.fill(new ResultsTable(), r.groups()).show("Bone Lesion groups");
		Path errors = out.resolve("errors.csv");
		if (r.failed() > 0 && Files.isRegularFile(errors)) ImageJUi.read(errors).show("Bone Lesion errors");
	}
}
