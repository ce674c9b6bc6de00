package dev.aether.consensus;

import java.util.List;

/**
 * Per-validator participation in one epoch, counted from the finalized chain only (so every node
 * derives the same numbers): how many finalized blocks each validator proposed, and in how many of
 * the {@code certifiedRounds} QCs carried by finalized blocks its vote was included. The staking
 * program charges the downtime leak ({@code leak_downtime}) on {@code certifiedRounds - signed}.
 */
public record Participation(
    long epoch, long certifiedRounds, List<Long> proposed, List<Long> signed) {
  public Participation {
    proposed = List.copyOf(proposed);
    signed = List.copyOf(signed);
  }

  /** QCs of the epoch that do not carry validator {@code i}'s vote. */
  public long missed(int i) {
    return certifiedRounds - signed.get(i);
  }
}
