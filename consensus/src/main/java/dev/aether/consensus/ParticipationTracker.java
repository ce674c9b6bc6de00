package dev.aether.consensus;

import dev.aether.types.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Accumulates {@link Participation} per consensus epoch (the last few) as blocks are committed. */
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

  /**
   * Counts a committed block: its proposal for its proposer in {@code blockSet} (the set of the
   * block's epoch) and its parent QC's signers in {@code qcSet} (the set of the QC's epoch, which
   * differs for the first block of an epoch), each in its own epoch's counts.
   */
  void onCommit(Block b, ValidatorSet blockSet, ValidatorSet qcSet) {
    long epoch = b.header().epoch();
    Counts c = epochs.computeIfAbsent(epoch, e -> new Counts(blockSet.size()));
    int proposer = b.header().proposer();
    if (proposer < c.proposed.length) {
      c.proposed[proposer]++;
    }
    var qc = b.header().parentQc();
    if (qc.round() > 0) {
      Counts q = epochs.computeIfAbsent(qc.epoch(), e -> new Counts(qcSet.size()));
      q.certified++;
      for (int i : qc.signers().indices()) {
        if (i < q.signed.length) {
          q.signed[i]++;
        }
      }
    }
    while (epochs.size() > 8) {
      epochs.pollFirstEntry();
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
