package dev.aether.network;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * <b>Test and devnet only.</b> Holds every outbound frame for a fixed one-way delay before it is
 * written, standing in for link latency on hosts where {@code tc netem} is unavailable (see
 * docs/adr/0003-in-process-latency-injection.md). With a zero delay a write runs at once, on the
 * caller's thread, exactly as without this class.
 *
 * <p>Writes leave in the order they were submitted: every write waits the same delay, so trigger
 * times ({@code System.nanoTime() + delay}) never decrease, and {@link
 * java.util.concurrent.ScheduledThreadPoolExecutor} runs tasks due at the same time in submission
 * order. The network's logic thread only queues the write; one timer thread performs it (Netty then
 * hops to its event loop), so a delay never blocks gossip or peer logic.
 */
final class OutboundDelay implements AutoCloseable {
  private final long delayNanos;
  private final ScheduledExecutorService timer;

  private OutboundDelay(final long delayNanos, final ScheduledExecutorService timer) {
    this.delayNanos = delayNanos;
    this.timer = timer;
  }

  /** A delay of {@code oneWay}; zero means none (and no thread). */
  static OutboundDelay of(final Duration oneWay, final String threadName) {
    if (oneWay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + oneWay);
    }
    if (oneWay.isZero()) {
      return new OutboundDelay(0, null);
    }
    return new OutboundDelay(
        oneWay.toNanos(),
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(threadName).daemon().factory()));
  }

  /** Runs {@code write} after the delay (at once when there is none). */
  void submit(final Runnable write) {
    if (timer == null) {
      write.run();
      return;
    }
    try {
      timer.schedule(write, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: the frame is lost, as a packet in flight is when a link goes down.
    }
  }

  /** Drops frames still waiting and stops the timer thread. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
