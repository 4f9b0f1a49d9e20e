package org.bonelesion.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.bonelesion.core.Options;
import org.bonelesion.sample.SampleStudy;

/** {@code samples --out DIR}: writes the synthetic sample study with its ground truth. */
final class SamplesCliCommand implements CliCommand {

	@Override
	public String name() {
		return "samples";
	}

	@Override
	public String summary() {
		return "writes the bundled synthetic sample study (images, design.csv, truth.json)";
	}

	private static Options options() {
		return new Options().required("out", "the folder to write the study into (created if needed)");
	}

	@Override
	public String usage() {
		return options().usage(name(), summary() + ": micro-CT phantoms with lesions, baseline/follow-up pairs, TRAP sections and a culture well,"
			+ " generated deterministically (the same bytes on every run).");
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		Path dir = options().parse(args).path("out");
		try {
			SampleStudy.write(dir, new ConsoleProgress(err, "samples: "));
		} catch (IOException e) {
			err.println("bonelesion samples: cannot write " + dir + ": " + e.getMessage());
			return 1;
		}
		out.println("wrote the sample study to " + dir + " (design.csv, truth.json)");
		return 0;
	}
}
