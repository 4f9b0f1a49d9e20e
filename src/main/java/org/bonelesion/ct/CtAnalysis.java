package org.bonelesion.ct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bonelesion.core.Analysis;
import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Calibrations;
import org.bonelesion.core.Options;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.LoadedVolume;
import org.bonelesion.io.Provenance;
import org.bonelesion.stage.StageRules;

/**
 * The {@code ct} analysis of one micro-CT volume: bone segmentation, compartments and standard
 * morphometry ({@link CtPipeline}, {@link Morphometry}). Writes {@code summary.csv},
 * {@code labels.tif}, {@code provenance.json} and {@code segmentation.png} into the output
 * folder. Lesions are added at {@link #addLesionResults}.
 */
public final class CtAnalysis implements Analysis {

	/** Label of bone in labels.tif (2 and 3 are reserved for lytic and blastic lesions). */
	public static final int LABEL_BONE = 1;

	@Override
	public String kind() {
		return "ct";
	}

	@Override
	public String command() {
		return "ct";
	}

	@Override
	public String summary() {
		return "micro-CT: bone segmentation, cortex and trabeculae, standard morphometry";
	}

	@Override
	public Options options() {
		return new Options()
			.optional("threshold", "otsu", "mgHA/cm^3 or grey", "bone threshold: otsu, isodata, or a number (mg HA/cm^3 when the image is density-calibrated, else grey value); bone is at or above it")
			.optional("sigma-um", "auto", "um", "Gaussian smoothing before thresholding (auto: 0.8 x the smallest voxel size; 0: none)")
			.optional("min-speck-mm3", "0.001", "mm^3", "bone pieces smaller than this are removed")
			.optional("keep", "largest", "", "largest: keep the largest bone; all: keep every bone")
			.optional("cortex", "auto", "", "auto, yes or no: separate a cortex (auto: not when the bone touches the image sides in most slices, as a trabecular core does)")
			.optional("envelope-close-um", "100", "um", "closing radius that seals the periosteal surface before filling the marrow cavity")
			.optional("pore-um", "30", "um", "marrow spaces narrower than twice this (cortical pores, canals) belong to the cortex")
			.optional("trabecular-close-um", "80", "um", "closing radius that draws trabeculae into the trabecular compartment")
			.optional("voi", "whole", "", "whole: every slice; slab: --voi-length-mm from --voi-reference")
			.optional("voi-reference", "growth-plate", "", "growth-plate (found automatically) or a slice number (1 = first slice)")
			.optional("voi-start-mm", "0.1", "mm", "slab start: distance from the reference slice along the slab direction")
			.optional("voi-length-mm", "1.0", "mm", "slab length")
			.optional("voi-direction", "auto", "", "auto (away from the growth plate's end; up for a slice number), up (increasing slice numbers) or down")
			.optional("phantom", "", "mgHA/cm^3:grey", "density phantom: density:grey pairs, e.g. 0:1200,800:4100, fitted linearly (overrides the file's calibration)");
	}

	@Override
	public Table run(Request request, Progress progress) throws IOException {
		Parallel parallel = Parallel.defaults();
		Options.Parsed p = request.parameters();
		String name = request.input() != null ? request.input().getFileName().toString() : request.specimen();
		Provenance prov = new Provenance("ct");
		for (Map.Entry<String, String> e : p.all().entrySet()) prov.parameter(e.getKey(), e.getValue());
		prov.parameter("voxel-um", Double.isNaN(request.sizeUmOverride()) ? "" : request.sizeUmOverride());
		progress.report("reading " + name, 0);
		LoadedVolume loaded = load(request, name);
		if (request.input() != null && Files.exists(request.input())) prov.input(request.input());
		ShortVolume raw = loaded.volume();
		if (raw.depth() < 2) {
			throw new UserInputException(name + " is a 2D image (" + raw.width() + " x " + raw.height() + "); micro-CT analysis needs a volume (a stack of slices)");
		}
		Spacing spacing = Calibrations.resolve(raw.spacing(), request.sizeUmOverride(), name, "--voxel-um");
		ShortVolume image = raw.withSpacing(spacing);
		ValueCalibration values = loaded.values() == null ? ValueCalibration.NONE : loaded.values();
		if (p.has("phantom")) values = PhantomCalibration.parse(p.get("phantom")).after(values);
		CtSettings settings = CtSettings.from(p, Math.min(spacing.x(), Math.min(spacing.y(), spacing.z())));
		progress.checkCancelled();

		CtSegmentation seg = CtPipeline.run(image, values, settings, name, parallel, progress.sub(0.05, 0.5));
		progress.checkCancelled();
		Morphometry.Result m = Morphometry.measure(seg, parallel, progress.sub(0.5, 0.9));
		progress.checkCancelled();

		Table table = new Table();
		Table.Row row = table.addRow();
		row.put("Specimen", request.specimen());
		row.put("Voxel", "um", spacing.xUm());
		row.put("TV", "mm^3", m.tvMm3());
		row.put("BV", "mm^3", m.bvMm3());
		row.put("BV/TV", "%", m.bvTvPercent());
		row.put("Tb.Th", "mm", m.tbThMm());
		row.put("Tb.Sp", "mm", m.tbSpMm());
		row.put("Tb.N", "1/mm", m.tbNPerMm());
		row.put("Conn.D", "1/mm^3", m.connDPerMm3());
		row.put("Ct.Th", "mm", m.ctThMm());
		row.put("Ct.Ar", "mm^2", m.ctArMm2());
		row.put("Tt.Ar", "mm^2", m.ttArMm2());
		row.put("Ct.Ar/Tt.Ar", "%", m.ctArTtArPercent());
		ByteVolume labels = labels(seg, parallel);
		addLesionResults(seg, row, labels, request, prov, parallel, progress);
		if (values.isDensity()) row.put("TMD", "mgHA/cm^3", m.tmd());
		row.put("Stage", StageRules.defaults().classify(row).stage());

		progress.report("writing results", 0.92);
		Path out = request.outDir();
		Files.createDirectories(out);
		Csv.write(table, out.resolve("summary.csv"));
		ImageIo.writeTiff(labels, out.resolve("labels.tif"));
		ImageIo.writePng(SegmentationPicture.render(seg), out.resolve("segmentation.png"));
		decisions(prov, loaded, seg, m, spacing, values, settings);
		prov.write(out.resolve("provenance.json"));
		progress.report("done", 1);
		return table;
	}

	/**
	 * HOOK for the lesion code: called after morphometry and before the stage is decided, with
	 * the segmentation, the summary row (add {@code Lytic.N}, {@code Lytic.V (mm^3)},
	 * {@code Blastic.N}, {@code Blastic.V (mm^3)}, {@code Ct.Perf.N} here), the label volume
	 * (paint 2 = lytic, 3 = blastic) and the provenance; write {@code lesions.csv} into
	 * {@code request.outDir()}. Does nothing until lesions are integrated.
	 */
	void addLesionResults(CtSegmentation seg, Table.Row row, ByteVolume labels, Request request, Provenance prov, Parallel parallel,
		Progress progress) {
		// lesions are integrated here (see the Javadoc)
	}

	/** The volume to analyse: the request's image in memory, or the input read from disk. */
	static LoadedVolume load(Request request, String name) {
		Object img = request.image();
		if (img instanceof LoadedVolume lv) return lv;
		if (img instanceof RgbImage) throw new UserInputException(name + " is a colour (RGB) image; micro-CT analysis needs a grey-level volume");
		if (img != null) throw new UserInputException(name + ": micro-CT analysis needs a grey-level volume, got " + img.getClass().getSimpleName());
		if (request.input() == null) throw new UserInputException("no input image was given");
		return ImageIo.readVolume(request.input());
	}

	/** The label volume: 1 = bone, with the image's spacing. */
	static ByteVolume labels(CtSegmentation seg, Parallel parallel) {
		ByteVolume labels = seg.bone().copy().withSpacing(seg.spacing());
		parallel.forRange(0, labels.depth(), z -> {
			byte[] b = labels.slice(z);
			for (int i = 0; i < b.length; i++) if (b[i] != 0) b[i] = LABEL_BONE;
		});
		return labels;
	}

	private static void decisions(Provenance prov, LoadedVolume loaded, CtSegmentation seg, Morphometry.Result m, Spacing sp, ValueCalibration values,
		CtSettings s) {
		prov.decision("format", loaded.format());
		prov.decision("dimensions", seg.image().dims());
		prov.decision("voxel_um", new double[] { sp.xUm(), sp.yUm(), sp.zUm() });
		Map<String, Object> cal = new LinkedHashMap<>();
		cal.put("intercept", values.intercept());
		cal.put("slope", values.slope());
		cal.put("unit", values.unit());
		cal.put("density", values.isDensity());
		prov.decision("value_calibration", cal);
		prov.decision("sigma_mm", s.sigmaMm());
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("method", seg.threshold().method());
		t.put("raw_grey", seg.threshold().raw());
		t.put("physical", seg.threshold().physical());
		t.put("unit", seg.threshold().unit());
		t.put("rule", "bone = smoothed grey >= raw_grey");
		prov.decision("threshold", t);
		prov.decision("cortex_separated", seg.hasCortex());
		prov.decision("voi", seg.voiDescription());
		prov.decision("voi_slices", new int[] { seg.voiStart() + 1, seg.voiEnd() });
		prov.decision("euler_characteristic", m.chi());
		prov.decision("delta_euler_characteristic", m.deltaChi());
		prov.decision("cortex_slices_averaged", m.cortexSlices());
		if (!loaded.info().isEmpty()) prov.decision("file_info", loaded.info());
	}
}
