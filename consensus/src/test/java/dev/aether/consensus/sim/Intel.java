package dev.aether.consensus.sim;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.ValidatorSet;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Timeout;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What the Byzantine coalition knows: every message any member received or sent — blocks,
 * certificates, votes and timeouts by round — and the certificates it can build from them with
 * public operations only (aggregating signatures it has seen). Bounded: only recent rounds kept.
 */
final class Intel {
  private static final long KEPT_ROUNDS = 256;
  private static final int HEARD = 512;

  private final ValidatorSet set;
  private final ConsensusCrypto crypto;
  private final Map<H256, Block> blocks = new HashMap<>();
  private final TreeMap<Long, List<Block>> proposals = new TreeMap<>();
  private final TreeMap<Long, QuorumCert> qcs = new TreeMap<>();
  private final TreeMap<Long, TimeoutCert> tcs = new TreeMap<>();
  private final TreeMap<Long, TreeMap<Integer, Timeout>> timeouts = new TreeMap<>();
  private final TreeMap<Long, Map<H256, TreeMap<Integer, Vote>>> votes = new TreeMap<>();
  private final List<Object> heard = new ArrayList<>();
  private long highestRound;

  Intel(ValidatorSet set, ConsensusCrypto crypto) {
    this.set = set;
    this.crypto = crypto;
  }

  /** Records a message a member received or sent. */
  void record(Object message, SplittableRandom rnd) {
    switch (message) {
      case Block b -> {
        if (blocks.putIfAbsent(b.id(), b) == null) {
          proposals.computeIfAbsent(b.header().round(), r -> new ArrayList<>()).add(b);
          qc(b.header().parentQc());
          b.header().timeoutCert().ifPresent(tc -> tcs.putIfAbsent(tc.round(), tc));
          seen(b.header().round());
        }
      }
      case Vote v -> {
        TreeMap<Integer, Vote> tally =
            votes
                .computeIfAbsent(v.round(), r -> new HashMap<>())
                .computeIfAbsent(v.blockId(), id -> new TreeMap<>());
        if (tally.putIfAbsent(v.voter(), v) == null
            && !qcs.containsKey(v.round())
            && set.isQuorum(set.weight(List.copyOf(tally.keySet())))) {
          List<Bytes> sigs = tally.values().stream().map(Vote::signature).toList();
          qcs.put(
              v.round(),
              new QuorumCert(
                  v.epoch(),
                  v.round(),
                  v.blockId(),
                  SignerSet.of(List.copyOf(tally.keySet())),
                  crypto.aggregate(sigs)));
        }
      }
      case Timeout t -> {
        timeouts.computeIfAbsent(t.round(), r -> new TreeMap<>()).putIfAbsent(t.voter(), t);
        qc(t.highQc());
      }
      default -> {}
    }
    if (heard.size() >= HEARD) {
      heard.set(rnd.nextInt(HEARD), message); // a random sample of everything heard
    } else {
      heard.add(message);
    }
    prune();
  }

  private void qc(QuorumCert qc) {
    if (qc.round() > 0) {
      qcs.putIfAbsent(qc.round(), qc);
      seen(qc.round());
    }
  }

  private void seen(long round) {
    if (round > highestRound && round < highestRound + 10_000) {
      highestRound = round;
    }
  }

  private void prune() {
    long below = highestRound - KEPT_ROUNDS;
    if (below > 0 && !proposals.isEmpty() && proposals.firstKey() < below) {
      for (List<Block> old : proposals.headMap(below).values()) {
        old.forEach(b -> blocks.remove(b.id()));
      }
      proposals.headMap(below).clear();
      qcs.headMap(below).clear();
      tcs.headMap(below).clear();
      timeouts.headMap(below).clear();
      votes.headMap(below).clear();
    }
  }

  Optional<Block> block(H256 id) {
    return Optional.ofNullable(blocks.get(id));
  }

  List<Block> proposals(long round) {
    return proposals.getOrDefault(round, List.of());
  }

  /** Certified rounds known, ascending. */
  TreeMap<Long, QuorumCert> qcs() {
    return qcs;
  }

  /** Aggregates signatures (a public operation: anyone holding them can). */
  Bytes aggregate(List<Bytes> signatures) {
    return crypto.aggregate(signatures);
  }

  /** A message heard at random, or empty. */
  Optional<Object> anyHeard(SplittableRandom rnd) {
    return heard.isEmpty() ? Optional.empty() : Optional.of(heard.get(rnd.nextInt(heard.size())));
  }

  /** A TC of {@code round}: one seen, else aggregated from the timeouts heard, if a quorum. */
  Optional<TimeoutCert> tc(long round) {
    TimeoutCert known = tcs.get(round);
    return known != null ? Optional.of(known) : cherryPickedTc(round);
  }

  /** An older TC than {@code round - 1}, if any is known (for stale justifications). */
  Optional<TimeoutCert> staleTc(long round, SplittableRandom rnd) {
    List<TimeoutCert> old = List.copyOf(tcs.headMap(round - 1).values());
    return old.isEmpty() ? Optional.empty() : Optional.of(old.get(rnd.nextInt(old.size())));
  }

  /**
   * The TC of {@code round} with the lowest highest-QC round the coalition can assemble: the
   * timeouts reporting the lowest QCs first, until a quorum. Legitimate (every signature is real);
   * it lets a proposal extend the stalest QC the rules could possibly allow.
   */
  Optional<TimeoutCert> cherryPickedTc(long round) {
    TreeMap<Integer, Timeout> all = timeouts.get(round);
    if (all == null) {
      return Optional.empty();
    }
    List<Timeout> byQc =
        all.values().stream()
            .sorted(Comparator.comparingLong((Timeout t) -> t.highQc().round()))
            .toList();
    TreeMap<Integer, Timeout> chosen = new TreeMap<>();
    for (Timeout t : byQc) {
      chosen.put(t.voter(), t);
      if (set.isQuorum(set.weight(List.copyOf(chosen.keySet())))) {
        return Optional.of(
            new TimeoutCert(
                t.epoch(),
                round,
                SignerSet.of(List.copyOf(chosen.keySet())),
                chosen.values().stream().map(t2 -> t2.highQc().round()).toList(),
                crypto.aggregate(chosen.values().stream().map(Timeout::signature).toList())));
      }
    }
    return Optional.empty();
  }
}
