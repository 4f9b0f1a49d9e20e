package org.bonelesion.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.io.Csv;
import org.bonelesion.io.Provenance;
import org.bonelesion.stage.StageRules;

/**
 * A stand-in analysis for the study tests: its "image" is a text file of {@code header=value}
 * lines, which become the summary row (plus Specimen first and Stage last, like the real
 * analyses). It writes summary.csv, provenance.json and a 300 x 200 picture, and counts its
 * runs. A file starting with FAIL fails with a user message.
 */
final class FakeAnalysis implements Analysis {

	final String kind;
	final String picture;
	final AtomicInteger runs = new AtomicInteger();

	FakeAnalysis(String kind, String picture) {
		this.kind = kind;
		this.picture = picture;
	}

	@Override
	public String kind() {
		return kind;
	}

	@Override
	public String command() {
		return kind.equals("culture") ? "histo" : kind;
	}

	@Override
	public String summary() {
		return "fake " + kind;
	}

	@Override
	public Options options() {
		return new Options().optional("threshold", "5", "", "a parameter");
	}

	@Override
	public Table run(Request request, Progress progress) throws IOException {
		runs.incrementAndGet();
		String text = Files.readString(request.input());
		if (text.startsWith("FAIL")) throw new UserInputException(request.input().getFileName() + " is not an image this analysis can read");
		Table t = new Table();
		Table.Row row = t.addRow().put("Specimen", request.specimen());
		for (String line : text.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) row.put(line.substring(0, eq).trim(), Double.parseDouble(line.substring(eq + 1).trim()));
		}
		row.put("Stage", StageRules.defaults().classify(row).stage());
		Csv.write(t, request.outDir().resolve("summary.csv"));
		BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) img.setRGB(x, y, (x * 255 / 300) << 16 | (y * 255 / 200) << 8 | 90);
		ImageIO.write(img, "png", request.outDir().resolve(picture).toFile());
		Provenance p = new Provenance(kind).input(request.input());
		if (request.baseline() != null) p.input(request.baseline());
		for (var e : request.parameters().all().entrySet()) p.parameter(e.getKey(), Double.parseDouble(e.getValue()));
		p.write(request.outDir().resolve("provenance.json"));
		return t;
	}
}
