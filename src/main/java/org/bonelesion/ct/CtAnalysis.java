package org.bonelesion.ct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.bonelesion.ops.Connectivity;
import org.bonelesion.ops.LabelStats;
import org.bonelesion.ops.Labeling;
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
			.optional("sigma-um", "auto", "um", "Gaussian smoothing before thresholding (auto: the least that keeps the noise under 1/10 of the background-to-bone peak distance, at most 0.8 x the smallest voxel size; 0: none)")
			.optional("min-speck-mm3", "0.001", "mm^3", "bone pieces smaller than this are removed")
			.optional("keep", "largest", "", "largest: keep the largest bone and the pieces inside its cross-section (new bone in the marrow); all: keep every bone")
			.optional("cortex", "auto", "", "auto, yes or no: separate a cortex (auto: not when the bone touches the image sides in most slices, as a trabecular core does)")
			.optional("envelope-close-um", "100", "um", "closing radius that seals the periosteal surface before filling the marrow cavity")
			.optional("pore-um", "30", "um", "marrow spaces narrower than twice this (cortical pores, canals) belong to the cortex")
			.optional("trabecular-close-um", "80", "um", "closing radius that draws trabeculae into the trabecular compartment")
			.optional("voi", "whole", "", "whole: every slice; slab: --voi-length-mm from --voi-reference")
			.optional("voi-reference", "growth-plate", "", "growth-plate (found automatically) or a slice number (1 = first slice)")
			.optional("voi-start-mm", "0.1", "mm", "slab start: distance from the reference slice along the slab direction")
			.optional("voi-length-mm", "1.0", "mm", "slab length")
			.optional("voi-direction", "auto", "", "auto (away from the growth plate's end; up for a slice number), up (increasing slice numbers) or down")
			.optional("phantom", "", "mgHA/cm^3:grey", "density phantom: density:grey pairs, e.g. 0:1200,800:4100, fitted linearly (overrides the file's calibration)")
			.optional("min-lesion-mm3", Table.format(LesionParameters.DEFAULT_MIN_VOLUME_MM3), "mm^3", "smallest lesion reported")
			.optional("min-lesion-thickness-um", um(LesionParameters.DEFAULT_MIN_THICKNESS_MM), "um", "a lesion must hold a ball of this diameter (rejects slivers and surface roughness); thinner periosteal new bone counts if it rises twice this above the periosteal surface (spicules)")
			.optional("lesion-envelope-um", um(LesionParameters.DEFAULT_ENVELOPE_RADIUS_MM), "um", "closing radius of the smooth periosteal envelope bridging cortical defects (larger than the widest defect)")
			.optional("protrusion-um", um(LesionParameters.DEFAULT_PROTRUSION_RADIUS_MM), "um", "opening radius of the envelope: bone sticking out of the opened envelope is periosteal new bone")
			.optional("marrow-um", um(LesionParameters.DEFAULT_MARROW_RADIUS_MM), "um", "opening radius of the marrow cavity whose edge is the smooth endosteal surface")
			.optional("marrow-bone-um", um(LesionParameters.DEFAULT_MARROW_BONE_THICKNESS_MM), "um", "bone in the marrow cavity thicker than this somewhere is blastic new bone")
			.optional("resorption-um", um(LesionParameters.DEFAULT_RESORPTION_DISTANCE_MM), "um", "paired analysis: baseline bone farther than this from any follow-up bone is resorbed, and the converse is formed")
			.flag("mirror", "paired analysis: the baseline is the contralateral limb (mirror the follow-up in x before registering)");
	}

	private static String um(double mm) {
		return Table.format(mm * 1000);
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
		CtSettings settings = CtSettings.from(p);
		if (settings.autoSigma()) {
			// resolved once, on this scan, and used for the baseline too: both scans smoothed alike
			BoneSegmenter.AutoSigma auto = BoneSegmenter.autoSigma(image, parallel);
			settings = settings.withSigmaMm(auto.sigmaMm());
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("noise_sd_grey", auto.noiseSd());
			a.put("half_peak_distance_grey", auto.marginSd());
			a.put("rule", auto.reason());
			prov.decision("sigma_auto", a);
		}
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
		ByteVolume labels = addLesionResults(seg, settings, values, row, request, prov, parallel, progress.sub(0.9, 0.97));
		if (values.isDensity()) row.put("TMD", "mgHA/cm^3", m.tmd());
		row.put("Stage", StageRules.defaults().classify(row).stage());

		progress.report("writing results", 0.97);
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
	 * Lesions, added to the summary row before the stage is decided. One scan: lytic cortical
	 * defects and blastic new bone ({@link LesionFinder}). With a baseline: the follow-up (this
	 * scan) is registered onto the baseline and the lesions are the resorbed and formed
	 * components ({@link PairedAnalysis}), in baseline space; {@code Ct.Perf.N} still comes from
	 * the single-scan analysis of the follow-up (perforation is a property of one scan), whose
	 * lesions are also written to {@code lesions_followup.csv}. Writes {@code lesions.csv} and
	 * {@code lesion_map.png}.
	 *
	 * @return the label volume to write: 1 bone, 2 lytic, 3 blastic (baseline space when paired)
	 */
	ByteVolume addLesionResults(CtSegmentation seg, CtSettings settings, ValueCalibration values, Table.Row row, Request request,
		Provenance prov, Parallel parallel, Progress progress) throws IOException {
		LesionParameters lp = lesionParameters(request.parameters());
		Path out = request.outDir();
		Files.createDirectories(out);
		progress.report("lesions", 0);
		LesionResult single = LesionFinder.find(seg.bone(), seg.spacing(), lp, parallel, progress.sub(0, request.baseline() == null ? 1 : 0.3));
		if (request.baseline() == null) {
			single.putSummary(row);
			Csv.write(single.lesionsTable(request.specimen()), out.resolve("lesions.csv"));
			ImageIo.writePng(LesionMap.render(single.labels()), out.resolve("lesion_map.png"));
			return single.labels().withSpacing(seg.spacing());
		}
		Path basePath = request.baseline();
		String baseName = basePath.getFileName().toString();
		progress.report("reading baseline " + baseName, 0.3);
		LoadedVolume base = ImageIo.readVolume(basePath);
		prov.input(basePath);
		ShortVolume baseRaw = base.volume();
		if (baseRaw.depth() < 2) throw new UserInputException("the baseline " + baseName + " is a 2D image; a paired analysis needs two volumes");
		Spacing baseSpacing = Calibrations.resolve(baseRaw.spacing(), request.sizeUmOverride(), "the baseline " + baseName, "--voxel-um");
		ValueCalibration baseValues = base.values() == null ? ValueCalibration.NONE : base.values();
		if (request.parameters().has("phantom")) baseValues = PhantomCalibration.parse(request.parameters().get("phantom")).after(baseValues);
		CtSegmentation baseSeg = CtPipeline.run(baseRaw.withSpacing(baseSpacing), baseValues, settings, "the baseline " + baseName, parallel,
			progress.sub(0.3, 0.55));
		progress.checkCancelled();
		PairedResult paired = PairedAnalysis.analyse(baseSeg.image(), seg.image(), baseSeg.bone(), seg.bone(), request.parameters().flag("mirror"),
			lp, parallel, progress.sub(0.55, 1));
		LesionResult lesions = markCortical(paired.lesions(), baseSeg.cortical(), parallel);
		lesions.putSummary(row);
		row.put("Ct.Perf.N", single.perforatingCount());
		row.put("Resorbed.V", "mm^3", paired.resorbedMm3());
		row.put("Formed.V", "mm^3", paired.formedMm3());
		paired.putRegistration(row);
		Csv.write(lesions.lesionsTable(request.specimen()), out.resolve("lesions.csv"));
		Csv.write(single.lesionsTable(request.specimen()), out.resolve("lesions_followup.csv"));
		ImageIo.writePng(LesionMap.render(lesions.labels()), out.resolve("lesion_map.png"));
		Map<String, Object> reg = new LinkedHashMap<>();
		reg.put("baseline", baseName);
		reg.put("convention", "baseline point p (mm) maps to follow-up point R (p - c) + c + t, R = Rz Rx Ry");
		reg.put("rotation_deg", new double[] { paired.transform().rxDegrees(), paired.transform().ryDegrees(), paired.transform().rzDegrees() });
		reg.put("translation_mm", paired.transform().translationMm());
		reg.put("centre_mm", paired.transform().centreMm());
		reg.put("mirrored", paired.transform().mirrored());
		reg.put("normalised_cross_correlation", paired.registration().correlation());
		reg.put("rms_grey_difference", paired.registration().rmsDifference());
		prov.decision("registration", reg);
		prov.decision("baseline_threshold_raw_grey", baseSeg.threshold().raw());
		return lesions.labels().withSpacing(baseSpacing);
	}

	/** The lesion parameters from the options (lengths given in um). */
	static LesionParameters lesionParameters(Options.Parsed p) {
		return new LesionParameters(p.positive("min-lesion-mm3"), p.positive("min-lesion-thickness-um") / 1000,
			p.positive("lesion-envelope-um") / 1000, p.positive("protrusion-um") / 1000, p.positive("marrow-um") / 1000,
			p.positive("marrow-bone-um") / 1000, p.positive("resorption-um") / 1000);
	}

	/**
	 * Paired lesions marked cortical when they overlap the baseline's cortex. Components of the
	 * label image are matched to the lesions by their centroids.
	 */
	static LesionResult markCortical(LesionResult r, ByteVolume cortex, Parallel parallel) {
		if (r.lesions().isEmpty()) return r;
		ByteVolume lesionMask = r.labels().blankCopy();
		parallel.forRange(0, lesionMask.depth(), z -> {
			byte[] l = r.labels().slice(z), m = lesionMask.slice(z);
			for (int i = 0; i < l.length; i++) m[i] = (l[i] == LesionResult.LYTIC || l[i] == LesionResult.BLASTIC) ? (byte) 1 : 0;
		});
		Labeling.Result lab = Labeling.label(lesionMask, Connectivity.TWENTY_SIX, parallel);
		LabelStats st = LabelStats.of(lab, parallel);
		boolean[] onCortex = new boolean[lab.count() + 1];
		for (int z = 0; z < lesionMask.depth(); z++) {
			int[] l = lab.labels().slice(z);
			byte[] c = cortex.slice(z);
			for (int i = 0; i < l.length; i++) if (l[i] > 0 && c[i] != 0) onCortex[l[i]] = true;
		}
		List<Lesion> out = new ArrayList<>();
		for (Lesion les : r.lesions()) {
			int best = 0;
			double bestD = Double.POSITIVE_INFINITY;
			for (int k = 1; k <= lab.count(); k++) {
				double dx = st.centroidXMm(k) - les.xMm(), dy = st.centroidYMm(k) - les.yMm(), dz = st.centroidZMm(k) - les.zMm();
				double d = dx * dx + dy * dy + dz * dz;
				if (d < bestD) {
					bestD = d;
					best = k;
				}
			}
			out.add(new Lesion(les.id(), les.type(), les.volumeMm3(), les.xMm(), les.yMm(), les.zMm(), best > 0 && onCortex[best], les.perforating()));
		}
		return new LesionResult(r.labels(), out, r.corticalThicknessMm(), r.protrusionRadiusMm(), r.marrowRadiusMm());
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
