package dev.aether.consensus.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rounds the adversary broke by leading them: the honest validators voted for a Byzantine member's
 * proposal and no quorum certificate came out of the round. With secret lottery leaders a Byzantine
 * winner with the best rank can always do that — send its proposal to some honest validators only,
 * who prefer it, while the rest vote for an honest one (ADR 0016, the {@code SPLIT_PROPOSER}
 * adversary) — so the protocol owes progress only in the other rounds. Each such round happens with
 * about the chance that a Byzantine member wins the slot with the best rank; runs of them are rare
 * but unbounded (a geometric tail), which is why the liveness check does not count their time
 * (docs/CONSENSUS.md, "Properties checked").
 *
 * <p>Fed from what honest validators send (votes, proposals, timeouts); read once, at the end.
 */
final class SplitRounds {
  private record Round(long epoch, long round) {}

  private static final Comparator<Round> ORDER =
      Comparator.comparingLong(Round::epoch).thenComparingLong(Round::round);

  /** First time any honest validator acted (voted, proposed, timed out) in the round. */
  private final TreeMap<Round, Long> firstActivity = new TreeMap<>(ORDER);

  /** Rounds in which an honest validator voted for a Byzantine member's proposal. */
  private final Set<Round> byzantineVoted = new HashSet<>();

  /** Rounds known to have produced a QC (some honest validator used it). */
  private final Set<Round> certified = new HashSet<>();

  void activity(long epoch, long round, long now) {
    firstActivity.merge(new Round(epoch, round), now, Math::min);
  }

  void honestVote(long epoch, long round, boolean byzantineProposer, long now) {
    activity(epoch, round, now);
    if (byzantineProposer) {
      byzantineVoted.add(new Round(epoch, round));
    }
  }

  void certifiedRound(long epoch, long round) {
    if (round > 0) {
      certified.add(new Round(epoch, round));
    }
  }

  /**
   * {@code [start, end)} of each broken round: from the first honest action in it to the first in a
   * later round of the same epoch (or {@code now}), but never longer than {@code maxRoundMs} — what
   * an honest validator takes to time out of a round and see the next one begin. A round that lasts
   * longer is not the leader's doing (validators that cannot leave a round are a liveness bug the
   * check must still catch).
   */
  List<long[]> intervals(long now, long maxRoundMs) {
    List<long[]> out = new ArrayList<>();
    for (Map.Entry<Round, Long> e : firstActivity.entrySet()) {
      Round r = e.getKey();
      if (!byzantineVoted.contains(r) || certified.contains(r)) {
        continue;
      }
      Map.Entry<Round, Long> next = firstActivity.higherEntry(r);
      long end = next != null && next.getKey().epoch() == r.epoch() ? next.getValue() : now;
      end = Math.min(end, e.getValue() + maxRoundMs);
      if (end > e.getValue()) {
        out.add(new long[] {e.getValue(), end});
      }
    }
    return out;
  }
}
