package dev.aether.consensus;

import dev.aether.types.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Timeouts by round; reports when more than a third and when a quorum of stake has timed out. */
final class TimeoutCollector {
  /** Result of adding a timeout. */
  record Outcome(boolean fresh, boolean overOneThird, Optional<List<Timeout>> quorum) {}

  private static final class Tally {
    final TreeMap<Integer, Timeout> timeouts = new TreeMap<>();
    long weight;
    boolean formed;
  }

  private final TreeMap<Long, Tally> rounds = new TreeMap<>();

  boolean seen(Timeout t) {
    Tally tally = rounds.get(t.round());
    return tally != null && tally.timeouts.containsKey(t.voter());
  }

  Outcome add(Timeout t, ValidatorSet set) {
    Tally tally = rounds.computeIfAbsent(t.round(), r -> new Tally());
    if (tally.timeouts.containsKey(t.voter())) {
      return new Outcome(false, set.exceedsOneThird(tally.weight), Optional.empty());
    }
    tally.timeouts.put(t.voter(), t);
    tally.weight += set.get(t.voter()).map(Validator::stake).orElse(0L);
    Optional<List<Timeout>> quorum = Optional.empty();
    if (!tally.formed && set.isQuorum(tally.weight)) {
      tally.formed = true;
      quorum = Optional.of(new ArrayList<>(tally.timeouts.values()));
    }
    return new Outcome(true, set.exceedsOneThird(tally.weight), quorum);
  }

  void pruneBelow(long round) {
    rounds.headMap(round).clear();
  }

  /** Rounds currently held. */
  int rounds() {
    return rounds.size();
  }
}
