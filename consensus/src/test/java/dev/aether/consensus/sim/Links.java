package dev.aether.consensus.sim;

import java.util.List;

/**
 * The simulated network: latency, loss and partitions before GST, and {@link Cut}s — windows
 * (before or after GST) during which messages between groups are dropped, in both directions or in
 * one only (an asymmetric link: A hears B, B does not hear A).
 *
 * @param rttMs mean round-trip time; one-way latency is {@code rtt/2} with +-20 % jitter
 * @param tailPerMille messages (per mille) delayed by up to 3 extra one-way latencies (reordering)
 * @param lossPerMille messages (per mille) dropped before GST
 * @param gstMs global stabilisation time: from then on no random loss and no {@code partition}
 * @param partition group of each validator before GST (all 0: no partition)
 * @param cuts further windows of dropped links; those after GST are short and spaced (the scenario
 *     keeps them bounded so that liveness still holds in the checked window)
 * @param hidePerMille before GST the adversary schedules the network: in this share of rounds it
 *     lets only one honest validator (the round's witness) see the round's votes and the blocks and
 *     timeouts carrying the resulting QC, so a QC — and whatever it finalizes — exists at one
 *     validator only while the others time out and move on without it
 */
public record Links(
    long rttMs,
    int tailPerMille,
    int lossPerMille,
    long gstMs,
    List<Integer> partition,
    List<Cut> cuts,
    int hidePerMille) {

  /**
   * During {@code [fromMs, toMs)} a message from a validator of group {@code a} to one of group
   * {@code b != a} is dropped — or, when {@code oneWay}, only when {@code a < b}: the higher groups
   * still hear the lower ones, the lower ones do not hear them.
   */
  public record Cut(long fromMs, long toMs, List<Integer> groups, boolean oneWay) {
    public Cut {
      groups = List.copyOf(groups);
      if (toMs <= fromMs) {
        throw new IllegalArgumentException("empty cut");
      }
    }

    boolean drops(int from, int to, long t) {
      if (t < fromMs || t >= toMs) {
        return false;
      }
      int a = groups.get(from);
      int b = groups.get(to);
      return oneWay ? a < b : a != b;
    }
  }

  public Links {
    partition = List.copyOf(partition);
    cuts = List.copyOf(cuts);
  }

  /** Whether a message sent at {@code t} from {@code from} to {@code to} is cut (before loss). */
  boolean cut(int from, int to, long t) {
    if (t < gstMs && !partition.get(from).equals(partition.get(to))) {
      return true;
    }
    for (Cut c : cuts) {
      if (c.drops(from, to, t)) {
        return true;
      }
    }
    return false;
  }

  /** Milliseconds of {@code [from, to)} after GST during which some cut is active. */
  long cutTimeAfterGst(long from, long to) {
    long total = 0;
    for (Cut c : cuts) {
      long a = Math.max(Math.max(from, gstMs), c.fromMs());
      long b = Math.min(to, c.toMs());
      total += Math.max(0, b - a);
    }
    return total;
  }
}
