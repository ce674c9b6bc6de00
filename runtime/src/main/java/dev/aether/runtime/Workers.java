package dev.aether.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The executor's fixed worker threads (large stacks, for contracts). An idle worker keeps polling
 * for work for a short while before it parks, yielding its core meanwhile: a block's execution, its
 * hashing and the next block follow each other within fractions of a millisecond, and waking a
 * parked thread on a small machine often costs more than that (the woken thread can wait
 * milliseconds for a core).
 */
final class Workers implements AutoCloseable {
  /** How long an idle worker polls before parking. */
  static final long SPIN_NANOS = 500_000;

  private final ConcurrentLinkedQueue<Runnable> jobs = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
  private final Thread[] threads;
  private volatile boolean closed;

  Workers(int count, String name, long stackBytes) {
    threads = new Thread[count];
    AtomicInteger n = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(null, this::loop, name + "-" + n.incrementAndGet(), stackBytes);
      t.setDaemon(true);
      threads[i] = t;
    }
    for (Thread t : threads) {
      t.start();
    }
  }

  /** Runs {@code job} on some worker (jobs catch their own failures). */
  void execute(Runnable job) {
    if (closed) {
      throw new IllegalStateException("workers closed");
    }
    jobs.add(job);
    Thread idle = parked.poll();
    if (idle != null) {
      LockSupport.unpark(idle);
    }
  }

  private void loop() {
    Thread me = Thread.currentThread();
    long idleSince = System.nanoTime();
    while (!closed) {
      Runnable job = jobs.poll();
      if (job != null) {
        try {
          job.run();
        } catch (RuntimeException | Error e) {
          // Jobs report their own failures; a worker must outlive a bad job.
        }
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
        // Yield rather than spin: on a busy machine the core goes to whoever needs it (the
        // calling thread among them), on an idle one this returns at once.
        Thread.yield();
      } else {
        parked.add(me);
        // A job added before we were listed would otherwise wait for the next one.
        if (jobs.isEmpty() && !closed) {
          LockSupport.park(this);
        }
        parked.remove(me);
        idleSince = System.nanoTime();
      }
    }
  }

  /** Workers parked now (for tests). */
  int parkedCount() {
    return parked.size();
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
  }
}
