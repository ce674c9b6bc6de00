package dev.aether.consensus.sim;

/**
 * Validator {@code node} crashes at true time {@code downAtMs} and, unless {@code durationMs} is
 * {@link #FOREVER}, restarts {@code durationMs} later from exactly what it had persisted: its
 * safety state and the checkpoint of its last committed block. With {@code midBatch} the crash hits
 * inside the first batch of actions it performs from then on that sends something, after a random
 * prefix of that batch — between a persist and the send it guards, or before the persist. Outages
 * model honest machines; a Byzantine validator's silence is its attack's business.
 */
public record Outage(int node, long downAtMs, long durationMs, boolean midBatch) {
  public static final long FOREVER = Long.MAX_VALUE;

  public Outage {
    if (node < 0 || downAtMs < 0 || durationMs <= 0) {
      throw new IllegalArgumentException("bad outage " + node + "@" + downAtMs);
    }
  }

  public boolean permanent() {
    return durationMs == FOREVER;
  }
}
