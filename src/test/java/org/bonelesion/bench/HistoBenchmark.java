package org.bonelesion.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.histo.HistoSettings;
import org.bonelesion.histo.RgbSource;
import org.bonelesion.histo.TrapAnalyser;
import org.bonelesion.histo.TrapResult;
import org.bonelesion.histo.TrapStains;

/**
 * Tissue-mode throughput on a large synthetic section (default 20000 x 15000, 1 um pixels):
 * a rendered 2000 x 1500 TRAP section (bone, marrow, osteoclasts, tumour) repeated, analysed
 * once to warm up on a crop of 3 x 3 tiles and then whole. Prints megapixels per second and the
 * peak heap. Run with -Xmx6g:
 * {@code java -Xmx6g -cp target/classes:target/test-classes:... org.bonelesion.bench.HistoBenchmark [width height [tile]]}.
 */
public final class HistoBenchmark {

	private HistoBenchmark() {}

	public static void main(String[] args) {
		int w = args.length > 1 ? Integer.parseInt(args[0]) : 20000, h = args.length > 1 ? Integer.parseInt(args[1]) : 15000;
		RgbImage unit = org.bonelesion.histo.BenchmarkPhantom.section(2000, 1500);
		int[] px = new int[Math.multiplyExact(w, h)];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x += unit.width()) {
			int n = Math.min(unit.width(), w - x);
			System.arraycopy(unit.pixels(), (y % unit.height()) * unit.width(), px, y * w + x, n);
		}
		RgbImage image = new RgbImage(w, h, px, Spacing.isotropicMicrons(1));
		HistoSettings s = HistoSettings.defaults(false);
		if (args.length > 2) s = s.withTileSize(Integer.parseInt(args[2]));
		Parallel parallel = Parallel.defaults();
		TrapStains stains = TrapStains.choose(s, RgbSource.overview(RgbSource.of(image), 4_000_000), RgbSource.of(image), parallel);
		// the warm-up crop holds 3 x 3 tiles, so that tiles with every combination of cut sides (and
		// the code paths they take) have run before the timed run
		int wt = s.tileSize() * 5 / 2;
		RgbImage warm = image.crop(0, 0, Math.min(w, wt), Math.min(h, wt));
		// warm-up runs on the crop (-Dbench.warmups=N, default 1; more show the fully compiled rate)
		for (int k = Integer.getInteger("bench.warmups", 1); k > 0; k--) new TrapAnalyser(s, stains, 1, parallel).analyse(RgbSource.of(warm), null, Progress.NONE);
		// the timed run, repeated with -Dbench.repeats=N (later rounds: code fully compiled)
		for (int round = Integer.getInteger("bench.repeats", 1); round > 0; round--) {
			for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			long c0 = os.getProcessCpuTime();
			long t0 = System.nanoTime();
			TrapAnalyser.stageSeconds(); // drop the warm-up's
			TrapResult r = new TrapAnalyser(s, stains, 1, parallel).analyse(RgbSource.of(image), null, Progress.NONE);
			double sec = (System.nanoTime() - t0) / 1e9;
			double cpu = (os.getProcessCpuTime() - c0) / 1e9;
			long peak = 0;
			for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
			double mp = (double) w * h / 1e6;
			System.out.printf("%d x %d (%.0f MP), %d threads, %d tiles: %.2f s, %.1f MP/s; N.Oc %d; peak heap %.0f MB (image %.0f MB as packed int, %.0f MB as 8-bit RGB)%n",
				w, h, mp, parallel.threads(), r.tiles(), sec, mp / sec, r.cells().size(), peak / 1e6, 4 * mp, 3 * mp);
			// on a shared, loaded machine the wall time mostly measures the other processes; the
			// process CPU time does not: MP per CPU-second times the threads is the idle-machine rate
			System.out.printf("process CPU %.2f s = %.1f MP per CPU-second (x %d threads = %.1f MP/s if the cores were free); system load average %.1f%n", cpu, mp / cpu,
				parallel.threads(), parallel.threads() * mp / cpu, os.getSystemLoadAverage());
			// CPU seconds per step (with -Dbonelesion.histo.stages=true)
			java.util.Map<String, Double> stages = TrapAnalyser.stageSeconds();
			if (Boolean.getBoolean("bonelesion.histo.stages")) {
				StringBuilder b = new StringBuilder("CPU per step (s):");
				stages.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s %.2f", k, v)));
				System.out.println(b);
			}
		}
	}
}
