package org.bonelesion.cli;

import java.io.PrintStream;

/** One command of the launcher. */
interface CliCommand {
	String name();

	String summary();

	String usage();

	/** Runs; returns the exit code. Throws UsageException for bad usage. */
	int run(String[] args, PrintStream out, PrintStream err);
}
