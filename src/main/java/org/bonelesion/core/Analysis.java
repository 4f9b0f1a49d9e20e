package org.bonelesion.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One kind of analysis of one image (micro-CT, TRAP section, TRAP culture): the seam between
 * the algorithms and the command line, the study runner and the Fiji commands, which all call
 * it the same way. An implementation reads its input, analyses it, writes its files into the
 * output folder and returns its one-row summary table.
 *
 * <p>Implementations are listed in {@code META-INF/services/org.bonelesion.core.Analysis}.
 */
public interface Analysis {

	/** The kind, as written in design.csv: {@code ct}, {@code histo} or {@code culture}. */
	String kind();

	/** The command-line command that runs it ({@code ct} or {@code histo}). */
	String command();

	/** One sentence for help texts. */
	String summary();

	/**
	 * The analysis parameters with defaults and units (not the input, output, name or pixel
	 * size, which every analysis has). The same names are the macro keys in Fiji.
	 */
	Options options();

	/**
	 * Analyses one input.
	 *
	 * @param request  what to analyse and where to write
	 * @param progress progress and cancel
	 * @return the summary table, one row, headers as in the results contract
	 * @throws UserInputException for input a person must fix, with a message saying how
	 */
	Table run(Request request, Progress progress) throws IOException;

	/**
	 * One analysis job.
	 *
	 * @param input          the image file or folder
	 * @param baseline       the baseline image for a paired analysis, or null
	 * @param outDir         the folder for this image's results
	 * @param specimen       the specimen name written in the tables
	 * @param sizeUmOverride voxel or pixel size in micrometres overriding the file's calibration, or NaN
	 * @param parameters     values for {@link #options()}
	 * @param image          the image already in memory, or null to read {@code input}: an
	 *                       {@code io.LoadedVolume} for micro-CT, an {@link RgbImage} for
	 *                       histology (the Fiji layer passes the user's open image this way;
	 *                       {@code input} then only names where it came from, if anywhere)
	 */
	record Request(Path input, Path baseline, Path outDir, String specimen, double sizeUmOverride, Options.Parsed parameters,
		Object image) {

		/** A request to read the image from {@code input}. */
		public Request(Path input, Path baseline, Path outDir, String specimen, double sizeUmOverride, Options.Parsed parameters) {
			this(input, baseline, outDir, specimen, sizeUmOverride, parameters, null);
		}
	}
}
