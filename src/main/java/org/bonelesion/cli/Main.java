package org.bonelesion.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.UsageException;
import org.bonelesion.core.Version;

/**
 * The {@code ./bonelesion} command line. Exit codes: 0 every input analysed, 1 at least one
 * input failed (listed in errors.csv), 2 bad usage.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		int code = run(args, System.out, System.err);
		System.exit(code);
	}

	/** Runs the command line; returns the exit code (for tests). */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Map<String, CliCommand> commands = commands();
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
			(args.length == 0 ? err : out).print(usage(commands));
			return args.length == 0 ? 2 : 0;
		}
		if (args[0].equals("--version")) {
			out.println("Bone Lesion " + Version.get());
			return 0;
		}
		CliCommand c = commands.get(args[0]);
		if (c == null) {
			err.println("bonelesion: unknown command '" + args[0] + "'\n");
			err.print(usage(commands));
			return 2;
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
			out.print(c.usage());
			return 0;
		}
		try {
			return c.run(rest, out, err);
		} catch (UsageException e) {
			err.println("bonelesion " + args[0] + ": " + e.getMessage() + "\n");
			err.print(c.usage());
			return 2;
		}
	}

	/** The {@code study} command's options (input, out, control, stages, force, threads), for the Fiji layer's dialogs. */
	public static org.bonelesion.core.Options studyOptions() {
		return new StudyCliCommand().options();
	}

	static Map<String, CliCommand> commands() {
		Map<String, CliCommand> m = new LinkedHashMap<>();
		for (CliCommand c : List.of(new AnalysisCliCommand("ct", "--voxel-um", "voxel"),
			new AnalysisCliCommand("histo", "--pixel-um", "pixel"), new StudyCliCommand(), new SamplesCliCommand())) {
			m.put(c.name(), c);
		}
		return m;
	}

	static String usage(Map<String, CliCommand> commands) {
		StringBuilder sb = new StringBuilder("Bone Lesion " + Version.get()
			+ ": bone metastasis analysis of micro-CT scans and TRAP-stained histology.\n\n"
			+ "Usage: ./bonelesion <command> [options]\n\nCommands:\n");
		List<String> lines = new ArrayList<>();
		for (CliCommand c : commands.values()) lines.add(String.format("  %-9s %s", c.name(), c.summary()));
		sb.append(String.join("\n", lines)).append("\n\n")
			.append("'./bonelesion <command> --help' lists every option with its default and unit.\n")
			.append("Exit codes: 0 all inputs analysed, 1 at least one input failed (see errors.csv), 2 bad usage.\n");
		return sb.toString();
	}
}
