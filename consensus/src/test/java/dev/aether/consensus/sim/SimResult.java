package dev.aether.consensus.sim;

import dev.aether.consensus.Evidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one simulation run measured.
 *
 * @param latenciesMs for each (final block, honest validator): proposal broadcast to commit there
 * @param messages messages sent (each recipient counts once; dropped ones included)
 * @param bytes their encoded sizes
 * @param firstFinalAfterGstMs GST to the first new final block at any honest validator
 * @param allFinalAfterGstMs GST to the moment every honest live validator has a new final block
 * @param undecodable messages from Byzantine validators the receivers' decoders refused
 * @param restarts validators brought back from their persisted state after a crash
 */
public record SimResult(
    String scenario,
    long seed,
    int validators,
    long steps,
    long finalBlocks,
    List<Long> latenciesMs,
    long messages,
    long bytes,
    long firstFinalAfterGstMs,
    long allFinalAfterGstMs,
    List<Evidence> evidence,
    Map<String, Long> rejected,
    long durationMs,
    long undecodable,
    long restarts) {

  /** The {@code p}-th percentile (nearest rank) of the finality latencies. */
  public long latencyPercentile(int p) {
    if (latenciesMs.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(latenciesMs);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  public long messagesPerFinalBlock() {
    return finalBlocks == 0 ? -1 : messages / finalBlocks;
  }

  public long bytesPerFinalBlock() {
    return finalBlocks == 0 ? -1 : bytes / finalBlocks;
  }
}
