package dev.aether.rpc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets, kept as the Generic Cell Rate Algorithm: one "theoretical arrival time"
 * per client instead of a token count and a refill timestamp. That needs only integer nanoseconds,
 * never loses the fractional refill of frequent small requests, and a client whose time has passed
 * is exactly a full bucket, so idle entries can be dropped without changing behaviour.
 */
final class RateLimiter {
  private final long intervalNanos;
  private final long toleranceNanos;
  private final LongSupplier nanoClock;
  private final int maxTrackedClients;
  private final ConcurrentHashMap<String, Long> arrival = new ConcurrentHashMap<>();

  /**
   * @param perSecond sustained requests per second per client; 0 disables limiting
   * @param burst requests a fresh client may send at once
   */
  RateLimiter(long perSecond, long burst, LongSupplier nanoClock, int maxTrackedClients) {
    if (perSecond < 0 || burst < 1 || perSecond > 1_000_000_000L) {
      throw new IllegalArgumentException("rate must be 0..1e9 per second and burst >= 1");
    }
    this.intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
    this.toleranceNanos = Math.multiplyExact(intervalNanos, burst);
    this.nanoClock = nanoClock;
    this.maxTrackedClients = maxTrackedClients;
  }

  /** Takes one request from the client's budget; false when the budget is spent. */
  boolean tryAcquire(String client) {
    if (intervalNanos == 0) {
      return true;
    }
    long now = nanoClock.getAsLong();
    if (arrival.size() > maxTrackedClients) {
      arrival.values().removeIf(t -> t - now <= 0);
    }
    boolean[] admitted = new boolean[1];
    arrival.compute(
        client,
        (k, tat) -> {
          long next = (tat == null || tat - now < 0 ? now : tat) + intervalNanos;
          if (next - now > toleranceNanos) {
            return tat;
          }
          admitted[0] = true;
          return next;
        });
    return admitted[0];
  }

  /**
   * Charges {@code n} more requests already served (the rest of a batch), possibly past the budget:
   * the client then waits until the debt is repaid.
   */
  void charge(String client, int n) {
    if (intervalNanos == 0 || n <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    arrival.compute(
        client, (k, tat) -> (tat == null || tat - now < 0 ? now : tat) + intervalNanos * n);
  }
}
