package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Blocks known to this node with the per-block data consensus derives from the chain: the epoch
 * nonce the block was drawn with and the nonce accumulator for the next epoch. Maps here are used
 * for lookups only, never iterated in hash order.
 */
final class BlockTree {
  /** A known block and its chain-derived data. */
  record Entry(Block block, long epoch, H256 eta, H256 rho, java.math.BigInteger rank) {
    long round() {
      return block.header().round();
    }

    long height() {
      return block.header().height();
    }

    long slot() {
      return block.header().slot();
    }
  }

  private final ConsensusParams params;
  private final Map<H256, Entry> blocks = new HashMap<>();
  private final TreeMap<Long, Set<H256>> byHeight = new TreeMap<>();
  private final Set<H256> executed = new HashSet<>();
  private final Set<H256> invalid = new HashSet<>();

  /** A tree rooted at {@code root}: genesis, or a committed block this node resumes from. */
  BlockTree(ConsensusParams params, Checkpoint root) {
    this.params = params;
    put(
        new Entry(
            root.block(),
            params.epochOf(root.block().header().slot()),
            root.eta(),
            root.rho(),
            Leadership.FALLBACK_RANK));
    executed.add(root.id());
  }

  Optional<Entry> get(H256 id) {
    return Optional.ofNullable(blocks.get(id));
  }

  boolean contains(H256 id) {
    return blocks.containsKey(id);
  }

  /** A known child of {@code id}, if any (lowest id first, so the answer is deterministic). */
  Optional<Entry> anyChild(H256 id) {
    Entry parent = blocks.get(id);
    if (parent == null) {
      return Optional.empty();
    }
    for (H256 c : byHeight.getOrDefault(parent.height() + 1, Set.of())) {
      Entry e = blocks.get(c);
      if (e.block().header().parent().equals(id)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The nonce a child of {@code parent} in {@code slot} is drawn with. */
  H256 etaFor(Entry parent, long slot) {
    long epoch = params.epochOf(slot);
    if (epoch == parent.epoch()) {
      return parent.eta();
    }
    H256 eta = parent.rho();
    for (long k = parent.epoch() + 1; k < epoch; k++) {
      eta = EpochNonce.start(eta, k);
    }
    return eta;
  }

  /** The entry for {@code block}, a child of {@code parent}, drawn with {@code eta}. */
  Entry child(Entry parent, Block block, H256 eta, Bytes vrfOutput, java.math.BigInteger rank) {
    long slot = block.header().slot();
    long epoch = params.epochOf(slot);
    H256 rho = epoch == parent.epoch() ? parent.rho() : EpochNonce.start(eta, epoch);
    if (slot - epoch * params.epochSlots() < params.nonceCutoff()) {
      rho = EpochNonce.absorb(rho, vrfOutput);
    }
    return new Entry(block, epoch, eta, rho, rank);
  }

  void put(Entry e) {
    blocks.put(e.block().id(), e);
    byHeight.computeIfAbsent(e.height(), h -> new java.util.TreeSet<>()).add(e.block().id());
  }

  void markExecuted(H256 id) {
    executed.add(id);
  }

  void markInvalid(H256 id) {
    invalid.add(id);
  }

  boolean isExecuted(H256 id) {
    return executed.contains(id);
  }

  boolean isInvalid(H256 id) {
    return invalid.contains(id);
  }

  /** Drops blocks below {@code height} (kept: enough history to serve peers catching up). */
  void pruneBelow(long height) {
    while (!byHeight.isEmpty() && byHeight.firstKey() < height) {
      for (H256 id : byHeight.pollFirstEntry().getValue()) {
        blocks.remove(id);
        executed.remove(id);
        invalid.remove(id);
      }
    }
  }
}
