package org.bonelesion.fiji;

import ij.IJ;

import org.bonelesion.core.Progress;
import org.scijava.app.StatusService;

/** Progress through SciJava's status bar; Esc cancels, as in ImageJ. */
final class SciJavaProgress implements Progress {

	private final StatusService status;
	private final String prefix;

	SciJavaProgress(StatusService status, String prefix) {
		this.status = status;
		this.prefix = prefix;
		IJ.resetEscape();
	}

	@Override
	public void report(String task, double fraction) {
		if (status != null) status.showStatus((int) Math.round(1000 * Math.max(0, Math.min(1, fraction))), 1000, prefix + task);
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}

	void done() {
		if (status != null) status.clearStatus();
	}
}
