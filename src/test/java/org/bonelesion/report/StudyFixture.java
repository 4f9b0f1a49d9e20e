package org.bonelesion.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.bonelesion.core.Analysis;

/**
 * A small therapy study for the tests: vehicle and zoledronate (zol), three mice each with
 * micro-CT and histology at day 21, and micro-CT of one mouse per group at day 7. Values are
 * chosen so that every stage rule is exercised and the expected answers are known by hand.
 */
final class StudyFixture {

	final FakeAnalysis ct = new FakeAnalysis("ct", "lesion_map.png");
	final FakeAnalysis histo = new FakeAnalysis("histo", "overlay.png");
	final Function<String, Analysis> resolver = k -> k.equals("ct") ? ct : k.equals("histo") ? histo : null;

	static final String CT = "Voxel (um)=10\nBV/TV (%%)=%s\nLytic.N=%s\nLytic.V (mm^3)=%s\nBlastic.N=%s\nBlastic.V (mm^3)=%s\nCt.Perf.N=%s\n";
	static final String HISTO = "Pixel (um)=0.5\nN.Oc/B.Pm (1/mm)=%s\nOc.Pm/B.Pm (%%)=%s\nTm.Ar/T.Ar (%%)=%s\n";

	/** Expected stage of each specimen at day 21, by the default rules. */
	static final Map<String, String> STAGES_D21 = Map.of("v1", "4-cortical-breach", "v2", "3-mixed", "v3", "3-lytic", "z1", "1-colonisation", "z2",
		"2-osteoclast-activation", "z3", "3-blastic");

	/** BV/TV (%) at day 21. */
	static final double[] VEHICLE_BVTV = { 10, 11, 12 }, ZOL_BVTV = { 20, 22, 25 };

	static String design() {
		return "File,Specimen,Group,Timepoint,Kind,Baseline\n"
			+ "v1_d21_ct.txt,v1,vehicle,d21,ct,\nv2_d21_ct.txt,v2,vehicle,d21,ct,\nv3_d21_ct.txt,v3,vehicle,d21,ct,\n"
			+ "z1_d21_ct.txt,z1,zol,d21,ct,\nz2_d21_ct.txt,z2,zol,d21,ct,\nz3_d21_ct.txt,z3,zol,d21,ct,\n"
			+ "v1_d21_histo.txt,v1,vehicle,d21,histo,\nv2_d21_histo.txt,v2,vehicle,d21,histo,\nv3_d21_histo.txt,v3,vehicle,d21,histo,\n"
			+ "z1_d21_histo.txt,z1,zol,d21,histo,\nz2_d21_histo.txt,z2,zol,d21,histo,\nz3_d21_histo.txt,z3,zol,d21,histo,\n"
			+ "v1_d7_ct.txt,v1,vehicle,d7,ct,\nz1_d7_ct.txt,z1,zol,d7,ct,\n";
	}

	/** Writes the images (and design.csv unless {@code design} is null) into dir. */
	static void write(Path dir, String design) throws IOException {
		Files.createDirectories(dir);
		ct(dir, "v1_d21", 10, 2, 0.5, 0, 0, 1);
		ct(dir, "v2_d21", 11, 1, 0.3, 1, 0.3, 0);
		ct(dir, "v3_d21", 12, 1, 0.4, 0, 0, 0);
		ct(dir, "z1_d21", 20, 0, 0, 0, 0, 0);
		ct(dir, "z2_d21", 22, 0, 0, 0, 0, 0);
		ct(dir, "z3_d21", 25, 0, 0, 1, 0.2, 0);
		ct(dir, "v1_d7", 15, 0, 0, 0, 0, 0);
		ct(dir, "z1_d7", 16, 0, 0, 0, 0, 0);
		histo(dir, "v1_d21", 12, 25, 30);
		histo(dir, "v2_d21", 10, 22, 20);
		histo(dir, "v3_d21", 9, 18, 15);
		histo(dir, "z1_d21", 3, 5, 5);
		histo(dir, "z2_d21", 9, 10, 4);
		histo(dir, "z3_d21", 2, 3, 1);
		if (design != null) Files.writeString(dir.resolve("design.csv"), design);
	}

	static void ct(Path dir, String name, double bvtv, double ln, double lv, double bn, double bv, double perf) throws IOException {
		Files.writeString(dir.resolve(name + "_ct.txt"), String.format(java.util.Locale.ROOT, CT, bvtv, ln, lv, bn, bv, perf));
	}

	static void histo(Path dir, String name, double noc, double ocpm, double tm) throws IOException {
		Files.writeString(dir.resolve(name + "_histo.txt"), String.format(java.util.Locale.ROOT, HISTO, noc, ocpm, tm));
	}
}
