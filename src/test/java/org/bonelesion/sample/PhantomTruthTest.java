package org.bonelesion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.LoadedVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-size phantoms against independent recounts of their truth. */
class PhantomTruthTest {

	@TempDir
	Path dir;

	private static SampleStudy.CtScan scan(String file) {
		return SampleStudy.ctScans().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
	}

	@Test
	void lesionVolumesEqualTheBoneRemovedAndAddedAndHolesCrossTheCortex() throws Exception {
		SampleStudy.CtScan t4 = scan("ct/T4.tif");
		CtSpecimen s = SampleStudy.render(t4, SampleStudy.Size.FULL, Parallel.defaults());
		CtSpecimen plain = CtSpecimen.render(new CtBoneModel(204), null, 200, 0.010, 0, false, Parallel.defaults());
		long removed = 0, added = 0;
		for (int z = 0; z < 200; z++) {
			byte[] a = plain.boneMask().slice(z), b = s.boneMask().slice(z);
			for (int i = 0; i < a.length; i++) {
				if (a[i] == 1 && b[i] == 0) removed++;
				if (a[i] == 0 && b[i] == 1) added++;
			}
		}
		// independent of the label map: bone lost and gained against the lesion-free bone
		assertEquals(removed * 1e-6, s.lesionVolume("lytic"), 1e-12);
		assertEquals(added * 1e-6, s.lesionVolume("blastic"), 1e-12);
		assertEquals(2, s.perforatingCount());
		for (CtBoneModel.Lesion l : t4.model().lesions()) {
			// walk out along the lesion's radial axis: a hole leaves no cortex, a pit leaves some
			int cortex = 0, left = 0;
			for (double r = 0; r < 1.0; r += 0.002) {
				double[] p = Vec3.add(l.axisPoint(), Vec3.scale(l.axisDir(), r));
				int x = (int) Math.floor(p[0] / 0.010), y = (int) Math.floor(p[1] / 0.010), z = (int) Math.floor(p[2] / 0.010);
				if (!s.boneMask().contains(x, y, z)) continue;
				if ((t4.model().classify((x + 0.5) * 0.01, (y + 0.5) * 0.01, (z + 0.5) * 0.01) & 15) == CtBoneModel.CORTEX
					|| (new CtBoneModel(204).classify((x + 0.5) * 0.01, (y + 0.5) * 0.01, (z + 0.5) * 0.01) & 15) == CtBoneModel.CORTEX) {
					cortex++;
					if (s.boneMask().get(x, y, z) == 1) left++;
				}
			}
			if (l.kind() == CtLesionKind.PERFORATING_HOLE) {
				assertTrue(cortex >= 12, "the ray meets the cortex");
				assertEquals(0, left, "a perforating hole leaves no cortex on its axis");
			} else if (l.kind().type.equals("lytic")) {
				assertTrue(left > 0, "a pit leaves cortex on its axis");
			}
		}
		// a good global threshold recovers the truth mask (Dice > 0.95)
		double thr = CtSpecimen.CALIBRATION.invert(500);
		long inter = 0, a = 0, b = 0;
		for (int z = 0; z < 200; z++) {
			for (int i = 0; i < 40000; i++) {
				boolean tb = s.boneMask().slice(z)[i] == 1, ib = (s.image().slice(z)[i] & 0xffff) > thr;
				if (tb) a++;
				if (ib) b++;
				if (tb && ib) inter++;
			}
		}
		assertTrue(2.0 * inter / (a + b) > 0.95, "Dice " + 2.0 * inter / (a + b));
		// the written stack reads back with 10 um voxels and the density calibration
		Path f = dir.resolve("T4.tif");
		SampleStudy.writeCt(s, f);
		LoadedVolume back = ImageIo.readVolume(f);
		assertEquals(0.010, back.volume().spacing().x(), 1e-9);
		assertEquals(0.010, back.volume().spacing().z(), 1e-9);
		assertEquals(CtSpecimen.INTERCEPT, back.values().intercept(), 1e-9);
		assertEquals(CtSpecimen.SLOPE, back.values().slope(), 1e-12);
		assertTrue(back.values().isDensity());
	}

	@Test
	void squaredDistanceMatchesBruteForce() {
		Random r = new Random(7);
		ByteVolume m = new ByteVolume(17, 13, 11, new Spacing(1, 1, 1));
		for (int z = 0; z < 11; z++) for (int i = 0; i < 17 * 13; i++) if (r.nextDouble() < 0.03) m.slice(z)[i] = 1;
		for (Parallel p : new Parallel[] { Parallel.of(1), Parallel.of(3) }) {
			int[][] d = SquaredDistance.of(m, p);
			for (int z = 0; z < 11; z++) {
				for (int y = 0; y < 13; y++) {
					for (int x = 0; x < 17; x++) {
						int best = Integer.MAX_VALUE;
						for (int c = 0; c < 11; c++) for (int b = 0; b < 13; b++) for (int a = 0; a < 17; a++) {
							if (m.get(a, b, c) == 1) best = Math.min(best, (a - x) * (a - x) + (b - y) * (b - y) + (c - z) * (c - z));
						}
						assertEquals(best, d[z][y * 17 + x]);
					}
				}
			}
		}
	}

	@Test
	void rigidTransformInverts() {
		RigidTransform t = new RigidTransform(new double[] { 0.35, -0.25, 0.9 }, 4, new double[] { 1, 1, 1 }, new double[] { 0.06, -0.04, 0.05 });
		double[] p = { 0.3, 1.7, 0.9 }, q = t.applyInverse(t.apply(p));
		for (int i = 0; i < 3; i++) assertEquals(p[i], q[i], 1e-12);
		double[][] m = t.matrix();
		double[] a = t.apply(p);
		for (int i = 0; i < 3; i++) assertEquals(a[i], m[i][0] * p[0] + m[i][1] * p[1] + m[i][2] * p[2] + m[i][3], 1e-12);
	}

	@Test
	void osteoclastsRecountedFromTheLabelMaps() throws Exception {
		HistoSection.Rendered r = HistoSection.render(new HistoSection.Design(503, 0.15, 11, true), 0.001);
		int w = r.image().width(), h = r.image().height();
		int maxCell = r.cells().size();
		Set<Integer>[] nuclei = new Set[maxCell + 1];
		boolean[] touches = new boolean[maxCell + 1];
		for (int i = 0; i <= maxCell; i++) nuclei[i] = new HashSet<>();
		long bone = 0, tumour = 0;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int p = y * w + x, c = r.cell()[p];
				if (r.tissue()[p] == HistoSection.Rendered.BONE) bone++;
				if (r.tissue()[p] == HistoSection.Rendered.TUMOUR) tumour++;
				if (c == 0) continue;
				if (r.nucleus()[p] != 0) nuclei[c].add(r.nucleus()[p]);
				int[][] nb = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
				for (int[] d : nb) {
					int xx = x + d[0], yy = y + d[1];
					if (xx >= 0 && yy >= 0 && xx < w && yy < h && r.tissue()[yy * w + xx] == HistoSection.Rendered.BONE) touches[c] = true;
				}
			}
		}
		int nOc = 0, kinds = 0;
		Set<String> seen = new HashSet<>();
		for (HistoSection.Cell c : r.cells()) {
			seen.add(c.kind());
			assertEquals(c.nuclei(), nuclei[c.id()].size(), "nuclei of cell " + c.id() + " " + c.kind());
			boolean isOc = c.trapPositive() && nuclei[c.id()].size() >= 2 && touches[c.id()];
			assertEquals(c.kind().equals("osteoclast"), isOc, "cell " + c.id() + " " + c.kind());
			if (isOc) nOc++;
		}
		assertEquals(Set.of("osteoclast", "trap-mononuclear-on-bone", "trap-multinuclear-off-bone", "trap-debris", "osteoblast"), seen);
		assertEquals(((Number) r.truth().get("N.Oc")).intValue(), nOc);
		// pixel areas agree with the polygon areas (0.5 %: centre sampling along ~9 mm of boundary at 1 um)
		double bAr = (Double) r.truth().get("B.Ar (mm^2)"), tmAr = (Double) r.truth().get("Tm.Ar (mm^2)");
		assertEquals(bAr, bone * 1e-6, 0.005 * bAr);
		assertEquals(tmAr, tumour * 1e-6, 0.005 * tmAr);
		assertFalse(r.osteoclasts().isEmpty());
	}

	@Test
	void cultureCountsRecountedFromTheLabelMaps() {
		CultureWell.Rendered r = CultureWell.render(SampleStudy.CULTURE_SEED, SampleStudy.CULTURE_CELLS, 0.001);
		int n = r.cells().size();
		Set<Integer>[] nuclei = new Set[n + 1];
		for (int i = 0; i <= n; i++) nuclei[i] = new HashSet<>();
		for (int p = 0; p < r.cell().length; p++) if (r.cell()[p] != 0 && r.nucleus()[p] != 0) nuclei[r.cell()[p]].add(r.nucleus()[p]);
		int mnc = 0;
		for (CultureWell.Cell c : r.cells()) {
			assertEquals(c.nuclei(), nuclei[c.id()].size());
			if (nuclei[c.id()].size() >= 3) mnc++;
		}
		assertEquals(((Number) r.truth().get("N.TRAP+MNC")).intValue(), mnc);
		assertTrue(mnc > 5 && mnc < n, "a mix of MNCs and small cells");
	}
}
