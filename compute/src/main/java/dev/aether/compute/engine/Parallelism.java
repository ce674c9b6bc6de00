package dev.aether.compute.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a kernel's independent outputs over threads.
 *
 * <p>Only work whose every output element is computed start to finish by one thread, in the same
 * order whatever the split, is handed here (rows or columns of a matmul, heads of attention): so
 * the thread count cannot change a single bit of any result. Reductions are never split.
 */
public final class Parallelism implements AutoCloseable {
  /** Below this many multiply-adds a kernel runs on the calling thread. */
  static final long MIN_PARALLEL_WORK = 1 << 16;

  private final int threads;
  private final ExecutorService pool;

  private Parallelism(int threads) {
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonFactory()) : null;
  }

  /** Runs everything on the calling thread. */
  public static Parallelism serial() {
    return new Parallelism(1);
  }

  /** Splits work over {@code threads} threads (the caller's included). */
  public static Parallelism of(int threads) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be 1..256, got " + threads);
    }
    return new Parallelism(threads);
  }

  /** The thread count. */
  public int threads() {
    return threads;
  }

  /** A range body: computes outputs {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body} over {@code [0, n)} in contiguous chunks, one per thread. */
  void forRange(int n, long work, RangeBody body) {
    int parts = (int) Math.min(threads, n);
    if (pool == null || parts < 2 || work < MIN_PARALLEL_WORK) {
      body.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      futures.add(pool.submit(() -> body.run(from, to)));
    }
    body.run(0, (int) ((long) n / parts));
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing a kernel", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonFactory() {
    return r -> {
      Thread t = new Thread(r, "aether-mesh-kernel");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
