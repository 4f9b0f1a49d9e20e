package org.bonelesion.histo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the CPU time of the tissue analysis goes: thread CPU time summed per step over all tiles
 * and threads, for the benchmark ({@code -Dbonelesion.histo.stages=true}); off (no clock reads)
 * otherwise.
 */
final class StageClock {

	/** The steps of a tile's analysis. */
	enum Stage {
		STAINS, TISSUE, TUMOUR, CYCLE, CELLS, CONTOUR, OVERLAY
	}

	static final boolean ON = Boolean.getBoolean("bonelesion.histo.stages");
	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
	private static final AtomicLongArray NANOS = new AtomicLongArray(Stage.values().length);

	private StageClock() {}

	/** The current thread's CPU time (ns), or 0 when off. */
	static long now() {
		return ON ? THREADS.getCurrentThreadCpuTime() : 0;
	}

	/** Adds the time since {@code since} to the stage and returns the current time (ns; 0 when off). */
	static long lap(Stage stage, long since) {
		if (!ON) return 0;
		long t = THREADS.getCurrentThreadCpuTime();
		NANOS.addAndGet(stage.ordinal(), t - since);
		return t;
	}

	/** The seconds of CPU time per stage since the last reset, and resets them. */
	static Map<String, Double> drain() {
		Map<String, Double> m = new LinkedHashMap<>();
		for (Stage s : Stage.values()) m.put(s.name().toLowerCase(java.util.Locale.ROOT), NANOS.getAndSet(s.ordinal(), 0) / 1e9);
		return m;
	}
}
