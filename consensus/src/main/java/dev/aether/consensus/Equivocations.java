package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Double-signing seen by this node: the first signed proposal per (round, proposer) of the current
 * epoch within a window of recent rounds, the offences already reported, and the validators proven
 * Byzantine.
 */
final class Equivocations {
  /** Rounds of proposal history kept (older double proposals are not detected). */
  static final long WINDOW = 64;

  private final TreeMap<Long, Map<Integer, Block>> proposalsByRound = new TreeMap<>();
  private final Set<H256> reported = new HashSet<>();
  private final Set<dev.aether.types.Bytes> convicted = new HashSet<>();
  private final Map<dev.aether.types.Bytes, Evidence> proofs = new HashMap<>();

  /** Records a validly signed proposal; evidence if its proposer already signed another. */
  Optional<Evidence> onProposal(Block block, long currentRound) {
    long round = block.header().round();
    if (round < currentRound - WINDOW) {
      return Optional.empty();
    }
    Block first =
        proposalsByRound
            .computeIfAbsent(round, r -> new HashMap<>())
            .putIfAbsent(block.header().proposer(), block);
    if (first == null || first.id().equals(block.id())) {
      return Optional.empty();
    }
    return Optional.of(Evidence.DoubleProposal.of(first, block));
  }

  /**
   * Convicts the offender (by cold key: indices change between epochs); true the first time this
   * offence is seen (so report it once).
   */
  boolean convict(Evidence e, dev.aether.types.Bytes offenderColdKey) {
    convicted.add(offenderColdKey);
    proofs.putIfAbsent(offenderColdKey, e);
    return reported.add(Evidence.id(e));
  }

  /** The first proof held against the validator with {@code coldKey}, if it was convicted. */
  Optional<Evidence> proof(dev.aether.types.Bytes coldKey) {
    return Optional.ofNullable(proofs.get(coldKey));
  }

  boolean isConvicted(dev.aether.types.Bytes coldKey) {
    return convicted.contains(coldKey);
  }

  void pruneBelow(long round) {
    proposalsByRound.headMap(round - WINDOW).clear();
  }

  /** A new epoch: rounds start again, so forget the proposals seen (convictions stay). */
  void newEpoch() {
    proposalsByRound.clear();
  }

  /** Rounds currently held. */
  int rounds() {
    return proposalsByRound.size();
  }
}
