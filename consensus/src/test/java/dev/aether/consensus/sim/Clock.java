package dev.aether.consensus.sim;

/**
 * A validator's local clock: {@code local(t) = t + offsetMs + t * driftPpm / 1e6} for true time
 * {@code t}. Consensus only ever sees local times (events carry them, timers are set in them), so
 * skew and drift reach every slot boundary, vote window and round timeout. Integer arithmetic, so
 * runs replay exactly.
 *
 * @param offsetMs how far ahead of true time the clock starts (non-negative: only relative skew
 *     between validators matters)
 * @param driftPpm rate error in parts per million (positive runs fast), |drift| well below 10^6
 */
public record Clock(long offsetMs, long driftPpm) {
  public static final Clock EXACT = new Clock(0, 0);

  public Clock {
    if (offsetMs < 0 || Math.abs(driftPpm) >= 100_000) {
      throw new IllegalArgumentException("offset >= 0 and |drift| < 100 000 ppm");
    }
  }

  /** Local time at true time {@code t}; non-decreasing in {@code t}. */
  public long local(long t) {
    return t + offsetMs + Math.floorDiv(t * driftPpm, 1_000_000L);
  }

  /** The earliest true time at which the local clock reads {@code localMs} or more. */
  public long trueTimeOf(long localMs) {
    long t = Math.max(0, Math.floorDiv((localMs - offsetMs) * 1_000_000L, 1_000_000L + driftPpm));
    while (t > 0 && local(t - 1) >= localMs) {
      t--;
    }
    while (local(t) < localMs) {
      t++;
    }
    return t;
  }
}
