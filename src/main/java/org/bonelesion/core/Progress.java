package org.bonelesion.core;

/**
 * Progress and cancellation for long work, without any user interface: the Fiji layer shows
 * a bar, the command line prints a line, tests ignore it.
 */
public interface Progress {

	/** Reports that {@code task} is {@code fraction} (0..1) done. */
	void report(String task, double fraction);

	/** True once the user asked to stop. */
	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancelledException} if the user asked to stop. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** Progress that goes nowhere. */
	Progress NONE = (task, fraction) -> {};

	/** A view of this progress covering [from, to] of the whole, for one step of a pipeline. */
	default Progress sub(double from, double to) {
		Progress parent = this;
		return new Progress() {
			@Override
			public void report(String task, double fraction) {
				parent.report(task, from + (to - from) * Math.max(0, Math.min(1, fraction)));
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}
}
