package org.bonelesion.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.DistanceTransform;
import org.bonelesion.ops.FillHoles;
import org.bonelesion.ops.Gaussian;
import org.bonelesion.ops.Morphology;

/**
 * Times the filter ops against their scipy.ndimage peers on a synthetic volume of random
 * (partly hollow) spheres and prints a Markdown table.
 *
 * <pre>
 * java -Xmx6g -cp target/classes:... org.bonelesion.bench.FilterBenchmark [--size 512] [--threads 1,2]
 *      [--repeats 2] [--edt-size 1024] [--no-peer] [--python /usr/bin/python3] [--peer bench/filters_peer.py]
 * </pre>
 * Ours: one warm-up on a 96^3 volume, then the best of {@code repeats} runs per thread count.
 * scipy: one run of each call (they are long enough for a single timing to be stable).
 */
public final class FilterBenchmark {

	private static final double SIGMA_VOXELS = 2.0;
	private static final double RADIUS_VOXELS = 3.0;
	private static final double VOXEL_MM = 0.01;

	private FilterBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int size = 512;
		int edtSize = 0;
		int repeats = 2;
		int[] threads = { 1, 2 };
		boolean peer = true;
		String python = "/usr/bin/python3";
		String script = "bench/filters_peer.py";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--size" -> size = Integer.parseInt(args[++i]);
				case "--edt-size" -> edtSize = Integer.parseInt(args[++i]);
				case "--repeats" -> repeats = Integer.parseInt(args[++i]);
				case "--threads" -> {
					String[] p = args[++i].split(",");
					threads = new int[p.length];
					for (int k = 0; k < p.length; k++) threads[k] = Integer.parseInt(p[k].trim());
				}
				case "--no-peer" -> peer = false;
				case "--python" -> python = args[++i];
				case "--peer" -> script = args[++i];
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Spacing spacing = new Spacing(VOXEL_MM, VOXEL_MM, VOXEL_MM);
		double sigmaMm = SIGMA_VOXELS * VOXEL_MM;
		double radiusMm = RADIUS_VOXELS * VOXEL_MM;

		// warm-up so that the timed runs use compiled code
		{
			ByteVolume m = spheres(96, spacing, 1);
			ShortVolume g = grey(m, 2);
			for (int t : threads) runAll(g, m, sigmaMm, radiusMm, Parallel.of(t));
		}

		StringBuilder sb = size > 0 ? mainTable(size, threads, repeats, peer, python, script, spacing, sigmaMm, radiusMm) : header(threads);
		if (edtSize > 0) {
			ByteVolume big = spheres(edtSize, spacing, 9);
			sb.append("| EDT of foreground (mm) | ").append(edtSize).append("^3 | ");
			for (int t : threads) {
				Parallel p = Parallel.of(t);
				sb.append(fmt(time(() -> DistanceTransform.distances(big, true, p)))).append(" | ");
			}
			sb.append("not run | ");
			for (int k = 0; k < threads.length; k++) sb.append("n/a | ");
			sb.append('\n');
		}
		System.out.print(sb);
	}

	private static StringBuilder header(int[] threads) {
		StringBuilder sb = new StringBuilder("| op | size | ");
		for (int t : threads) sb.append("ours ").append(t).append(t == 1 ? " thread (s)" : " threads (s)").append(" | ");
		sb.append("scipy (s) | ");
		for (int t : threads) sb.append("scipy / ours ").append(t).append("t | ");
		sb.append("\n|---|---|");
		for (int k = 0; k < 2 * threads.length + 1; k++) sb.append("---|");
		sb.append('\n');
		return sb;
	}

	/** The 4 ops at one size; the volumes are garbage once this returns. */
	private static StringBuilder mainTable(int size, int[] threads, int repeats, boolean peer, String python, String script, Spacing spacing,
			double sigmaMm, double radiusMm) throws IOException, InterruptedException {
		ByteVolume mask = spheres(size, spacing, 7);
		ShortVolume grey = grey(mask, 8);
		Map<String, double[]> ours = new LinkedHashMap<>();
		String[] ops = { "gaussian", "edt", "closing", "fillholes" };
		for (String op : ops) ours.put(op, new double[threads.length]);
		for (int ti = 0; ti < threads.length; ti++) {
			Parallel p = Parallel.of(threads[ti]);
			for (String op : ops) {
				double best = Double.POSITIVE_INFINITY;
				for (int r = 0; r < repeats; r++) best = Math.min(best, time(() -> run(op, grey, mask, sigmaMm, radiusMm, p)));
				ours.get(op)[ti] = best;
			}
		}
		Map<String, Double> scipy = new LinkedHashMap<>();
		if (peer) scipy = runPeer(python, script, grey, mask, spacing, size);

		StringBuilder sb = header(threads);
		Map<String, String> names = Map.of("gaussian", "Gaussian 3D, sigma 2 vox (16-bit)", "edt", "EDT of foreground (mm)",
				"closing", "closing, ball r = 3 vox", "fillholes", "fill holes 3D");
		for (String op : ops) {
			sb.append("| ").append(names.get(op)).append(" | ").append(size).append("^3 | ");
			for (double v : ours.get(op)) sb.append(fmt(v)).append(" | ");
			Double s = scipy.get(op);
			sb.append(s == null ? "n/a" : fmt(s)).append(" | ");
			for (double v : ours.get(op)) sb.append(s == null ? "n/a" : String.format(Locale.ROOT, "%.2f", s / v)).append(" | ");
			sb.append('\n');
		}
		return sb;
	}

	private static String fmt(double seconds) {
		return String.format(Locale.ROOT, "%.2f", seconds);
	}

	private static void runAll(ShortVolume g, ByteVolume m, double sigmaMm, double radiusMm, Parallel p) {
		for (String op : new String[] { "gaussian", "edt", "closing", "fillholes" }) run(op, g, m, sigmaMm, radiusMm, p);
	}

	private static Object run(String op, ShortVolume g, ByteVolume m, double sigmaMm, double radiusMm, Parallel p) {
		return switch (op) {
			case "gaussian" -> Gaussian.smooth(g, sigmaMm, p);
			case "edt" -> DistanceTransform.distances(m, true, p);
			case "closing" -> Morphology.close(m, radiusMm, p);
			case "fillholes" -> FillHoles.fill3d(m, p);
			default -> throw new IllegalArgumentException(op);
		};
	}

	private static double time(Supplier<Object> work) {
		System.gc();
		long t0 = System.nanoTime();
		Object keep = work.get();
		long t1 = System.nanoTime();
		if (keep == null) throw new IllegalStateException();
		return (t1 - t0) / 1e9;
	}

	/** Random balls, about a third of them hollow shells (closed cavities for hole filling). */
	static ByteVolume spheres(int n, Spacing spacing, long seed) {
		Random r = new Random(seed);
		ByteVolume m = new ByteVolume(n, n, n, spacing);
		int count = Math.max(4, (int) (n * (long) n * n / 20000));
		for (int b = 0; b < count; b++) {
			double cx = r.nextDouble() * n, cy = r.nextDouble() * n, cz = r.nextDouble() * n;
			double rad = 2 + r.nextDouble() * n / 40.0;
			double inner = r.nextInt(3) == 0 ? rad * 0.6 : -1;
			int x0 = Math.max(0, (int) (cx - rad)), x1 = Math.min(n - 1, (int) (cx + rad) + 1);
			int y0 = Math.max(0, (int) (cy - rad)), y1 = Math.min(n - 1, (int) (cy + rad) + 1);
			int z0 = Math.max(0, (int) (cz - rad)), z1 = Math.min(n - 1, (int) (cz + rad) + 1);
			for (int z = z0; z <= z1; z++) {
				byte[] s = m.slice(z);
				for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) {
					double dx = x - cx, dy = y - cy, dz = z - cz;
					double d2 = dx * dx + dy * dy + dz * dz;
					if (d2 <= rad * rad && d2 > inner * inner) s[y * n + x] = 1;
				}
			}
		}
		return m;
	}

	/** Grey image: 1000 background, 3000 in the mask, plus seeded uniform noise of +-400. */
	static ShortVolume grey(ByteVolume m, long seed) {
		ShortVolume g = new ShortVolume(m.width(), m.height(), m.depth(), m.spacing());
		long state = seed * 0x9E3779B97F4A7C15L + 1;
		for (int z = 0; z < m.depth(); z++) {
			byte[] s = m.slice(z);
			short[] o = g.slice(z);
			for (int i = 0; i < s.length; i++) {
				state ^= state << 13;
				state ^= state >>> 7;
				state ^= state << 17;
				int noise = (int) ((state >>> 40) % 801) - 400;
				o[i] = (short) ((s[i] != 0 ? 3000 : 1000) + noise);
			}
		}
		return g;
	}

	private static Map<String, Double> runPeer(String python, String script, ShortVolume grey, ByteVolume mask, Spacing s, int size)
			throws IOException, InterruptedException {
		Map<String, Double> times = new LinkedHashMap<>();
		if (!Files.isExecutable(Paths.get(python)) || !Files.exists(Paths.get(script))) {
			System.err.println("scipy peer not available (" + python + ", " + script + ")");
			return times;
		}
		Path g = Files.createTempFile("bench-grey", ".raw");
		Path m = Files.createTempFile("bench-mask", ".raw");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(g), 1 << 20)) {
				byte[] buf = new byte[grey.sliceSize() * 2];
				for (int z = 0; z < grey.depth(); z++) {
					short[] sl = grey.slice(z);
					for (int i = 0; i < sl.length; i++) {
						buf[2 * i] = (byte) sl[i];
						buf[2 * i + 1] = (byte) (sl[i] >> 8);
					}
					out.write(buf);
				}
			}
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(m), 1 << 20)) {
				for (int z = 0; z < mask.depth(); z++) out.write(mask.slice(z));
			}
			List<String> cmd = new ArrayList<>(List.of(python, script, g.toString(), m.toString(), "" + size, "" + size, "" + size,
					"" + s.x(), "" + s.y(), "" + s.z(), "" + SIGMA_VOXELS, "" + RADIUS_VOXELS));
			Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					String[] p = line.trim().split("\\s+");
					if (p.length == 2) times.put(p[0], Double.parseDouble(p[1]));
				}
			}
			if (proc.waitFor() != 0) System.err.println("scipy peer exited with " + proc.exitValue());
		} finally {
			Files.deleteIfExists(g);
			Files.deleteIfExists(m);
		}
		return times;
	}
}
