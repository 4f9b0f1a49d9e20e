package org.bonelesion.histo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Calibrations;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.Provenance;
import org.bonelesion.io.RgbTiffRegionReader;
import org.bonelesion.stage.StageRules;

/** The run of a TRAP analysis shared by {@link HistoAnalysis} and {@link CultureAnalysis}: read, analyse, write. */
final class TrapRun {

	/** TIFFs with more pixels than this are read tile by tile instead of whole. */
	static final long TILED_READ_PIXELS = 64L << 20;

	private TrapRun() {}

	/**
	 * Opens the request's image: the in-memory image, a TIFF or BigTIFF with more than
	 * {@code tiledReadPixels} pixels tile by tile, or a whole file. {@code how[0]} is set to
	 * "tile by tile" or "whole" (for provenance).
	 */
	static RgbSource open(Analysis.Request request, Spacing[] fileSpacing, long tiledReadPixels, String[] how) {
		how[0] = "whole";
		Object image = request.image();
		if (image != null) {
			if (!(image instanceof RgbImage rgb)) throw new UserInputException(describe(request) + " is not a colour (RGB) image; TRAP histology needs the colour brightfield image");
			fileSpacing[0] = rgb.spacing();
			return RgbSource.of(rgb);
		}
		Path in = request.input();
		if (in == null) throw new UserInputException("no input image was given");
		if (Files.isRegularFile(in) && isTiff(in)) {
			RgbTiffRegionReader reader = null;
			try {
				reader = RgbTiffRegionReader.open(in);
			} catch (UserInputException e) {
				// not a plain RGB TIFF: ImageIo decides and explains (grey images, JPEG TIFFs)
			}
			if (reader != null) {
				if ((long) reader.width() * reader.height() > tiledReadPixels) {
					fileSpacing[0] = reader.spacing();
					how[0] = "tile by tile";
					return RgbSource.of(reader);
				}
				try {
					reader.close();
				} catch (IOException e) {
					// nothing held that matters
				}
			}
		}
		RgbImage rgb = ImageIo.readRgb(in);
		fileSpacing[0] = rgb.spacing();
		return RgbSource.of(rgb);
	}

	/** True if the file starts with a classic TIFF (42) or BigTIFF (43) signature. */
	static boolean isTiff(Path p) {
		try (java.io.InputStream s = Files.newInputStream(p)) {
			byte[] h = s.readNBytes(4);
			boolean ii = h.length == 4 && h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0;
			boolean mm = h.length == 4 && h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43);
			return ii || mm;
		} catch (IOException e) {
			return false;
		}
	}

	static String describe(Analysis.Request r) {
		return r.input() != null ? r.input().getFileName().toString() : "the image";
	}

	/** Runs one analysis, writes its files and returns the summary. */
	static Table run(Analysis.Request request, Progress progress, boolean culture) throws IOException {
		return run(request, progress, culture, TILED_READ_PIXELS);
	}

	/** {@link #run(Analysis.Request, Progress, boolean)} with TIFFs over {@code tiledReadPixels} pixels read tile by tile (tests lower it). */
	static Table run(Analysis.Request request, Progress progress, boolean culture, long tiledReadPixels) throws IOException {
		HistoSettings s = HistoSettings.from(request.parameters(), culture);
		Parallel parallel = Parallel.defaults();
		progress.report("reading", 0);
		Spacing[] fileSpacing = new Spacing[1];
		String[] how = new String[1];
		try (RgbSource src = open(request, fileSpacing, tiledReadPixels, how)) {
			String what = describe(request);
			Spacing spacing = Calibrations.resolve(fileSpacing[0], request.sizeUmOverride(), what, "--pixel-um");
			double pixelUm = spacing.xUm();
			double pixelMm = spacing.x();
			progress.checkCancelled();
			// the inputs are hashed for the provenance while the analysis runs
			Provenance p = new Provenance("histo");
			if (request.input() != null && Files.isRegularFile(request.input())) p.input(request.input());
			if (s.tumourMask() != null) p.input(s.tumourMask());
			RgbImage overview = RgbSource.overview(src, 4_000_000);
			TrapStains stains = TrapStains.choose(s, overview, src, parallel);
			ByteVolume tumour = s.tumourMask() == null ? null : readMask(s.tumourMask(), src.width(), src.height());
			progress.report("stains", 0.05);
			CycleSettings cycle = culture ? null : CycleSettings.from(request.parameters());
			TrapAnalyser analyser = new TrapAnalyser(s, cycle, stains, pixelUm, parallel);
			TrapResult r = analyser.analyse(src, tumour, progress.sub(0.05, 0.95));
			if (r.tissuePixels() == 0) {
				throw new UserInputException("no " + (culture ? "cells" : "tissue") + " found in " + what + ": every pixel is as pale as the blank-glass background "
					+ "(mean optical density below --tissue-od " + s.tissueOd() + "). Is it the right image, and is --background right?");
			}
			Path out = request.outDir();
			Files.createDirectories(out);
			Table summary = culture ? cultureSummary(request.specimen(), r, pixelUm, pixelMm) : tissueSummary(request.specimen(), r, pixelUm, pixelMm);
			Csv.write(summary, out.resolve("summary.csv"));
			Csv.write(cellTable(request.specimen(), r, pixelUm, culture), out.resolve("osteoclasts.csv"));
			ImageIo.writePng(r.overlay(), out.resolve("overlay.png"));
			p.parameter("mode", culture ? "culture" : "tissue");
			p.parameter("specimen", request.specimen());
			p.parameter("pixel-um", pixelUm);
			p.parameter("pixel size from", request.sizeUmOverride() > 0 ? "--pixel-um" : "the image's calibration");
			for (Map.Entry<String, String> e : request.parameters().all().entrySet()) p.parameter(e.getKey(), e.getValue());
			p.decision("stain vectors (OD r, g, b)", stains.describe());
			Map<String, Object> tiling = new LinkedHashMap<>();
			tiling.put("tile (pixels)", s.tileSize());
			tiling.put("overlap (pixels)", r.margin());
			tiling.put("tiles", r.tiles());
			tiling.put("image read", how[0]);
			tiling.put("overlay scale (image pixels per overlay pixel)", r.overlayScale());
			p.decision("tiling", tiling);
			p.decision("rejected TRAP+ profiles (too few nuclei" + (culture ? "" : " or off bone") + ")", r.rejected());
			p.write(out.resolve("provenance.json"));
			progress.report("done", 1);
			return summary;
		}
	}

	static ByteVolume readMask(Path file, int width, int height) {
		ShortVolume v = ImageIo.readVolume(file).volume();
		if (v.width() != width || v.height() != height || v.depth() != 1) {
			throw new UserInputException("the tumour mask " + file.getFileName() + " is " + v.width() + " x " + v.height() + (v.depth() > 1 ? " x " + v.depth() : "")
				+ " pixels but the section is " + width + " x " + height + "; draw the mask on the same image");
		}
		ByteVolume m = new ByteVolume(width, height, 1, null);
		short[] src = v.slice(0);
		byte[] dst = m.slice(0);
		for (int i = 0; i < src.length; i++) dst[i] = src[i] != 0 ? (byte) 1 : 0;
		return m;
	}

	static Table tissueSummary(String specimen, TrapResult r, double pixelUm, double pixelMm) {
		double a = pixelMm * pixelMm;
		double tar = r.tissuePixels() * a, bar = r.bonePixels() * a, tmar = r.tumourPixels() * a;
		double bpm = r.bonePerimeter() * pixelMm, ocpm = r.ocPerimeter() * pixelMm;
		int noc = r.cells().size();
		Table t = new Table();
		Table.Row row = t.addRow();
		row.put("Specimen", specimen);
		row.put("Pixel", "um", pixelUm);
		row.put("T.Ar", "mm^2", tar);
		row.put("B.Ar", "mm^2", bar);
		row.put("B.Ar/T.Ar", "%", ratio(bar, tar) * 100);
		row.put("B.Pm", "mm", bpm);
		row.put("N.Oc", null, noc);
		row.put("Oc.Pm", "mm", ocpm);
		row.put("N.Oc/B.Pm", "1/mm", ratio(noc, bpm));
		row.put("Oc.Pm/B.Pm", "%", ratio(ocpm, bpm) * 100);
		row.put("Tm.Ar", "mm^2", tmar);
		row.put("Tm.Ar/T.Ar", "%", ratio(tmar, tar) * 100);
		row.put("Stage", "");
		if (r.cycle() != null) r.cycle().addColumns(row, r.tissuePixels(), r.bonePerimeter(), pixelMm); // vicious cycle, docs/histo-cycle.md
		row.put("Stage", StageRules.defaults().classify(row).stage());
		return t;
	}

	static Table cultureSummary(String specimen, TrapResult r, double pixelUm, double pixelMm) {
		Table t = new Table();
		t.addRow().put("Specimen", specimen).put("Pixel", "um", pixelUm).put("N.TRAP+MNC", null, r.cells().size())
			.put("TRAP+.Ar", "mm^2", r.trapPixels() * pixelMm * pixelMm);
		return t;
	}

	static Table cellTable(String specimen, TrapResult r, double pixelUm, boolean culture) {
		Table t = new Table();
		String id = culture ? "Cell" : "Osteoclast";
		t.column("Specimen", null).column(id, null).column("Area", "um^2").column("Nuclei", null);
		if (!culture) t.column("Contact", "um");
		t.column("X", "um").column("Y", "um");
		int k = 0;
		for (TrapCell c : r.cells()) {
			Table.Row row = t.addRow().put("Specimen", specimen).put(id, null, ++k).put("Area", "um^2", c.areaPixels() * pixelUm * pixelUm)
				.put("Nuclei", null, c.nuclei().size());
			if (!culture) row.put("Contact", "um", c.contactPixels() * pixelUm);
			row.put("X", "um", (c.centroidX() + 0.5) * pixelUm).put("Y", "um", (c.centroidY() + 0.5) * pixelUm);
		}
		return t;
	}

	private static double ratio(double a, double b) {
		return b > 0 ? a / b : Double.NaN;
	}

	static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}
}
