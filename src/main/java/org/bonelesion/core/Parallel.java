package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The project's one threading policy: a number of threads (by default the available
 * processors, or the system property {@code bonelesion.threads}), work handed out in
 * contiguous chunks of indices (slices, rows or lines). Every op that uses it must write
 * disjoint outputs per index, so 1 thread and N threads give identical results.
 */
public final class Parallel {

	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "bonelesion-worker");
		t.setDaemon(true);
		return t;
	});

	private final int threads;

	private Parallel(int threads) {
		this.threads = Math.max(1, threads);
	}

	/** The default policy: {@code -Dbonelesion.threads=N} if set, else the available processors. */
	public static Parallel defaults() {
		int n = Runtime.getRuntime().availableProcessors();
		String p = System.getProperty("bonelesion.threads");
		if (p != null) {
			try {
				n = Integer.parseInt(p.trim());
			} catch (NumberFormatException e) {
				throw new UserInputException("bonelesion.threads must be a whole number, got '" + p + "'");
			}
		}
		return new Parallel(n);
	}

	/** A policy with exactly {@code threads} threads (1 = run in the calling thread). */
	public static Parallel of(int threads) {
		return new Parallel(threads);
	}

	public int threads() {
		return threads;
	}

	/**
	 * Runs {@code body} for every index in [from, to). Indices are claimed in chunks so that
	 * neighbouring indices tend to run on the same thread. Exceptions are rethrown in the
	 * calling thread (the first one wins).
	 */
	public void forRange(int from, int to, IntConsumer body) {
		int n = to - from;
		if (n <= 0) return;
		if (threads == 1 || n == 1) {
			for (int i = from; i < to; i++) body.accept(i);
			return;
		}
		int chunk = Math.max(1, n / (threads * 8));
		AtomicInteger next = new AtomicInteger(from);
		Runnable worker = () -> {
			int start;
			while ((start = next.getAndAdd(chunk)) < to) {
				int end = Math.min(to, start + chunk);
				for (int i = start; i < end; i++) body.accept(i);
			}
		};
		int helpers = Math.min(threads, (n + chunk - 1) / chunk) - 1;
		List<Future<?>> futures = new ArrayList<>(helpers);
		for (int t = 0; t < helpers; t++) futures.add(POOL.submit(worker));
		Throwable failure = null;
		try {
			worker.run();
		} catch (Throwable e) {
			failure = e;
			next.set(to);
		}
		for (Future<?> f : futures) {
			try {
				f.get();
			} catch (ExecutionException e) {
				if (failure == null) failure = e.getCause();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				if (failure == null) failure = e;
			}
		}
		if (failure instanceof RuntimeException re) throw re;
		if (failure instanceof Error er) throw er;
		if (failure != null) throw new IllegalStateException(failure);
	}

	/**
	 * Runs {@code body} once per thread-sized block of [from, to), each block getting its own
	 * block index; for ops that need one scratch buffer per block.
	 *
	 * @param body receives (blockStart, blockEnd)
	 */
	public void forBlocks(int from, int to, BlockBody body) {
		int n = to - from;
		if (n <= 0) return;
		int blocks = Math.min(n, threads == 1 ? 1 : threads * 4);
		forRange(0, blocks, b -> {
			int s = from + (int) ((long) n * b / blocks);
			int e = from + (int) ((long) n * (b + 1) / blocks);
			if (e > s) body.run(s, e);
		});
	}

	/** A block of indices [start, end). */
	@FunctionalInterface
	public interface BlockBody {
		void run(int start, int end);
	}
}
