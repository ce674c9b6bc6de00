package dev.aether.network;

import java.util.SplittableRandom;

/**
 * Exponential reconnect backoff with jitter: after {@code n} consecutive failures the next attempt
 * waits {@code min(max, base · 2^(n-1))} scaled by a random factor in [0.5, 1.0), so nodes that
 * lost the same bootnode do not all redial it in lockstep. Pure: the caller passes the time.
 */
final class Backoff {
  private final long baseMillis;
  private final long maxMillis;
  private final SplittableRandom random;
  private int failures;
  private long nextAttempt;

  Backoff(final long baseMillis, final long maxMillis, final SplittableRandom random) {
    this.baseMillis = baseMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  boolean due(final long now) {
    return now >= nextAttempt;
  }

  int failures() {
    return failures;
  }

  /** Records a failed attempt (or a lost connection) and schedules the next. */
  long failed(final long now) {
    failures++;
    final long exp = baseMillis << Math.min(failures - 1, 30);
    final long delay = Math.min(maxMillis, exp < 0 ? maxMillis : exp);
    final long jittered = delay / 2 + (long) (random.nextDouble() * (delay / 2.0));
    nextAttempt = now + jittered;
    return jittered;
  }

  /** Records a success: the next loss starts from the base delay again. */
  void succeeded() {
    failures = 0;
    nextAttempt = 0;
  }
}
