package org.bonelesion.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.bonelesion.core.Options;
import org.bonelesion.core.UsageException;
import org.bonelesion.report.StudyRunner;

/** {@code study}: every image of a study folder, described by its design.csv. */
final class StudyCliCommand implements CliCommand {

	@Override
	public String name() {
		return "study";
	}

	@Override
	public String summary() {
		return "every image listed in DIR/design.csv: specimens.csv with stages, groups.csv, comparisons.csv, report.html";
	}

	Options options() {
		return new Options().required("input", "the study folder holding design.csv and the images")
			.required("out", "the folder for the results (created if needed)")
			.optional("control", "", "", "the control group [default: a Control column in design.csv, else a group named vehicle, control or sham]")
			.optional("stages", "", "", "a stage rules file (JSON) [default: the built-in rules, see docs/study-report.md]")
			.flag("force", "re-analyse images whose earlier results are up to date")
			.optional("threads", "1", "", "images analysed at the same time");
	}

	@Override
	public String usage() {
		return options().usage(name(), summary());
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		Options.Parsed p = options().parse(args);
		int threads = p.integer("threads");
		if (threads < 1) throw new UsageException("--threads must be at least 1, got " + threads);
		Path outDir = p.path("out");
		StudyRunner.Settings s = new StudyRunner.Settings(p.path("input"), outDir, p.has("control") ? p.get("control") : null, p.path("stages"),
			p.flag("force"), threads);
		try {
			StudyRunner.Result r = new StudyRunner().run(s, new ConsoleProgress(err, "study: "));
			out.println("study: " + r.analysed() + " image(s) analysed, " + r.skipped() + " up to date, " + r.failed() + " error(s); wrote "
				+ outDir.resolve("specimens.csv") + ", groups.csv, comparisons.csv, report.html, errors.csv");
			if (r.failed() > 0) err.println("study: see " + outDir.resolve("errors.csv"));
			return r.exitCode();
		} catch (IOException e) {
			err.println("bonelesion study: cannot write the results in " + outDir + ": " + e.getMessage());
			return 1;
		}
	}
}
