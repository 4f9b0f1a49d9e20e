package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;
import org.junit.jupiter.api.Test;

class CtMorphometryTest {

	static CtSettings fixed(String cortex) {
		return CtSettings.defaults(0).withThreshold("500").withSpecks(0, true).withCortex(cortex);
	}

	static Morphometry.Result measure(ShortVolume v, CtSettings s, Parallel p) {
		return Morphometry.measure(CtPipeline.run(v, ValueCalibration.NONE, s, "phantom", p, Progress.NONE), p, Progress.NONE);
	}

	@Test
	void tubeCorticalThicknessAndAreas() {
		for (Spacing sp : new Spacing[] { Spacing.microns(10, 10, 10), Spacing.microns(10, 10, 25) }) {
			int size = 81, ri = 20, ro = 30;
			CtSegmentation seg = CtPipeline.run(CtPhantoms.tube(size, 24, ri, ro, 0, sp), ValueCalibration.NONE, fixed("auto"), "tube", Parallel.of(2), Progress.NONE);
			assertTrue(seg.hasCortex());
			Morphometry.Result m = Morphometry.measure(seg, Parallel.of(2), Progress.NONE);
			double px = sp.pixelArea();
			// the voxelised ring and disc are known exactly, so the areas are exact
			assertEquals(CtPhantoms.ringPixels(size, ri, ro) * px, m.ctArMm2(), 1e-12);
			assertEquals(CtPhantoms.ringPixels(size, -1, ro) * px, m.ttArMm2(), 1e-12);
			// and close to the continuous pi (ro^2 - ri^2): lattice-point counts of discs of 20-30
			// pixels differ from pi r^2 by under 1.5 % of the ring
			double h = sp.x();
			assertEquals(Math.PI * (ro * ro - ri * ri) * h * h, m.ctArMm2(), 0.015 * m.ctArMm2());
			assertEquals(Math.PI * ro * ro * h * h, m.ttArMm2(), 0.01 * m.ttArMm2());
			// wall of 10 voxels: a discrete sphere centred on a voxel measures an n-voxel wall as n
			// or n + 1 voxels (see the plate test of LocalThickness); the curvature changes less
			// than that, so Ct.Th lies within one voxel above the wall
			assertEquals(0.105, m.ctThMm(), 0.0051, "Ct.Th at " + sp);
			assertEquals(0, m.bvMm3(), 0);
			assertEquals(CtPhantoms.ringPixels(size, -1, ri) * 24 * sp.voxelVolume(), m.tvMm3(), 1e-12);
		}
	}

	@Test
	void plateInTubeBelongsToTheTrabecularCompartment() {
		Spacing sp = Spacing.microns(10, 10, 10);
		int size = 81, ri = 20, ro = 30, t = 3;
		CtSegmentation seg = CtPipeline.run(CtPhantoms.tube(size, 30, ri, ro, t, sp), ValueCalibration.NONE, fixed("auto"), "tube", Parallel.of(2),
			Progress.NONE);
		Morphometry.Result m = Morphometry.measure(seg, Parallel.of(2), Progress.NONE);
		// the plate inside the marrow disc: t rows of the disc's chords, over the middle 10 slices
		long plate = 0;
		int c = size / 2;
		for (int y = c; y < c + t; y++) for (int x = 0; x < size; x++) if ((x - c) * (x - c) + (y - c) * (y - c) <= ri * ri) plate++;
		plate *= 10;
		// where the plate meets the endosteum, a ball of the closing radius (8 voxels) rolling on the
		// cortex side claims the plate's last voxel or two: about 2 of the ~40 voxels of a chord at
		// each end, so BV may fall short by up to 12 %, never exceed
		assertTrue(m.bvMm3() <= plate * sp.voxelVolume() + 1e-12 && m.bvMm3() >= 0.88 * plate * sp.voxelVolume(), "BV " + m.bvMm3());
		// a 3-voxel plate measures 4 voxels (odd plate, see the plate test); its ends at the cortex
		// are thinner: within half a voxel below
		assertEquals(0.04, m.tbThMm(), 0.005);
		assertEquals(CtPhantoms.ringPixels(size, ri, ro) * sp.pixelArea(), m.ctArMm2(), 0.02 * m.ctArMm2());
	}

	@Test
	void bvTvExactOnPlates() {
		// three parallel plates t voxels thick spanning an n^3 image with no cortex: BV/TV = 3 t / n exactly
		Spacing sp = Spacing.microns(10, 10, 20);
		int n = 30;
		for (int t = 1; t <= 4; t++) {
			ShortVolume v = new ShortVolume(n, n, n, sp);
			for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
				boolean bone = ((x + 5) % 10) < t; // plates clear of the image's sides
				v.set(x, y, z, bone ? CtPhantoms.BONE : CtPhantoms.SOFT);
			}
			Morphometry.Result m = measure(v, fixed("auto").withSpecks(0, false), Parallel.of(2));
			assertEquals(100.0 * 3 * t / n, m.bvTvPercent(), 1e-12);
			assertEquals(n * n * n * sp.voxelVolume(), m.tvMm3(), 1e-15);
			assertTrue(Double.isNaN(m.ctThMm()) && Double.isNaN(m.ctArMm2()) && Double.isNaN(m.ttArMm2()) && Double.isNaN(m.ctArTtArPercent()));
			// plates 10 voxels apart, t thick: Tb.Th = t or t + 1 voxels along x (see the plate test);
			double h = sp.x();
			assertEquals((t % 2 == 1 ? t + 1 : t) * h, m.tbThMm(), 1e-9);
		}
	}

	@Test
	void connectivityDensityOfARodLattice() {
		// a cubic rod lattice has chi = -2 per period (1 node, 3 rods); the box of n periods + 1
		// voxel tiles it, so delta chi = -2 n^3 and Conn.D = (1 + 2 n^3) / TV
		Spacing sp = Spacing.microns(10, 10, 10);
		int n = 3, p = 8, t = 3, size = n * p + 1;
		ShortVolume v = new ShortVolume(size, size, size, sp);
		int off = p / 2 - t / 2;
		for (int z = 0; z < size; z++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			boolean ix = Math.floorMod(x - off, p) < t, iy = Math.floorMod(y - off, p) < t, iz = Math.floorMod(z - off, p) < t;
			v.set(x, y, z, (ix && iy) || (iy && iz) || (ix && iz) ? CtPhantoms.BONE : CtPhantoms.SOFT);
		}
		Morphometry.Result m = measure(v, fixed("no"), Parallel.of(2));
		double tv = size * size * size * sp.voxelVolume();
		assertEquals(-2.0 * n * n * n, m.deltaChi(), 0);
		assertEquals((1 + 2.0 * n * n * n) / tv, m.connDPerMm3(), 1e-9);
	}

	@Test
	void torusInsideTheVolumeHasConnectivityOne() {
		Spacing sp = Spacing.microns(10, 10, 10);
		ShortVolume v = new ShortVolume(40, 40, 20, sp);
		for (int z = 0; z < 20; z++) for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) {
			double rho = Math.hypot(x - 19.5, y - 19.5);
			boolean bone = Math.hypot(rho - 12, z - 9.5) <= 4;
			v.set(x, y, z, bone ? CtPhantoms.BONE : CtPhantoms.SOFT);
		}
		Morphometry.Result m = measure(v, fixed("no"), Parallel.of(2));
		// one handle, no cavity: chi = 0, Conn.D = (1 - 0) / TV
		assertEquals(0, m.chi(), 0);
		assertEquals(1 / (40 * 40 * 20 * sp.voxelVolume()), m.connDPerMm3(), 1e-9);
	}

	@Test
	void coreScanIsRecognisedAndTubeIsNot() {
		ShortVolume plates = new ShortVolume(20, 20, 10, Spacing.microns(10, 10, 10));
		for (int z = 0; z < 10; z++) for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) plates.set(x, y, z, x % 6 < 2 ? 1000 : 100);
		CtSegmentation core = CtPipeline.run(plates, ValueCalibration.NONE, fixed("auto").withSpecks(0, false), "core", Parallel.of(1), Progress.NONE);
		assertFalse(core.hasCortex());
		assertEquals(0, Morphometry.count(core.cortical(), Parallel.of(1)));
		assertEquals(20L * 20 * 10, Morphometry.count(core.trabecularCompartment(), Parallel.of(1)));
	}

	@Test
	void oneAndManyThreadsIdentical() {
		ShortVolume v = CtPhantoms.tube(61, 21, 15, 22, 3, Spacing.microns(10, 10, 15));
		CtSettings s = CtSettings.defaults(0.012);
		CtSegmentation a = CtPipeline.run(v, ValueCalibration.NONE, s, "t", Parallel.of(1), Progress.NONE);
		CtSegmentation b = CtPipeline.run(v, ValueCalibration.NONE, s, "t", Parallel.of(3), Progress.NONE);
		for (ByteVolume[] pair : new ByteVolume[][] { { a.bone(), b.bone() }, { a.envelope(), b.envelope() }, { a.cortical(), b.cortical() },
			{ a.trabecular(), b.trabecular() } }) {
			for (int z = 0; z < v.depth(); z++) assertArrayEquals(pair[0].slice(z), pair[1].slice(z));
		}
		assertEquals(a.threshold(), b.threshold());
		assertEquals(Morphometry.measure(a, Parallel.of(1), Progress.NONE), Morphometry.measure(b, Parallel.of(3), Progress.NONE));
	}

	@Test
	void densityThresholdAndTmd() {
		// grey g maps to density 2 g - 100: bone 1000 -> 1900, soft 100 -> 100 mgHA/cm^3
		ValueCalibration cal = PhantomCalibration.parse("100:100, 1900:1000");
		assertEquals(-100, cal.intercept(), 1e-9);
		assertEquals(2, cal.slope(), 1e-12);
		ShortVolume v = CtPhantoms.tube(61, 12, 15, 22, 0, Spacing.microns(10, 10, 10));
		CtSettings s = CtSettings.defaults(0).withThreshold("700").withSpecks(0, true);
		CtSegmentation seg = CtPipeline.run(v, cal, s, "t", Parallel.of(2), Progress.NONE);
		// 700 mgHA/cm^3 is grey 400: the lowest grey at or above it
		assertEquals(400, seg.threshold().raw());
		assertEquals(700, seg.threshold().physical(), 1e-9);
		Morphometry.Result m = Morphometry.measure(seg, Parallel.of(2), Progress.NONE);
		assertEquals(1900, m.tmd(), 1e-9);
	}

	@Test
	void slabFromASliceNumber() {
		Spacing sp = Spacing.microns(10, 10, 10);
		ShortVolume v = CtPhantoms.tube(61, 40, 15, 22, 0, sp);
		CtSettings s = fixed("auto").withVoi("slab", "5", 0.05, 0.2, "auto");
		CtSegmentation seg = CtPipeline.run(v, ValueCalibration.NONE, s, "t", Parallel.of(2), Progress.NONE);
		// slice 5 is index 4; 0.05 mm = 5 slices on; 0.2 mm = 20 slices long
		assertEquals(9, seg.voiStart());
		assertEquals(29, seg.voiEnd());
		Morphometry.Result m = Morphometry.measure(seg, Parallel.of(2), Progress.NONE);
		assertEquals(CtPhantoms.ringPixels(61, -1, 15) * 20 * sp.voxelVolume(), m.tvMm3(), 1e-12);
	}

	@Test
	void growthPlateFoundAsTheAreaDip() {
		Spacing sp = Spacing.microns(10, 10, 10);
		int depth = 60;
		ShortVolume v = new ShortVolume(41, 41, depth, sp);
		for (int z = 0; z < depth; z++) for (int y = 0; y < 41; y++) for (int x = 0; x < 41; x++) {
			int r2 = (x - 20) * (x - 20) + (y - 20) * (y - 20);
			boolean bone;
			if (z < 8) bone = r2 <= 15 * 15; // epiphysis: solid
			else if (z < 13) bone = r2 <= 15 * 15 && r2 > 13 * 13; // growth plate (50 um): only a thin shell
			else bone = (r2 <= 15 * 15 && r2 > 11 * 11) || (r2 <= 121 && (x + z) % 4 == 0); // metaphysis: cortex and trabeculae
			v.set(x, y, z, bone ? 1000 : 100);
		}
		CtSettings s = fixed("yes").withVoi("slab", "growth-plate", 0.02, 0.1, "auto");
		CtSegmentation seg = CtPipeline.run(v, ValueCalibration.NONE, s, "gp", Parallel.of(2), Progress.NONE);
		// the dip is slices 8-12 (0-based); the slab starts 2 slices further into the bone and runs 10
		assertTrue(seg.voiStart() >= 10 && seg.voiStart() <= 14, seg.voiDescription());
		assertEquals(10, seg.voiSlices());
	}
}
