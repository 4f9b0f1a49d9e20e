package org.bonelesion.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.bonelesion.core.Progress;

/** Progress printed to the terminal, at most every few percent or when the task changes. */
final class ConsoleProgress implements Progress {

	private final PrintStream out;
	private final String prefix;
	private String lastTask = "";
	private int lastPercent = -100;

	ConsoleProgress(PrintStream out, String prefix) {
		this.out = out;
		this.prefix = prefix;
	}

	@Override
	public synchronized void report(String task, double fraction) {
		int pct = (int) Math.round(100 * Math.max(0, Math.min(1, fraction)));
		if (!task.equals(lastTask) || pct - lastPercent >= 10 || (pct == 100 && lastPercent != 100)) {
			out.println(String.format(Locale.ROOT, "%s%3d%%  %s", prefix, pct, task));
			lastTask = task;
			lastPercent = pct;
		}
	}
}
