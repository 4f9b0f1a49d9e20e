package org.bonelesion.sample;

import ij.ImagePlus;
import ij.measure.Calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.Table;
import org.bonelesion.io.AtomicFiles;
import org.bonelesion.io.Csv;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.ImagePlusConverter;
import org.bonelesion.io.Json;

/**
 * The bundled synthetic sample study: micro-CT phantoms (single scans and baseline/follow-up
 * pairs), TRAP-stained sections and a culture well, each with exact ground truth, plus
 * {@code design.csv} and {@code truth.json}. Everything is seeded: the same bytes on every run
 * and any thread count. See docs/samples.md.
 */
public final class SampleStudy {

	/** Image sizes: {@link #FULL} for the shipped study, {@link #SMALL} for fast tests. */
	public record Size(int ctVoxels, double ctVoxelMm, double histoPixelMm) {
		/** 200^3 voxels of 10 um; sections 1600 x 1200 at 1 um. */
		public static final Size FULL = new Size(200, 0.010, 0.001);
		/** 50^3 voxels of 40 um; sections 400 x 300 at 4 um (same anatomy, coarser). */
		public static final Size SMALL = new Size(50, 0.040, 0.004);
	}

	/** Default minimum lesion volume assumed when designing lesions, mm^3. */
	public static final double MIN_LESION_MM3 = 0.0005;
	/** Resorption distance of the paired truth, mm. */
	public static final double RESORPTION_DISTANCE_MM = 0.150;

	/** A micro-CT scan of the study. baselineOf: the specimen's baseline scan id for a follow-up, else null. */
	public record CtScan(String specimen, String group, String timepoint, CtBoneModel model, RigidTransform motion, String baselineOf,
		long noiseSeed) {

		/** File name relative to the study folder. */
		public String file() {
			return "ct/" + specimen + (timepoint.equals("week0") ? "_week0" : motion != null || baselineOf != null ? "_week4" : "") + ".tif";
		}
	}

	/** A TRAP section of the study. */
	public record Section(String specimen, String group, String timepoint, HistoSection.Design design) {
		public String file() {
			return "histo/" + specimen + ".tif";
		}
	}

	private SampleStudy() {}

	/** The study's micro-CT scans, in order. */
	public static List<CtScan> ctScans() {
		List<CtScan> s = new ArrayList<>();
		s.add(new CtScan("V1", "vehicle", "week4", new CtBoneModel(101), null, null, 1101));
		s.add(new CtScan("V2", "vehicle", "week4", new CtBoneModel(102), null, null, 1102));
		s.add(new CtScan("V3", "vehicle", "week4", new CtBoneModel(103), null, null, 1103));
		s.add(new CtScan("V4", "vehicle", "week4", new CtBoneModel(104)
			.plus(CtLesionKind.MARROW_FILL, 0, 1.4, 0.12, 0.10, 0.15, 0.08)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 200, 0.9, 0.10, 0.08, 0.10), null, null, 1104));
		s.add(new CtScan("T1", "treated", "week4", new CtBoneModel(201)
			.plus(CtLesionKind.PERIOSTEAL_PIT, 30, 1.0, 0.5, 0.12, 0.15)
			.plus(CtLesionKind.ENDOSTEAL_PIT, 150, 1.5, 0.5, 0.10, 0.12)
			.plus(CtLesionKind.PERIOSTEAL_PIT, 260, 0.7, 0.45, 0.08, 0.10), null, null, 1201));
		s.add(new CtScan("T2", "treated", "week4", new CtBoneModel(202)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 60, 1.3, 0.20, 0.18, 0.25)
			.plus(CtLesionKind.PERIOSTEAL_SPICULES, 250, 0.8, 0.15, 0.12, 0.15)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 160, 1.75, 0.08, 0.07, 0.08), null, null, 1202));
		s.add(new CtScan("T3", "treated", "week4", new CtBoneModel(203)
			.plus(CtLesionKind.PERIOSTEAL_PIT, 90, 1.2, 0.5, 0.15, 0.20)
			.plus(CtLesionKind.ENDOSTEAL_PIT, 300, 0.9, 0.5, 0.12, 0.15)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 200, 1.5, 0.13, 0.12, 0.16), null, null, 1203));
		s.add(new CtScan("T4", "treated", "week4", new CtBoneModel(204)
			.plus(CtLesionKind.PERFORATING_HOLE, 45, 1.3, 0.28)
			.plus(CtLesionKind.PERFORATING_HOLE, 220, 0.8, 0.06)
			.plus(CtLesionKind.ENDOSTEAL_PIT, 130, 1.75, 0.5, 0.10, 0.10)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 300, 1.6, 0.12, 0.10, 0.12), null, null, 1204));
		CtBoneModel p1 = new CtBoneModel(301);
		s.add(new CtScan("P1", "treated", "week0", p1, null, null, 1301));
		s.add(new CtScan("P1", "treated", "week4", p1
			.plus(CtLesionKind.PERFORATING_HOLE, 100, 1.2, 0.30)
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 280, 1.0, 0.25, 0.20, 0.25),
			new RigidTransform(new double[] { 0.35, -0.25, 0.9 }, 4.0, new double[] { 1, 1, 1 }, new double[] { 0.06, -0.04, 0.05 }),
			"ct/P1_week0.tif", 1302));
		CtBoneModel p2 = new CtBoneModel(302);
		s.add(new CtScan("P2", "vehicle", "week0", p2, null, null, 1303));
		s.add(new CtScan("P2", "vehicle", "week4", p2
			.plus(CtLesionKind.PERIOSTEAL_NODULE, 30, 1.3, 0.25, 0.22, 0.30)
			.plus(CtLesionKind.MARROW_FILL, 200, 1.5, 0.10, 0.09, 0.15, 0.08)
			.plus(CtLesionKind.TRABECULAR_RESORPTION, 0, 0.35, 0.18, 0.10),
			new RigidTransform(new double[] { -0.3, 0.4, 0.87 }, -3.0, new double[] { 1, 1, 1 }, new double[] { -0.05, 0.07, -0.03 }),
			"ct/P2_week0.tif", 1304));
		return s;
	}

	/** The study's TRAP sections. */
	public static List<Section> sections() {
		return List.of(new Section("V1", "vehicle", "week4", new HistoSection.Design(501, 0, 2.5, true)),
			new Section("V2", "vehicle", "week4", new HistoSection.Design(502, 0.08, 3, true)),
			new Section("V3", "vehicle", "week4", new HistoSection.Design(503, 0.15, 11, true)),
			new Section("T1", "treated", "week4", new HistoSection.Design(504, 0.20, 11, true)),
			new Section("T3", "treated", "week4", new HistoSection.Design(505, 0.25, 12, true)));
	}

	/** Seed and cell count of the culture well. */
	public static final long CULTURE_SEED = 601;
	public static final int CULTURE_CELLS = 40;

	/** Renders one scan at a size. */
	public static CtSpecimen render(CtScan scan, Size size, Parallel par) {
		RigidTransform motion = scan.motion == null ? null
			: new RigidTransform(scan.motion.axis(), scan.motion.angleDeg(), centre(size), scan.motion.translation());
		return CtSpecimen.render(scan.model, motion, size.ctVoxels, size.ctVoxelMm, scan.noiseSeed, true, par);
	}

	private static double[] centre(Size size) {
		double c = size.ctVoxels * size.ctVoxelMm / 2;
		return new double[] { c, c, c };
	}

	/** Writes the full study into dir. */
	public static void write(Path dir, Progress progress) throws IOException {
		write(dir, Size.FULL, Parallel.defaults(), progress);
	}

	/** Writes the study at a size with a thread policy (the bytes do not depend on it). */
	public static void write(Path dir, Size size, Parallel par, Progress progress) throws IOException {
		Files.createDirectories(dir.resolve("ct"));
		Files.createDirectories(dir.resolve("histo"));
		Files.createDirectories(dir.resolve("culture"));
		Map<String, Object> files = new LinkedHashMap<>();
		Table design = new Table();
		List<CtScan> scans = ctScans();
		List<Section> sections = sections();
		int steps = scans.size() + sections.size() + 1, step = 0;
		Map<String, CtSpecimen> rendered = new LinkedHashMap<>();
		Map<String, Map<String, Object>> evidence = new LinkedHashMap<>();
		for (CtScan scan : scans) {
			progress.checkCancelled();
			progress.report("micro-CT " + scan.file(), (double) step++ / steps);
			CtSpecimen s = render(scan, size, par);
			writeCt(s, dir.resolve(scan.file()));
			Map<String, Object> t = ctTruth(scan, s, size);
			if (scan.baselineOf != null) {
				CtSpecimen base = rendered.get(scan.baselineOf);
				t.put("pair", pairTruth(scan, base, size, par));
			}
			rendered.put(scan.file(), s);
			files.put(scan.file(), t);
			designRow(design, scan.file(), scan.specimen, scan.group, scan.timepoint, "ct", scan.baselineOf == null ? "" : scan.baselineOf);
			evidence.computeIfAbsent(scan.specimen + "|" + scan.timepoint, k -> new LinkedHashMap<>()).putAll(t);
			if (scan.baselineOf != null) rendered.remove(scan.baselineOf);
		}
		HistoSection.Rendered[] hs = new HistoSection.Rendered[sections.size()];
		progress.report("TRAP sections", (double) step / steps);
		par.forRange(0, sections.size(), i -> hs[i] = HistoSection.render(sections.get(i).design, size.histoPixelMm));
		for (int i = 0; i < sections.size(); i++) {
			Section sec = sections.get(i);
			ImageIo.writeTiff(hs[i].image(), dir.resolve(sec.file()));
			Map<String, Object> t = new LinkedHashMap<>();
			t.put("kind", "histo");
			t.put("specimen", sec.specimen);
			t.putAll(hs[i].truth());
			t.put("design", ordered("seed", sec.design.seed(), "tumour_fraction_target", sec.design.tumourFraction(), "oc_per_mm_target",
				sec.design.ocPerMm()));
			List<Object> cells = new ArrayList<>();
			for (HistoSection.Cell c : hs[i].cells()) cells.add(c.toJson());
			t.put("cells", cells);
			files.put(sec.file(), t);
			designRow(design, sec.file(), sec.specimen, sec.group, sec.timepoint, "histo", "");
			evidence.computeIfAbsent(sec.specimen + "|" + sec.timepoint, k -> new LinkedHashMap<>()).putAll(hs[i].truth());
			step++;
		}
		progress.report("culture well", (double) step / steps);
		CultureWell.Rendered well = CultureWell.render(CULTURE_SEED, CULTURE_CELLS, size.histoPixelMm);
		ImageIo.writeTiff(well.image(), dir.resolve("culture/W1.tif"));
		Map<String, Object> wt = new LinkedHashMap<>();
		wt.put("kind", "culture");
		wt.put("specimen", "W1");
		wt.putAll(well.truth());
		List<Object> wc = new ArrayList<>();
		for (CultureWell.Cell c : well.cells()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", c.id());
			m.put("nuclei", c.nuclei());
			m.put("area_mm2", c.areaMm2());
			m.put("centroid_mm", c.centroidMm());
			wc.add(m);
		}
		wt.put("cells", wc);
		files.put("culture/W1.tif", wt);
		designRow(design, "culture/W1.tif", "W1", "culture", "day7", "culture", "");

		List<Object> specimens = new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> e : evidence.entrySet()) {
			String[] key = e.getKey().split("\\|");
			Map<String, Object> ev = e.getValue();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("Specimen", key[0]);
			m.put("Timepoint", key[1]);
			m.put("Group", groupOf(key[0]));
			m.put("Stage", stage(ev));
			specimens.add(m);
		}
		Map<String, Object> truth = new LinkedHashMap<>();
		truth.put("description", "Ground truth of the synthetic Bone Lesion sample study; see docs/samples.md.");
		truth.put("conventions", conventions(size));
		truth.put("stage_rules", stageRules());
		truth.put("specimens", specimens);
		truth.put("files", files);
		AtomicFiles.writeString(dir.resolve("truth.json"), Json.write(truth));
		Csv.write(design, dir.resolve("design.csv"));
		progress.report("done", 1);
	}

	/** An insertion-ordered map from key, value pairs (Map.of's order changes between runs). */
	private static Map<String, Object> ordered(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	private static String groupOf(String specimen) {
		for (CtScan s : ctScans()) if (s.specimen.equals(specimen)) return s.group;
		for (Section s : sections()) if (s.specimen.equals(specimen)) return s.group;
		return "culture";
	}

	private static void designRow(Table t, String file, String specimen, String group, String timepoint, String kind, String baseline) {
		Table.Row r = t.addRow();
		r.put("File", file);
		r.put("Specimen", specimen);
		r.put("Group", group);
		r.put("Timepoint", timepoint);
		r.put("Kind", kind);
		r.put("Baseline", baseline);
	}

	/** Writes a scan as a 16-bit TIFF stack with its spacing and density calibration. */
	public static void writeCt(CtSpecimen s, Path file) throws IOException {
		ImagePlus imp = ImagePlusConverter.toImagePlus(s.image(), file.getFileName().toString());
		imp.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] { CtSpecimen.INTERCEPT, CtSpecimen.SLOPE }, "mgHA/cm^3");
		ImageIo.writeTiff(imp, file);
	}

	private static Map<String, Object> ctTruth(CtScan scan, CtSpecimen s, Size size) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("kind", "ct");
		t.put("specimen", scan.specimen);
		t.put("timepoint", scan.timepoint);
		t.put("Voxel (um)", size.ctVoxelMm * 1000);
		t.put("dimensions", new int[] { size.ctVoxels, size.ctVoxels, size.ctVoxels });
		t.put("calibration", ordered("function", "straight line", "intercept", CtSpecimen.INTERCEPT, "slope", CtSpecimen.SLOPE, "unit",
			"mgHA/cm^3"));
		t.put("BV (mm^3)", s.boneVolumeMm3());
		t.put("Lytic.N", s.lesionCount("lytic"));
		t.put("Lytic.V (mm^3)", s.lesionVolume("lytic"));
		t.put("Blastic.N", s.lesionCount("blastic"));
		t.put("Blastic.V (mm^3)", s.lesionVolume("blastic"));
		t.put("Ct.Perf.N", s.perforatingCount());
		List<Object> lesions = new ArrayList<>();
		for (CtSpecimen.LesionTruth l : s.lesions()) lesions.add(l.toJson());
		t.put("lesions", lesions);
		t.put("anatomy", scan.model.anatomy());
		t.put("densities_mgHA_cm3", ordered("marrow", CtBoneModel.DENSITY[CtBoneModel.MARROW], "soft_tissue",
			CtBoneModel.DENSITY[CtBoneModel.SOFT], "cortex", CtBoneModel.DENSITY[CtBoneModel.CORTEX], "trabecular",
			CtBoneModel.DENSITY[CtBoneModel.TRABECULAR], "new_bone", CtBoneModel.DENSITY[CtBoneModel.NEW_BONE], "cartilage",
			CtBoneModel.DENSITY[CtBoneModel.CARTILAGE], "noise_sd", CtSpecimen.NOISE_SD));
		return t;
	}

	/** The paired truth of a follow-up against its baseline, in the baseline's frame. */
	public static Map<String, Object> pairTruth(CtScan followUp, CtSpecimen baseline, Size size, Parallel par) {
		int n = size.ctVoxels;
		double vv = Math.pow(size.ctVoxelMm, 3);
		RigidTransform motion = new RigidTransform(followUp.motion.axis(), followUp.motion.angleDeg(), centre(size),
			followUp.motion.translation());
		CtSpecimen f0 = CtSpecimen.render(followUp.model, null, n, size.ctVoxelMm, 0, false, par);
		ByteVolume b = baseline.boneMask(), f = f0.boneMask();
		int[][] dToF = SquaredDistance.of(f, par), dToB = SquaredDistance.of(b, par);
		double limit = RESORPTION_DISTANCE_MM / size.ctVoxelMm;
		double limit2 = limit * limit;
		long resorbed = 0, formed = 0, removed = 0, added = 0, resorbedAll = 0, formedAll = 0;
		double extent = n * size.ctVoxelMm;
		for (int z = 0; z < n; z++) {
			byte[] bs = b.slice(z), fs = f.slice(z);
			for (int i = 0; i < bs.length; i++) {
				double[] p = { (i % n + 0.5) * size.ctVoxelMm, (i / n + 0.5) * size.ctVoxelMm, (z + 0.5) * size.ctVoxelMm };
				boolean rs = bs[i] != 0 && dToF[z][i] > limit2, fm = fs[i] != 0 && dToB[z][i] > limit2;
				if (bs[i] != 0 && fs[i] == 0) removed++;
				if (fs[i] != 0 && bs[i] == 0) added++;
				if (rs) resorbedAll++;
				if (fm) formedAll++;
				if (rs || fm) {
					double[] q = motion.apply(p);
					boolean seen = q[0] >= 0 && q[1] >= 0 && q[2] >= 0 && q[0] < extent && q[1] < extent && q[2] < extent;
					if (seen && rs) resorbed++;
					if (seen && fm) formed++;
				}
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("baseline", followUp.baselineOf);
		m.put("transform", motion.toJson());
		m.put("resorption_distance_mm", RESORPTION_DISTANCE_MM);
		m.put("Resorbed.V (mm^3)", resorbed * vv);
		m.put("Formed.V (mm^3)", formed * vv);
		m.put("Resorbed.V whole field (mm^3)", resorbedAll * vv);
		m.put("Formed.V whole field (mm^3)", formedAll * vv);
		m.put("designed removed bone (mm^3)", removed * vv);
		m.put("designed added bone (mm^3)", added * vv);
		return m;
	}

	private static Map<String, Object> conventions(Size size) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("coordinates", "mm; voxel or pixel (i, j[, k]) covers [i, i+1) x [j, j+1) times its size, so its centre is at (i + 0.5) * size");
		m.put("ct_masks", "a voxel is bone (or lesion) when its centre lies inside the analytic shape; volumes are voxel counts x voxel volume");
		m.put("lytic", "cortex voxels removed by a defect inside the smooth periosteal envelope (the lesion-free outer ellipse)");
		m.put("blastic", "bone voxels added outside the smooth periosteal envelope, or inside the marrow cavity (marrow-fill)");
		m.put("perforating", "the defect removes the cortex across its whole thickness");
		m.put("pair", "Resorbed.V: baseline bone farther than " + RESORPTION_DISTANCE_MM
			+ " mm from any follow-up bone; Formed.V: follow-up bone farther than that from any baseline bone; exact Euclidean distance on the truth masks in the baseline frame, counted where the baseline voxel is inside the follow-up field of view");
		m.put("histo", "areas and perimeters from the exact polygons; Tm.Ar is the tumour outline minus the bone inside it; B.Ar and B.Pm include woven bone; Oc.Pm is the summed contact length of osteoclasts along the bone surface");
		m.put("size", ordered("ct_voxels", size.ctVoxels, "ct_voxel_mm", size.ctVoxelMm, "histo_pixel_mm", size.histoPixelMm));
		return m;
	}

	/** The default stage rules this truth was made with. */
	public static Map<String, Object> stageRules() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("4-cortical-breach", "Ct.Perf.N >= 1");
		m.put("3-lytic/3-blastic/3-mixed", "Lytic.N + Blastic.N >= 1; lytic if Lytic.V >= 80 % of Lytic.V + Blastic.V, blastic if Blastic.V >= 80 %, else mixed");
		m.put("2-osteoclast-activation", "Tm.Ar/T.Ar >= 2 % and (N.Oc/B.Pm >= 8 /mm or Oc.Pm/B.Pm >= 20 %)");
		m.put("1-colonisation", "Tm.Ar/T.Ar >= 2 %");
		m.put("0-none", "otherwise");
		return m;
	}

	/** The stage by the default rules from a map of measurements (missing ones count as absent). */
	public static String stage(Map<String, Object> ev) {
		if (num(ev, "Ct.Perf.N") >= 1) return "4-cortical-breach";
		double ln = num(ev, "Lytic.N"), bn = num(ev, "Blastic.N"), lv = num(ev, "Lytic.V (mm^3)"), bv = num(ev, "Blastic.V (mm^3)");
		if (ln + bn >= 1) {
			double total = lv + bv;
			if (lv >= 0.8 * total) return "3-lytic";
			if (bv >= 0.8 * total) return "3-blastic";
			return "3-mixed";
		}
		boolean tumour = num(ev, "Tm.Ar/T.Ar (%)") >= 2;
		if (tumour && (num(ev, "N.Oc/B.Pm (1/mm)") >= 8 || num(ev, "Oc.Pm/B.Pm (%)") >= 20)) return "2-osteoclast-activation";
		if (tumour) return "1-colonisation";
		return "0-none";
	}

	private static double num(Map<String, Object> m, String k) {
		Object v = m.get(k);
		return v instanceof Number n ? n.doubleValue() : 0;
	}
}
