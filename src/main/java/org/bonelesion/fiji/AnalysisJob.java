package org.bonelesion.fiji;

import ij.ImagePlus;
import ij.io.FileInfo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonelesion.core.Analyses;
import org.bonelesion.core.Analysis;
import org.bonelesion.core.CancelledException;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Table;
import org.bonelesion.core.UsageException;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.ErrorLog;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.ImagePlusConverter;
import org.bonelesion.io.Specimens;

/**
 * One analysis run from Fiji or ImageJ: validates what the user gave, converts the open image,
 * calls the registered {@link Analysis} exactly as the command line does, and says which files
 * it wrote. Shared by the SciJava commands and the ImageJ 1.x plugins; shows nothing itself.
 */
public final class AnalysisJob {

	/**
	 * What to analyse.
	 *
	 * @param analysis   the analysis (from {@link #analysis(String)})
	 * @param image      the user's open image, or null to read {@code input}
	 * @param input      the image file or folder, or null to analyse {@code image}
	 * @param baseline   the baseline scan of a paired micro-CT analysis, or null
	 * @param outDir     the results folder, or null for a new temporary folder
	 * @param specimen   the specimen name, or null/empty for the image's name
	 * @param sizeUm     voxel or pixel size in micrometres; NaN to take the image's calibration
	 * @param parameters values of the analysis's options by name (missing ones take their default)
	 */
	public record Settings(Analysis analysis, ImagePlus image, Path input, Path baseline, Path outDir, String specimen, double sizeUm,
		Map<String, String> parameters) {}

	/**
	 * What a run produced.
	 *
	 * @param summary  the one-row summary, headers with units
	 * @param outDir   the folder holding summary.csv and the other files
	 * @param specimen the specimen name used
	 * @param tables   the other CSV tables written (lesions.csv, osteoclasts.csv, ...)
	 * @param picture  the label image or overlay written (labels.tif, overlay.png), or null
	 */
	public record Outcome(Table summary, Path outDir, String specimen, List<Path> tables, Path picture) {}

	private AnalysisJob() {}

	/** The registered analysis of a kind; a clear message when this build has none. */
	public static Analysis analysis(String kind) {
		Analysis a = Analyses.forKind(kind);
		if (a == null) throw new UserInputException("this Bone Lesion build has no '" + kind + "' analysis installed");
		return a;
	}

	/** The image's own voxel or pixel size in micrometres (x), or NaN when it is uncalibrated. */
	public static double calibrationUm(ImagePlus image) {
		if (image == null) return Double.NaN;
		Spacing s = ImagePlusConverter.spacingOf(image.getCalibration());
		return s == null ? Double.NaN : s.x() * 1000.0;
	}

	/** The file an open image was read from, if it still exists, else null. */
	public static Path sourceFile(ImagePlus image) {
		FileInfo fi = image == null ? null : image.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) return null;
		Path p = new File(fi.directory, fi.fileName).toPath();
		return Files.isRegularFile(p) ? p : null;
	}

	/** The analysis's option values as parsed by its own parser (the same checks as the command line). */
	public static Options.Parsed parameters(Analysis analysis, Map<String, String> values) {
		List<String> args = new ArrayList<>();
		for (Options.Spec s : analysis.options().specs()) {
			String v = values == null ? null : values.get(s.name());
			if (v != null) args.add("--" + s.name() + "=" + v);
		}
		try {
			return analysis.options().parse(args.toArray(new String[0]));
		} catch (UsageException e) {
			throw new UserInputException(plain(e.getMessage()));
		}
	}

	/** A command-line message without the command line's {@code --} option prefix. */
	static String plain(String message) {
		return message == null ? "" : message.replace("--", "");
	}

	/**
	 * Runs the analysis. On failure, the message is also written to {@code errors.csv} in the
	 * results folder (as the command line does) and the exception is rethrown.
	 *
	 * @throws UserInputException for input the user must fix
	 * @throws CancelledException when the user cancelled through {@code progress}
	 */
	public static Outcome run(Settings s, Progress progress) throws IOException {
		Analysis analysis = s.analysis();
		if (s.image() == null && s.input() == null) throw new UserInputException("no image: open one first, or give an input file or folder");
		if (s.input() != null && !Files.exists(s.input())) throw new UserInputException("the input " + s.input() + " does not exist");
		if (s.baseline() != null && !Files.exists(s.baseline())) throw new UserInputException("the baseline " + s.baseline() + " does not exist");
		double sizeUm = s.sizeUm();
		if (!Double.isNaN(sizeUm) && !(sizeUm > 0 && Double.isFinite(sizeUm))) {
			throw new UserInputException("the " + sizeWord(analysis) + " size must be a positive number of micrometres, got " + sizeUm);
		}
		double own = calibrationUm(s.image());
		if (s.image() != null && Double.isNaN(own) && Double.isNaN(sizeUm)) {
			throw new UserInputException("'" + s.image().getTitle() + "' has no " + sizeWord(analysis) + " size: set it in Image > Properties, or give "
				+ sizeWord(analysis) + "=<size in um>");
		}
		// the image's own calibration is not an override: the analysis then reads exactly what the command line reads
		if (!Double.isNaN(own) && Math.abs(sizeUm - own) <= 1e-9 * own) sizeUm = Double.NaN;
		Options.Parsed parameters = parameters(analysis, s.parameters());

		Object image = null;
		Path input = s.input();
		String specimen = s.specimen();
		if (s.image() != null && input == null) {
			String title = s.image().getTitle();
			image = analysis.kind().equals("ct") ? ImagePlusConverter.toVolume(s.image(), "'" + title + "'")
				: ImagePlusConverter.toRgb(s.image(), "'" + title + "'");
			input = sourceFile(s.image());
			if (input == null) input = Path.of(title.replaceAll("[\\\\/:]", "_"));
			if (specimen == null || specimen.isEmpty()) specimen = Specimens.nameOf(Path.of(title.replaceAll("[\\\\/:]", "_")));
		}
		if (specimen == null || specimen.isEmpty()) specimen = Specimens.nameOf(input);
		Path outDir = s.outDir() != null ? s.outDir() : Files.createTempDirectory("bonelesion-" + analysis.kind() + "-");
		Files.createDirectories(outDir);
		try {
			Table summary = analysis.run(new Analysis.Request(input, s.baseline(), outDir, specimen, sizeUm, parameters, image), progress);
			return new Outcome(summary, outDir, specimen, otherTables(outDir), picture(outDir));
		} catch (CancelledException e) {
			throw e;
		} catch (UsageException e) {
			UserInputException u = new UserInputException(plain(e.getMessage()));
			recordError(outDir, input, specimen, u);
			throw u;
		} catch (RuntimeException | IOException | OutOfMemoryError e) {
			recordError(outDir, input, specimen, e);
			throw e;
		}
	}

	private static String sizeWord(Analysis a) {
		return a.kind().equals("ct") ? "voxel" : "pixel";
	}

	private static void recordError(Path outDir, Path input, String specimen, Throwable e) {
		ErrorLog log = new ErrorLog();
		log.add(String.valueOf(input), specimen, ErrorLog.describe(e));
		try {
			log.write(outDir);
		} catch (IOException ignored) {
			// the message still reaches the user through the exception
		}
	}

	private static List<Path> otherTables(Path outDir) throws IOException {
		List<Path> out = new ArrayList<>();
		try (var files = Files.list(outDir)) {
			files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
				.filter(f -> !f.getFileName().toString().equals("summary.csv") && !f.getFileName().toString().equals("errors.csv"))
				.sorted().forEach(out::add);
		}
		return out;
	}

	private static Path picture(Path outDir) {
		for (String name : new String[] { "labels.tif", "overlay.png", "lesion_map.png" }) {
			Path p = outDir.resolve(name);
			if (Files.isRegularFile(p)) return p;
		}
		return null;
	}

	/** Reads an image file the way the command line does (for callers that hold only a path). */
	static ImagePlus open(Path picture) {
		if (picture.toString().endsWith(".png")) return ImagePlusConverter.toImagePlus(ImageIo.readRgb(picture), picture.getFileName().toString());
		return ImagePlusConverter.toImagePlus(ImageIo.readVolume(picture).volume(), picture.getFileName().toString());
	}
}
