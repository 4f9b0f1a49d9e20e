package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real trabecular cube of ../shared (LHDL, 19.5 um, bone >= 63) against the independent
 * scipy/scikit-image reference in src/test/python/ct_reference.py, on a central 64^3 crop
 * (the Python local thickness is slow; the whole cube's agreement is in docs/ct-morphometry.md).
 * Skips when the data or python3-scipy/scikit-image/tifffile is absent.
 */
class RealCubeReferenceTest {

	static final Path PYTHON = Path.of("/usr/bin/python3");
	static final int X0 = 68, N = 64;

	static Path cube() {
		for (Path p : new Path[] { Path.of("/work/shared/data/real/lhdl_trabecular"), Path.of("../shared/data/real/lhdl_trabecular"),
			Path.of("../../shared/data/real/lhdl_trabecular") }) {
			if (Files.isDirectory(p)) return p;
		}
		return null;
	}

	static int python(List<String> args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
		cmd.addAll(args);
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		byte[] out = p.getInputStream().readAllBytes();
		if (!p.waitFor(600, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			return -1;
		}
		if (p.exitValue() != 0) System.err.println(new String(out));
		return p.exitValue();
	}

	@Test
	void agreesWithScipyReference(@TempDir Path tmp) throws Exception {
		Path cube = cube();
		assumeTrue(cube != null, "../shared/data/real/lhdl_trabecular is absent");
		assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
		assumeTrue(python(List.of("-c", "import scipy, skimage, tifffile")) == 0, "python3 lacks scipy, scikit-image or tifffile");
		Path json = tmp.resolve("ref.json");
		String x0 = Integer.toString(X0), x1 = Integer.toString(X0 + N);
		assertEquals(0, python(List.of(Path.of("src/test/python/ct_reference.py").toString(), cube.toString(), "63", "0.0195", x0, x1, x0, x1, x0, x1,
			json.toString())));
		Map<String, Object> ref = Json.parseObject(Files.readString(json));

		ShortVolume full = ImageIo.readVolume(cube).volume();
		ShortVolume crop = new ShortVolume(N, N, N, Spacing.isotropicMicrons(19.5));
		for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) crop.set(x, y, z, full.get(X0 + x, X0 + y, X0 + z));
		CtSettings s = CtSettings.defaults(0).withThreshold("63").withSpecks(0, false).withCortex("no");
		CtSegmentation seg = CtPipeline.run(crop, ValueCalibration.NONE, s, "cube", Parallel.defaults(), Progress.NONE);
		Morphometry.Result m = Morphometry.measure(seg, Parallel.defaults(), Progress.NONE);
		// same voxels at the same threshold: BV/TV exact to rounding
		assertEquals(num(ref, "BV/TV"), m.bvTvPercent(), 1e-9);
		// same definition of local thickness: agreement to float precision of the distances (1e-5 relative)
		assertEquals(num(ref, "Tb.Th"), m.tbThMm(), 1e-5 * num(ref, "Tb.Th"));
		assertEquals(num(ref, "Tb.Sp"), m.tbSpMm(), 1e-5 * num(ref, "Tb.Sp"));
		// Euler characteristic is an integer count, its correction a multiple of 1/8: exact
		assertEquals(num(ref, "chi"), m.chi(), 0);
		assertEquals(num(ref, "deltaChi"), m.deltaChi(), 0);
		assertEquals(num(ref, "Conn.D"), m.connDPerMm3(), 1e-9 * Math.abs(num(ref, "Conn.D")));
	}

	private static double num(Map<String, Object> m, String k) {
		return ((Number) m.get(k)).doubleValue();
	}
}
