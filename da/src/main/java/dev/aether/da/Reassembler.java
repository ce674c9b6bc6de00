package dev.aether.da;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects one block's shreds, checks each against the leader-signed shred root, and rebuilds the
 * block as soon as every FEC set has any 10 of its 12 shreds. Not thread-safe: one owner feeds it.
 *
 * <p>Every shred is verified before it is stored, so a corrupted or forged shred is rejected with a
 * typed error (the caller penalises whoever sent it) and never poisons the decode. After decoding,
 * the block is re-shredded and must give the same root: that catches a leader whose parity
 * disagrees with its data, which proofs alone cannot.
 */
public final class Reassembler {
  private final long slot;
  private final byte[] root;
  private final int maxShredSize;
  private final int maxBlockBytes;
  private final ReedSolomon rs = ReedSolomon.shredCode();

  private FecLayout layout;
  private byte[][][] sets;
  private int[] counts;
  private int completeSets;
  private byte[] block;
  private ShreddedBlock rebuilt;
  private boolean failed;

  /**
   * @param slot the block's slot
   * @param root the shred root the leader signed in the header
   * @param maxShredSize largest accepted shred payload
   * @param maxBlockBytes largest accepted block
   */
  public Reassembler(
      final long slot, final byte[] root, final int maxShredSize, final int maxBlockBytes) {
    if (root.length != MerkleTree.HASH_BYTES) {
      throw new IllegalArgumentException("shred root must be 32 bytes");
    }
    this.slot = slot;
    this.root = root.clone();
    this.maxShredSize = maxShredSize;
    this.maxBlockBytes = maxBlockBytes;
  }

  /** What {@link #add} did with a shred. */
  public sealed interface Outcome {
    /** Stored; the block is not complete yet. */
    record Accepted() implements Outcome {}

    /** Valid but already held (or the block is already rebuilt): not forwarded again. */
    record Duplicate() implements Outcome {}

    /** Invalid: the sender should be penalised. */
    record Rejected(DaError error) implements Outcome {}

    /** This shred completed the block. */
    record Complete(byte[] block) implements Outcome {
      public Complete {
        block = block.clone();
      }

      @Override
      public byte[] block() {
        return block.clone();
      }
    }
  }

  public long slot() {
    return slot;
  }

  /** Adds a shred received from the network. */
  public Outcome add(final Shred shred) {
    if (shred.slot() != slot || !shred.rootEquals(root)) {
      return new Outcome.Rejected(new DaError.WrongBlock("slot or root differs"));
    }
    if (shred.blockLength() > maxBlockBytes || shred.payloadSize() > maxShredSize) {
      return new Outcome.Rejected(new DaError.WrongBlock("size over the configured maximum"));
    }
    final FecLayout claimed = new FecLayout(shred.blockLength(), shred.payloadSize());
    if (shred.index() >= claimed.shredCount()
        || shred.proof().size() != claimed.proofLength()
        || !MerkleTree.verify(root, shred.index(), shred.leafBytes(), shred.proof())) {
      return new Outcome.Rejected(new DaError.BadProof(shred.slot(), shred.index()));
    }
    if (layout == null) {
      layout = claimed;
      sets = new byte[layout.fecSets()][FecLayout.SET_SHREDS][];
      counts = new int[layout.fecSets()];
    } else if (!layout.equals(claimed)) {
      // Both shreds prove into the signed root: the leader committed to two layouts.
      return new Outcome.Rejected(new DaError.InconsistentErasure(slot));
    }
    if (block != null || failed) {
      return new Outcome.Duplicate();
    }
    final int set = shred.fecSet();
    final int pos = shred.position();
    if (sets[set][pos] != null) {
      return new Outcome.Duplicate();
    }
    sets[set][pos] = shred.payload();
    counts[set]++;
    if (counts[set] == ReedSolomon.DATA_SHREDS) {
      completeSets++;
    }
    if (completeSets < layout.fecSets()) {
      return new Outcome.Accepted();
    }
    return finish();
  }

  private Outcome finish() {
    final int size = layout.shredSize();
    final byte[] out = new byte[layout.blockLength()];
    for (int s = 0; s < sets.length; s++) {
      final boolean[] present = new boolean[FecLayout.SET_SHREDS];
      for (int i = 0; i < FecLayout.SET_SHREDS; i++) {
        present[i] = sets[s][i] != null;
      }
      try {
        rs.reconstruct(sets[s], present);
      } catch (DaException e) {
        failed = true;
        return new Outcome.Rejected(e.error());
      }
      for (int d = 0; d < ReedSolomon.DATA_SHREDS; d++) {
        final long from = ((long) s * ReedSolomon.DATA_SHREDS + d) * size;
        if (from < out.length) {
          System.arraycopy(sets[s][d], 0, out, (int) from, (int) Math.min(size, out.length - from));
        }
      }
    }
    final ShreddedBlock again;
    try {
      again = new Shredder(size, maxBlockBytes).shred(slot, out);
    } catch (DaException e) {
      failed = true;
      return new Outcome.Rejected(e.error());
    }
    if (!MessageDigest.isEqual(again.root(), root)) {
      failed = true;
      return new Outcome.Rejected(new DaError.InconsistentErasure(slot));
    }
    block = out;
    rebuilt = again;
    sets = null;
    return new Outcome.Complete(out);
  }

  /** The rebuilt block, once complete. */
  public Optional<byte[]> block() {
    return Optional.ofNullable(block).map(byte[]::clone);
  }

  /** All shreds of the rebuilt block (to serve repairs and retransmit), once complete. */
  public Optional<ShreddedBlock> shreddedBlock() {
    return Optional.ofNullable(rebuilt);
  }

  /** True when the block is rebuilt. */
  public boolean isComplete() {
    return block != null;
  }

  /**
   * The shreds to ask peers for: every missing index of every FEC set still short of 10. Before any
   * shred arrived the layout is unknown, so it asks for the first set, which reveals it.
   */
  public Optional<RepairRequest> repairRequest() {
    if (block != null || failed) {
      return Optional.empty();
    }
    final List<Integer> wanted = new ArrayList<>();
    if (layout == null) {
      for (int i = 0; i < FecLayout.SET_SHREDS; i++) {
        wanted.add(i);
      }
    } else {
      for (int s = 0; s < sets.length && wanted.size() < RepairRequest.MAX_INDICES; s++) {
        if (counts[s] >= ReedSolomon.DATA_SHREDS) {
          continue;
        }
        for (int p = 0; p < FecLayout.SET_SHREDS; p++) {
          if (sets[s][p] == null && wanted.size() < RepairRequest.MAX_INDICES) {
            wanted.add(s * FecLayout.SET_SHREDS + p);
          }
        }
      }
    }
    return Optional.of(new RepairRequest(slot, root, wanted));
  }
}
