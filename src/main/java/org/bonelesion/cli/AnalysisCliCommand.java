package org.bonelesion.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bonelesion.core.Analyses;
import org.bonelesion.core.Analysis;
import org.bonelesion.core.Options;
import org.bonelesion.core.Table;
import org.bonelesion.core.UsageException;
import org.bonelesion.io.ErrorLog;
import org.bonelesion.io.Specimens;

/**
 * {@code ct} and {@code histo}: one image through the registered {@link Analysis} of that
 * command (for {@code histo}, {@code --mode} picks tissue or culture).
 */
final class AnalysisCliCommand implements CliCommand {

	private final String name;
	private final String sizeOption;
	private final String sizeWord;

	AnalysisCliCommand(String name, String sizeOption, String sizeWord) {
		this.name = name;
		this.sizeOption = sizeOption;
		this.sizeWord = sizeWord;
	}

	@Override
	public String name() {
		return name;
	}

	private List<Analysis> analyses() {
		List<Analysis> out = new ArrayList<>();
		for (Analysis a : Analyses.all()) if (a.command().equals(name)) out.add(a);
		return out;
	}

	@Override
	public String summary() {
		return name.equals("ct")
			? "one micro-CT volume: bone, cortex, morphometry, lytic and blastic lesions (--baseline: paired)"
			: "one brightfield TRAP-stained image: a bone section (--mode tissue) or a culture well (--mode culture)";
	}

	Options options() {
		Options o = new Options().required("input", "the image: a file, or a folder of slices")
			.required("out", "the folder for the results (created if needed)");
		if (name.equals("ct")) o.optional("baseline", "", "", "the baseline scan for a paired analysis (earlier or contralateral)");
		if (name.equals("histo")) o.optional("mode", "tissue", "", "tissue (a bone section) or culture (an osteoclast culture well)");
		o.optional("name", "", "", "the specimen name written in the tables [default: the input's file name]");
		o.optional(sizeOption.substring(2), "", "um", sizeWord + " size overriding the image's calibration");
		Set<String> seen = new HashSet<>();
		for (Options.Spec s : o.specs()) seen.add(s.name());
		for (Analysis a : analyses()) {
			for (Options.Spec s : a.options().specs()) {
				if (seen.add(s.name())) o.specs().add(s);
			}
		}
		return o;
	}

	@Override
	public String usage() {
		return options().usage(name, summary());
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		Options.Parsed p = options().parse(args);
		String kind = name;
		if (name.equals("histo")) kind = p.choice("mode", "tissue", "culture").equals("tissue") ? "histo" : "culture";
		double sizeUm = p.positive(sizeOption.substring(2));
		Analysis analysis = Analyses.forKind(kind);
		if (analysis == null) {
			err.println("bonelesion " + name + ": this build has no '" + kind + "' analysis");
			return 1;
		}
		Path input = p.path("input");
		Path outDir = p.path("out");
		String specimen = p.has("name") ? p.get("name") : Specimens.nameOf(input);
		Options.Parsed params = analysis.options().parse(analysisArgs(p, analysis.options()));
		ErrorLog errors = new ErrorLog();
		try {
			Files.createDirectories(outDir);
		} catch (IOException e) {
			err.println("bonelesion " + name + ": cannot create the output folder " + outDir + ": " + e.getMessage());
			return 1;
		}
		try {
			Table summary = analysis.run(new Analysis.Request(input, p.path("baseline"), outDir, specimen, sizeUm, params),
				new ConsoleProgress(err, specimen + ": "));
			out.println("wrote " + outDir.resolve("summary.csv") + " (" + summary.size() + " row)");
			return 0;
		} catch (UsageException e) {
			throw e;
		} catch (Exception | OutOfMemoryError e) {
			String msg = ErrorLog.describe(e);
			errors.add(input.toString(), specimen, msg);
			err.println("bonelesion " + name + ": " + input + ": " + msg);
			try {
				errors.write(outDir);
			} catch (IOException io) {
				err.println("bonelesion " + name + ": cannot write errors.csv: " + io.getMessage());
			}
			return 1;
		}
	}

	/** The arguments that belong to the analysis's own options, re-encoded for its parser. */
	private static String[] analysisArgs(Options.Parsed p, Options analysisOptions) {
		List<String> a = new ArrayList<>();
		for (Options.Spec s : analysisOptions.specs()) {
			String v = p.get(s.name());
			if (v != null) {
				a.add("--" + s.name() + "=" + v);
			}
		}
		return a.toArray(new String[0]);
	}
}
