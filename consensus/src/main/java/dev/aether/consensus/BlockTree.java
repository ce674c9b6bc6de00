package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Blocks known to this node with the per-block data consensus derives from the chain: the epoch
 * nonce the block was drawn with, the nonce accumulator for the next epoch, whether the block ends
 * its consensus epoch, and (once final) the certificate counters of the final chain up to it. Maps
 * here are used for lookups only, never iterated in hash order.
 */
final class BlockTree {
  /**
   * A known block and its chain-derived data.
   *
   * @param slotEpoch the epoch of the block's slot (which the nonce follows); its consensus epoch
   *     is {@code block.header().epoch()}
   * @param boundary the block ends its consensus epoch: the first block of that epoch whose slot
   *     lies past the epoch's slots (docs/adr/0025)
   * @param proposerKey the proposer's cold key (empty for the root)
   * @param counters the final chain's certificate counters up to this block, once it is final
   */
  record Entry(
      Block block,
      long slotEpoch,
      H256 eta,
      H256 rho,
      java.math.BigInteger rank,
      boolean boundary,
      Bytes proposerKey,
      Optional<CertCounters> counters) {
    long round() {
      return block.header().round();
    }

    long height() {
      return block.header().height();
    }

    long slot() {
      return block.header().slot();
    }

    /** The block's consensus epoch. */
    long epoch() {
      return block.header().epoch();
    }

    Entry withCounters(CertCounters c) {
      return new Entry(block, slotEpoch, eta, rho, rank, boundary, proposerKey, Optional.of(c));
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
    long slot = root.block().header().slot();
    put(
        new Entry(
            root.block(),
            params.epochOf(slot),
            root.eta(),
            root.rho(),
            Leadership.FALLBACK_RANK,
            root.resumeEpoch(params) > root.block().header().epoch(),
            Bytes.EMPTY,
            Optional.of(root.counters())));
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

  /** The first slot after consensus epoch {@code epoch}'s slots. */
  long epochEnd(long epoch) {
    return (epoch + 1) * params.epochSlots();
  }

  /**
   * Whether a block of consensus epoch {@code epoch} in {@code slot}, child of {@code parent}, ends
   * its epoch (it is the first of its epoch past the epoch's slots).
   */
  boolean endsEpoch(Entry parent, long epoch, long slot) {
    return slot >= epochEnd(epoch) && (parent.epoch() < epoch || parent.slot() < epochEnd(epoch));
  }

  /**
   * Whether {@code e} follows the block that ended its epoch: such blocks only help finalize that
   * block, carry no transactions and are never committed.
   */
  boolean isSuffix(Entry e) {
    return e.slot() >= epochEnd(e.epoch()) && !e.boundary();
  }

  /** The nonce a child of {@code parent} in {@code slot} is drawn with. */
  H256 etaFor(Entry parent, long slot) {
    long epoch = params.epochOf(slot);
    if (epoch == parent.slotEpoch()) {
      return parent.eta();
    }
    H256 eta = parent.rho();
    for (long k = parent.slotEpoch() + 1; k < epoch; k++) {
      eta = EpochNonce.start(eta, k);
    }
    return eta;
  }

  /** The entry for {@code block}, a child of {@code parent}, drawn with {@code eta}. */
  Entry child(
      Entry parent,
      Block block,
      H256 eta,
      Bytes vrfOutput,
      java.math.BigInteger rank,
      Bytes proposerKey) {
    long slot = block.header().slot();
    long epoch = params.epochOf(slot);
    H256 rho = epoch == parent.slotEpoch() ? parent.rho() : EpochNonce.start(eta, epoch);
    if (slot - epoch * params.epochSlots() < params.nonceCutoff()) {
      rho = EpochNonce.absorb(rho, vrfOutput);
    }
    boolean boundary = endsEpoch(parent, block.header().epoch(), slot);
    return new Entry(block, epoch, eta, rho, rank, boundary, proposerKey, Optional.empty());
  }

  void put(Entry e) {
    blocks.put(e.block().id(), e);
    byHeight.computeIfAbsent(e.height(), h -> new java.util.TreeSet<>()).add(e.block().id());
  }

  /** Forgets one block (a block of a new epoch that does not descend from the epoch's root). */
  void remove(H256 id) {
    Entry e = blocks.remove(id);
    if (e != null) {
      Set<H256> at = byHeight.get(e.height());
      if (at != null) {
        at.remove(id);
        if (at.isEmpty()) {
          byHeight.remove(e.height());
        }
      }
      executed.remove(id);
      invalid.remove(id);
    }
  }

  /** Blocks of consensus epoch {@code epoch} above {@code height}, in (height, id) order. */
  List<Entry> ofEpochAbove(long epoch, long height) {
    List<Entry> out = new ArrayList<>();
    for (Set<H256> ids : byHeight.tailMap(height, false).values()) {
      for (H256 id : ids) {
        Entry e = blocks.get(id);
        if (e.epoch() == epoch) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** Whether {@code id} is {@code ancestor} or descends from it (both in the tree). */
  boolean descends(H256 id, H256 ancestor) {
    Entry a = blocks.get(ancestor);
    Entry e = blocks.get(id);
    while (e != null && a != null && e.height() > a.height()) {
      e = blocks.get(e.block().header().parent());
    }
    return e != null && a != null && e.block().id().equals(ancestor);
  }

  /**
   * The highest certificate counter {@code coldKey} used on the chain ending at {@code parent}: the
   * final chain's counters plus the blocks between the last final block and {@code parent}.
   */
  Optional<Long> highestCounter(Entry parent, Bytes coldKey) {
    long best = -1;
    Entry e = parent;
    while (e != null) {
      if (e.counters().isPresent()) {
        long c = e.counters().get().get(coldKey).orElse(-1L);
        best = Math.max(best, c);
        break;
      }
      if (e.proposerKey().equals(coldKey)) {
        best = Math.max(best, e.block().header().opCert().counter());
      }
      e = blocks.get(e.block().header().parent());
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
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
