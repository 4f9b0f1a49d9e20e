package org.bonelesion.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.ValueCalibration;
import org.bonelesion.ct.CtPipeline;
import org.bonelesion.ct.CtSegmentation;
import org.bonelesion.ct.CtSettings;
import org.bonelesion.ct.Morphometry;
import org.bonelesion.io.ImageIo;
import org.bonelesion.io.LoadedVolume;
import org.bonelesion.sample.CtBoneModel;
import org.bonelesion.sample.CtSpecimen;

/**
 * Times each stage of the {@code ct} command's computation ({@link CtPipeline} then
 * {@link Morphometry}) with its default settings, on a synthetic mouse bone
 * ({@link CtSpecimen} of the sample study's model, the same 2 mm field rendered on n^3 voxels
 * of 2/n mm: a finer scan of the same bone) and optionally on a real scan. Prints one Markdown
 * row per stage with the wall time, the process CPU time and the load average (the machine is
 * shared), then the measurements (full precision, to check that versions agree).
 *
 * <pre>
 * java -Xmx6g -cp ... org.bonelesion.bench.CtBenchmark [--sizes 200,512] [--threads 1,2] [--seed 101]
 *      [--real DIR --voxel-um 19.5] [--repeats 1]
 * </pre>
 * Stages are delimited by the pipeline's own progress reports, so the figures time the real
 * code path, not a copy of it.
 */
public final class CtBenchmark {

	/** Field of view of the sample model (mm). */
	private static final double FIELD_MM = 2.0;

	/** Progress task names (as reported by the pipeline) mapped to benchmark stages. */
	private static final Map<String, String> STAGES = new LinkedHashMap<>();
	static {
		STAGES.put("smoothing", "smoothing");
		STAGES.put("threshold", "threshold");
		STAGES.put("removing specks", "labelling");
		STAGES.put("segmentation", "labelling");
		STAGES.put("periosteal envelope", "compartments");
		STAGES.put("marrow cavity", "compartments");
		STAGES.put("trabecular compartment", "compartments");
		STAGES.put("compartments", "compartments");
		STAGES.put("Tb.Th", "Tb.Th");
		STAGES.put("Tb.Sp", "Tb.Sp");
		STAGES.put("Conn.D", "Euler");
		STAGES.put("Ct.Th", "Ct.Th");
		STAGES.put("morphometry", "end");
	}

	private CtBenchmark() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		List<Integer> sizes = new ArrayList<>(List.of(200, 512));
		int[] threads = { 1, 2 };
		long seed = 101;
		int repeats = 1;
		Path real = null;
		double voxelUm = Double.NaN;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--sizes" -> {
					sizes.clear();
					for (String s : args[++i].split(",")) if (!s.isBlank()) sizes.add(Integer.parseInt(s.trim()));
				}
				case "--threads" -> {
					String[] p = args[++i].split(",");
					threads = new int[p.length];
					for (int k = 0; k < p.length; k++) threads[k] = Integer.parseInt(p[k].trim());
				}
				case "--seed" -> seed = Long.parseLong(args[++i]);
				case "--repeats" -> repeats = Integer.parseInt(args[++i]);
				case "--real" -> real = Path.of(args[++i]);
				case "--voxel-um" -> voxelUm = Double.parseDouble(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		// warm-up: compiled code for the timed runs
		run(synthetic(64, seed), CtSpecimen.CALIBRATION, Parallel.of(1));
		System.out.println("| input | threads | stage | wall (s) | CPU (s) | load (1 min) |");
		System.out.println("|---|---|---|---|---|---|");
		if (real != null) {
			LoadedVolume lv = ImageIo.readVolume(real);
			ShortVolume img = lv.volume();
			if (!Double.isNaN(voxelUm)) img = img.withSpacing(Spacing.microns(voxelUm, voxelUm, voxelUm));
			ValueCalibration values = lv.values() == null ? ValueCalibration.NONE : lv.values();
			String label = real.getFileName() + " " + img.width() + "x" + img.height() + "x" + img.depth();
			for (int t : threads) for (int r = 0; r < repeats; r++) report(label, t, run(img, values, Parallel.of(t)));
		}
		for (int n : sizes) {
			ShortVolume img = synthetic(n, seed);
			String label = "mouse bone " + n + "^3";
			for (int t : threads) for (int r = 0; r < repeats; r++) report(label, t, run(img, CtSpecimen.CALIBRATION, Parallel.of(t)));
		}
	}

	/** The sample model's bone rendered on n^3 voxels of 2/n mm. */
	static ShortVolume synthetic(int n, long seed) {
		return CtSpecimen.render(new CtBoneModel(seed), null, n, FIELD_MM / n, seed + 1000, true, Parallel.defaults()).image();
	}

	/** One timed run: stage times, measurements and load. */
	record Timing(Map<String, double[]> stages, Morphometry.Result result, String loadBefore, String loadAfter) {}

	static Timing run(ShortVolume image, ValueCalibration values, Parallel parallel) throws IOException, InterruptedException {
		image.requireSpacing();
		// the ct defaults, automatic smoothing included (resolved inside the segmentation's smoothing stage)
		CtSettings settings = CtSettings.defaults(Double.NaN);
		StageClock clock = new StageClock();
		String before = load();
		CtSegmentation seg = CtPipeline.run(image, values, settings, "benchmark", parallel, clock);
		Morphometry.Result m = Morphometry.measure(seg, parallel, clock);
		clock.report("end", 1);
		return new Timing(clock.totals, m, before, load());
	}

	static void report(String label, int threads, Timing t) {
		double wall = 0, cpu = 0;
		for (Map.Entry<String, double[]> e : t.stages().entrySet()) {
			wall += e.getValue()[0];
			cpu += e.getValue()[1];
			System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %s |%n", label, threads, e.getKey(), e.getValue()[0], e.getValue()[1], t.loadBefore());
		}
		System.out.printf(Locale.ROOT, "| %s | %d | **total** | **%.2f** | %.2f | %s -> %s |%n", label, threads, wall, cpu, t.loadBefore(), t.loadAfter());
		Morphometry.Result m = t.result();
		System.out.printf(Locale.ROOT, "<!-- %s %dt: BV/TV %.10f Tb.Th %.10f Tb.Sp %.10f Conn.D %.10f Ct.Th %.10f Ct.Ar %.10f -->%n", label, threads,
			m.bvTvPercent(), m.tbThMm(), m.tbSpMm(), m.connDPerMm3(), m.ctThMm(), m.ctArMm2());
		System.out.flush();
	}

	/** The 1-minute load average from /proc/loadavg (or `uptime`). */
	static String load() {
		try {
			return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		} catch (IOException e) {
			try {
				Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
				try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
					String line = r.readLine();
					return line == null ? "?" : line.replaceAll(".*load average: ", "").split(",")[0];
				}
			} catch (IOException e2) {
				return "?";
			}
		}
	}

	/** Accumulates wall and process CPU time per stage between progress reports. */
	static final class StageClock implements Progress {
		final Map<String, double[]> totals = new LinkedHashMap<>();
		private String current;
		private long wallStart, cpuStart;

		@Override
		public synchronized void report(String task, double fraction) {
			String stage = STAGES.get(task);
			if (stage == null || stage.equals(current)) return;
			long now = System.nanoTime(), cpu = cpuTime();
			if (current != null) {
				double[] t = totals.computeIfAbsent(current, k -> new double[2]);
				t[0] += (now - wallStart) * 1e-9;
				t[1] += (cpu - cpuStart) * 1e-9;
			}
			current = stage.equals("end") ? null : stage;
			wallStart = now;
			cpuStart = cpu;
		}

		private static long cpuTime() {
			if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getProcessCpuTime();
			return 0;
		}
	}
}
