package org.bonelesion.fiji;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bonelesion.cli.Main;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.UsageException;
import org.bonelesion.core.UserInputException;
import org.bonelesion.report.StudyRunner;

/**
 * The study and the sample study from Fiji: the same options and runner as the command line's
 * {@code study} and {@code samples}.
 */
public final class StudyJob {

	private StudyJob() {}

	/** The study options (input, out, control, stages, force, threads): the command line's own. */
	public static Options options() {
		return Main.studyOptions();
	}

	/**
	 * Runs a study.
	 *
	 * @param values option values by name ({@code input} and {@code out} required)
	 * @throws UserInputException for a missing folder or a bad value
	 */
	public static StudyRunner.Result run(Map<String, String> values, Progress progress) throws IOException {
		List<String> args = new ArrayList<>();
		for (Options.Spec s : options().specs()) {
			String v = values.get(s.name());
			if (v != null && !v.isEmpty()) args.add("--" + s.name() + "=" + v);
		}
		Options.Parsed p;
		int threads;
		try {
			p = options().parse(args.toArray(new String[0]));
			threads = p.integer("threads");
			if (threads < 1) throw new UsageException("threads must be at least 1, got " + threads);
		} catch (UsageException e) {
			throw new UserInputException(AnalysisJob.plain(e.getMessage()));
		}
		Path input = p.path("input");
		if (!input.toFile().isDirectory()) throw new UserInputException("the study folder " + input + " does not exist");
		return new StudyRunner().run(new StudyRunner.Settings(input, p.path("out"), p.has("control") ? p.get("control") : null, p.path("stages"),
			p.flag("force"), threads), progress);
	}

	/**
	 * Writes the bundled sample study into {@code dir} through the command line's
	 * {@code samples} command (the one place the Fiji layer reaches the sample generator).
	 *
	 * @throws UserInputException when this build has no sample study or it cannot be written
	 */
	public static void writeSamples(Path dir) {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		int code;
		try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
			code = Main.run(new String[] { "samples", "--out", dir.toString() }, ps, ps);
		}
		String said = buf.toString(StandardCharsets.UTF_8).trim();
		if (code == 2 && said.contains("unknown command")) throw new UserInputException("this Bone Lesion build has no sample study");
		if (code != 0) {
			String last = said.isEmpty() ? "exit code " + code : said.substring(said.lastIndexOf('\n') + 1);
			throw new UserInputException("could not write the sample study to " + dir + ": " + last);
		}
	}
}
