package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.Table;
import org.bonelesion.io.ImageIo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LesionFinderTest {

	private static final LesionParameters P = LesionParameters.defaults();

	@Test
	void findsEveryLesionOfTheTubeWithItsVolume() {
		checkLesionTube(LesionFinder.FULL_RESOLUTION_LIMIT, true);
	}

	@Test
	void findsEveryLesionOfTheTubeWithSurfacesBuiltAtHalfResolution() {
		// the big-scan path (a limit of 1 M voxels builds the morphological surfaces at half size);
		// the polar surfaces are fitted on the full-resolution mask, so the shaft's lesions are
		// measured as at full resolution (measured: within 0.2 %)
		checkLesionTube(1_000_000L, true);
	}

	@Test
	void healthyTubeStaysCleanWithSurfacesBuiltAtHalfResolution() {
		// the big-scan path: a limit of 1 M voxels makes the crop build its surfaces at half size.
		// Only false positives are checked here: at 20 um the coarse surfaces (40 um) are as coarse
		// as the minimum lesion thickness, which joins small lesions to slivers (the path is meant
		// for scans of 10 um or finer; see docs/ct-lesions.md, "Big scans")
		ByteVolume healthy = LesionPhantoms.healthyTube(7);
		LesionResult h = LesionFinder.find(healthy, LesionPhantoms.SPACING, P, 1_000_000L, Parallel.of(2), Progress.NONE);
		double bv = LesionPhantoms.count(healthy) * LesionPhantoms.SPACING.voxelVolume();
		assertTrue(h.lyticVolumeMm3() + h.blasticVolumeMm3() < 0.01 * bv, "half-resolution healthy tube: " + h.lesions());
	}

	private static void checkLesionTube(long limit, boolean volumes) {
		LesionPhantoms.Phantom ph = LesionPhantoms.lesionTube();
		LesionResult r = LesionFinder.find(ph.bone(), LesionPhantoms.SPACING, P, limit, Parallel.of(2), Progress.NONE);
		List<Lesion> unmatched = new ArrayList<>(r.lesions());
		StringBuilder report = new StringBuilder();
		for (LesionPhantoms.Truth t : ph.lesions()) {
			assertTrue(t.volumeMm3() >= 2 * P.minVolumeMm3(), "phantom lesion too small to be required: " + t);
			Lesion best = nearest(unmatched, t);
			report.append(t).append(" -> ").append(best).append('\n');
			assertNotNull(best, "lesion not found: " + t + "\n" + report + r.lesions());
			unmatched.remove(best);
			// the tolerance, 15 % for every lesion (measured: within 1 %, docs/ct-lesions.md)
			double tol = 0.15;
			if (volumes) assertEquals(t.volumeMm3(), best.volumeMm3(), tol * t.volumeMm3(), "volume of " + t + "\n" + report);
			if (t.type() == Lesion.Type.LYTIC) {
				assertEquals(t.perforating(), best.perforating(), "perforating " + t);
				assertTrue(best.cortical());
			} else {
				boolean marrow = t.x() == t.y();
				assertEquals(!marrow, best.cortical(), "cortical " + t);
			}
		}
		if (!volumes) return;
		assertTrue(unmatched.isEmpty(), "false lesions: " + unmatched + "\n" + report);
		assertEquals(6, r.lyticCount());
		assertEquals(4, r.blasticCount());
		assertEquals(3, r.perforatingCount());
		// cortical thickness of the tube wall: 10 voxels = 0.2 mm, within a voxel (of the grid the
		// surfaces were built on: 40 um at half resolution, where 0.24 is measured; + rounding)
		assertEquals(0.2, r.corticalThicknessMm(), limit == LesionFinder.FULL_RESOLUTION_LIMIT ? 0.02 : 0.045);
		// labels: every lesion voxel labelled, lytic voxels not bone, blastic voxels bone
		long lytic = 0, blastic = 0;
		for (int z = 0; z < r.labels().depth(); z++) {
			byte[] l = r.labels().slice(z), b = ph.bone().slice(z);
			for (int i = 0; i < l.length; i++) {
				if (l[i] == 2) { lytic++; assertEquals(0, b[i]); }
				if (l[i] == 3) { blastic++; assertEquals(1, b[i]); }
				if (l[i] == 1) assertEquals(1, b[i]);
			}
		}
		double vox = LesionPhantoms.SPACING.voxelVolume();
		assertEquals(r.lyticVolumeMm3(), lytic * vox, 1e-12);
		assertEquals(r.blasticVolumeMm3(), blastic * vox, 1e-12);
	}

	private static Lesion nearest(List<Lesion> found, LesionPhantoms.Truth t) {
		Lesion best = null;
		double bestD = 12; // voxels: a lesion's centroid sits within its own extent
		double s = LesionPhantoms.SPACING.x();
		for (Lesion l : found) {
			if (l.type() != t.type()) continue;
			double d = Math.sqrt(Math.pow(l.xMm() / s - 0.5 - t.x(), 2) + Math.pow(l.yMm() / s - 0.5 - t.y(), 2) + Math.pow(l.zMm() / s - 0.5 - t.z(), 2));
			if (d < bestD) {
				bestD = d;
				best = l;
			}
		}
		return best;
	}

	@Test
	void healthyTubeReportsNextToNothing() {
		ByteVolume bone = LesionPhantoms.healthyTube(7);
		LesionResult r = LesionFinder.find(bone, LesionPhantoms.SPACING, P, Parallel.of(2), Progress.NONE);
		double bv = LesionPhantoms.count(bone) * LesionPhantoms.SPACING.voxelVolume();
		double lesions = r.lyticVolumeMm3() + r.blasticVolumeMm3();
		// the issue: under 1 % of BV on lesion-free bone
		assertTrue(lesions < 0.01 * bv, "lesion volume " + lesions + " of BV " + bv + ": " + r.lesions());
	}

	@Test
	void oneAndManyThreadsGiveIdenticalResults() {
		LesionPhantoms.Phantom ph = LesionPhantoms.lesionTube();
		LesionResult a = LesionFinder.find(ph.bone(), LesionPhantoms.SPACING, P, Parallel.of(1), Progress.NONE);
		LesionResult b = LesionFinder.find(ph.bone(), LesionPhantoms.SPACING, P, Parallel.of(3), Progress.NONE);
		assertEquals(a.lesions(), b.lesions());
		for (int z = 0; z < a.labels().depth(); z++) assertArrayEquals(a.labels().slice(z), b.labels().slice(z));
	}

	@Test
	void emptyBoneGivesNoLesionAndTablesHaveTheContractColumns() {
		ByteVolume none = new ByteVolume(20, 20, 5, LesionPhantoms.SPACING);
		LesionResult r = LesionFinder.find(none, LesionPhantoms.SPACING, P, Parallel.of(1), Progress.NONE);
		assertEquals(0, r.lesions().size());
		Table t = r.lesionsTable("m1");
		assertEquals(List.of("Specimen", "Lesion", "Type", "V (mm^3)", "X (mm)", "Y (mm)", "Z (mm)", "Cortical", "Perforating"), t.headers());
		Table s = new Table();
		r.putSummary(s.addRow());
		assertEquals(List.of("Lytic.N", "Lytic.V (mm^3)", "Blastic.N", "Blastic.V (mm^3)", "Ct.Perf.N"), s.headers());
	}

	@Test
	void realTrabecularCubeIsNotALesion() {
		Path dir = Path.of("..", "shared", "data", "real", "lhdl_trabecular");
		if (!Files.isDirectory(dir)) dir = Path.of("/work/shared/data/real/lhdl_trabecular");
		Assumptions.assumeTrue(Files.isDirectory(dir), "real trabecular cube absent");
		ShortVolume grey = ImageIo.readVolume(dir).volume();
		ByteVolume bone = new ByteVolume(grey.width(), grey.height(), grey.depth(), null);
		long n = 0;
		for (int z = 0; z < grey.depth(); z++) {
			short[] g = grey.slice(z);
			byte[] b = bone.slice(z);
			for (int i = 0; i < g.length; i++) if ((g[i] & 0xffff) >= 63) { b[i] = 1; n++; }
		}
		Spacing s = Spacing.isotropicMicrons(19.5);
		LesionResult r = LesionFinder.find(bone, s, P, Parallel.defaults(), Progress.NONE);
		double bv = n * s.voxelVolume();
		double lesions = r.lyticVolumeMm3() + r.blasticVolumeMm3();
		assertTrue(lesions < 0.01 * bv, "lesion volume " + lesions + " of BV " + bv + ": " + r.lesions().size() + " lesions, T=" + r.corticalThicknessMm());
	}
}
