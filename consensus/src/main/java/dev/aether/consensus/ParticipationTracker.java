package dev.aether.consensus;

import dev.aether.types.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Accumulates {@link Participation} per epoch as blocks are committed. */
final class ParticipationTracker {
  private static final class Counts {
    long certified;
    final long[] proposed;
    final long[] signed;

    Counts(int n) {
      proposed = new long[n];
      signed = new long[n];
    }
  }

  private final TreeMap<Long, Counts> epochs = new TreeMap<>();

  void onCommit(Block b, long epoch, ValidatorSet set) {
    Counts c = epochs.computeIfAbsent(epoch, e -> new Counts(set.size()));
    int proposer = b.header().proposer();
    if (proposer < c.proposed.length) {
      c.proposed[proposer]++;
    }
    if (b.header().parentQc().round() > 0) {
      c.certified++;
      for (int i : b.header().parentQc().signers().indices()) {
        if (i < c.signed.length) {
          c.signed[i]++;
        }
      }
    }
  }

  Optional<Participation> of(long epoch) {
    Counts c = epochs.get(epoch);
    if (c == null) {
      return Optional.empty();
    }
    List<Long> p = new ArrayList<>();
    List<Long> s = new ArrayList<>();
    for (int i = 0; i < c.proposed.length; i++) {
      p.add(c.proposed[i]);
      s.add(c.signed[i]);
    }
    return Optional.of(new Participation(epoch, c.certified, p, s));
  }
}
