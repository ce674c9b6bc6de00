package dev.aether.consensus;

import dev.aether.types.H256;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Votes by round. Remembers each voter's first vote of a round (a second, different one is
 * equivocation) and adds stake per block until a quorum forms, once.
 */
final class VoteCollector {
  /** What adding a vote did. */
  sealed interface Outcome {
    record Duplicate() implements Outcome {}

    record Equivocation(Vote first) implements Outcome {}

    record Counted(Optional<List<Vote>> quorum) implements Outcome {}
  }

  private static final class Tally {
    final TreeMap<Integer, Vote> votes = new TreeMap<>();
    long weight;
    boolean formed;
  }

  private final TreeMap<Long, Map<Integer, Vote>> firstByVoter = new TreeMap<>();
  private final TreeMap<Long, Map<H256, Tally>> tallies = new TreeMap<>();

  /** Whether this exact vote was already counted (so its signature need not be checked again). */
  boolean seen(Vote v) {
    Map<Integer, Vote> round = firstByVoter.get(v.round());
    return round != null && v.equals(round.get(v.voter()));
  }

  Outcome add(Vote v, ValidatorSet set) {
    Map<Integer, Vote> round = firstByVoter.computeIfAbsent(v.round(), r -> new HashMap<>());
    Vote first = round.get(v.voter());
    if (first != null) {
      return first.blockId().equals(v.blockId())
          ? new Outcome.Duplicate()
          : new Outcome.Equivocation(first);
    }
    round.put(v.voter(), v);
    Tally t =
        tallies
            .computeIfAbsent(v.round(), r -> new HashMap<>())
            .computeIfAbsent(v.blockId(), b -> new Tally());
    t.votes.put(v.voter(), v);
    t.weight += set.get(v.voter()).map(Validator::stake).orElse(0L);
    if (!t.formed && set.isQuorum(t.weight)) {
      t.formed = true;
      return new Outcome.Counted(Optional.of(new ArrayList<>(t.votes.values())));
    }
    return new Outcome.Counted(Optional.empty());
  }

  /** Stake that voted for {@code blockId} in {@code round}. */
  long weight(long round, H256 blockId) {
    Map<H256, Tally> r = tallies.get(round);
    Tally t = r == null ? null : r.get(blockId);
    return t == null ? 0 : t.weight;
  }

  void pruneBelow(long round) {
    firstByVoter.headMap(round).clear();
    tallies.headMap(round).clear();
  }

  /** Rounds currently held. */
  int rounds() {
    return tallies.size();
  }
}
