package org.bonelesion.fiji;

import ij.IJ;

import org.bonelesion.core.Progress;

/**
 * Progress shown in ImageJ's status bar and progress bar; pressing Esc cancels (the
 * analyses check {@link #isCancelled()} between steps).
 */
public final class ImageJProgress implements Progress {

	private final String prefix;

	/** Progress whose status messages start with {@code prefix}; clears an earlier Esc. */
	public ImageJProgress(String prefix) {
		this.prefix = prefix;
		IJ.resetEscape();
	}

	@Override
	public void report(String task, double fraction) {
		IJ.showStatus(prefix + task);
		IJ.showProgress(Math.max(0, Math.min(1, fraction)));
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}

	/** Clears the progress bar when the run ends. */
	public void done() {
		IJ.showProgress(1.0);
		IJ.showStatus("");
	}
}
