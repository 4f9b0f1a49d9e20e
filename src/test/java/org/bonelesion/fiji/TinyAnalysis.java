package org.bonelesion.fiji;

import java.io.IOException;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Calibrations;
import org.bonelesion.core.Options;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Table;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.LoadedVolume;
import org.bonelesion.io.Provenance;

/**
 * A stand-in analysis for testing the Fiji machinery while the real ones are elsewhere. It is
 * registered only in a test plugins jar (never in src/main). Micro-CT: bone is every voxel at
 * or above {@code threshold}; BV = bone voxels x voxel volume (closed form on a phantom).
 * Histology: stained pixels are those whose red exceeds green by {@code threshold}.
 */
public abstract class TinyAnalysis implements Analysis {

	private final String kind;

	TinyAnalysis(String kind) {
		this.kind = kind;
	}

	@Override
	public String kind() {
		return kind;
	}

	@Override
	public String command() {
		return kind.equals("ct") ? "ct" : "histo";
	}

	@Override
	public String summary() {
		return "tiny test " + kind;
	}

	@Override
	public Options options() {
		return new Options().optional("threshold", kind.equals("ct") ? "100" : "30", "grey", "the bone (stain) threshold")
			.optional("method", "fixed", "", "fixed or half (half halves the threshold)").flag("invert", "count the other side");
	}

	@Override
	public Table run(Request r, Progress progress) throws IOException {
		double threshold = r.parameters().number("threshold");
		String method = r.parameters().choice("method", "fixed", "half");
		if (method.equals("half")) threshold /= 2;
		boolean invert = r.parameters().flag("invert");
		Table t = new Table();
		Table.Row row = t.addRow().put("Specimen", r.specimen());
		progress.report("counting", 0.5);
		if (kind.equals("ct")) {
			LoadedVolume lv = r.image() instanceof LoadedVolume l ? l : ImageIo.readVolume(r.input());
			Spacing s = Calibrations.resolve(lv.volume().spacing(), r.sizeUmOverride(), String.valueOf(r.input()), "--voxel-um");
			ShortVolume v = lv.volume();
			ByteVolume labels = new ByteVolume(v.width(), v.height(), v.depth(), s);
			long bone = 0;
			for (int z = 0; z < v.depth(); z++) for (int y = 0; y < v.height(); y++) for (int x = 0; x < v.width(); x++) {
				if ((v.get(x, y, z) >= threshold) != invert) {
					bone++;
					labels.set(x, y, z, 1);
				}
			}
			long total = (long) v.width() * v.height() * v.depth();
			row.put("Voxel", "um", s.xUm()).put("TV", "mm^3", total * s.voxelVolume()).put("BV", "mm^3", bone * s.voxelVolume())
				.put("BV/TV", "%", 100.0 * bone / total);
			if (r.baseline() != null) {
				ShortVolume b = ImageIo.readVolume(r.baseline()).volume();
				long before = 0;
				for (int z = 0; z < b.depth(); z++) for (int y = 0; y < b.height(); y++) for (int x = 0; x < b.width(); x++) if (b.get(x, y, z) >= threshold) before++;
				row.put("Formed.V", "mm^3", Math.max(0, bone - before) * s.voxelVolume());
			}
			ImageIo.writeTiff(labels, r.outDir().resolve("labels.tif"));
		} else {
			RgbImage img = r.image() instanceof RgbImage i ? i : ImageIo.readRgb(r.input());
			Spacing s = Calibrations.resolve(img.spacing(), r.sizeUmOverride(), String.valueOf(r.input()), "--pixel-um");
			long stained = 0;
			int[] px = img.pixels();
			int[] overlay = new int[px.length];
			for (int i = 0; i < px.length; i++) {
				int red = px[i] >> 16 & 0xff, green = px[i] >> 8 & 0xff;
				boolean on = (red - green >= threshold) != invert;
				if (on) stained++;
				overlay[i] = on ? 0xff00ff : px[i];
			}
			row.put("Pixel", "um", s.xUm()).put("T.Ar", "mm^2", px.length * s.pixelArea()).put(kind.equals("culture") ? "TRAP+.Ar" : "Oc.Ar", "mm^2",
				stained * s.pixelArea());
			ImageIo.writePng(new RgbImage(img.width(), img.height(), overlay, s), r.outDir().resolve("overlay.png"));
		}
		row.put("Stage", "0-none");
		progress.report("done", 1);
		Csv.write(t, r.outDir().resolve("summary.csv"));
		Provenance p = new Provenance(command());
		if (r.input() != null && java.nio.file.Files.isRegularFile(r.input())) p.input(r.input());
		for (var e : r.parameters().all().entrySet()) p.parameter(e.getKey(), e.getValue());
		p.write(r.outDir().resolve("provenance.json"));
		return t;
	}

	/** The micro-CT stand-in. */
	public static final class Ct extends TinyAnalysis {
		public Ct() {
			super("ct");
		}
	}

	/** The TRAP section stand-in. */
	public static final class Histo extends TinyAnalysis {
		public Histo() {
			super("histo");
		}
	}

	/** The TRAP culture stand-in. */
	public static final class Culture extends TinyAnalysis {
		public Culture() {
			super("culture");
		}
	}
}
