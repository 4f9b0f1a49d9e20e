package org.bonelesion.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one image of the study gave.
 *
 * @param entry   its design.csv row
 * @param folder  its output folder
 * @param summary its summary row (values by header), or null when it failed
 * @param skipped true when the results of an earlier run were reused
 * @param error   the failure message, or null
 */
public record ImageResult(StudyDesign.Entry entry, Path folder, Map<String, Object> summary, boolean skipped, String error) {

	public boolean ok() {
		return summary != null;
	}
}
