package dev.aether.da;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a block into RS(12,10) FEC sets of shreds and commits to all of them with one Merkle root,
 * the value the leader signs in the block header. Deterministic: the same block and shred size
 * always give the same shreds and root, so any node that rebuilt a block can re-shred it to serve
 * repairs and to check that the leader's parity was honest.
 */
public final class Shredder {
  /** Default shred payload: leaves room for header and proof inside a 1,500-byte-MTU datagram. */
  public static final int DEFAULT_SHRED_SIZE = 1024;

  /** The design's block_bytes_max. */
  public static final int DEFAULT_MAX_BLOCK = 2_000_000;

  private final int shredSize;
  private final int maxBlockBytes;
  private final ReedSolomon rs = ReedSolomon.shredCode();

  /**
   * @param shredSize payload bytes per shred
   * @param maxBlockBytes largest block accepted
   */
  public Shredder(final int shredSize, final int maxBlockBytes) {
    if (shredSize <= 0 || maxBlockBytes < 0) {
      throw new IllegalArgumentException("shred size must be positive, max block non-negative");
    }
    this.shredSize = shredSize;
    this.maxBlockBytes = maxBlockBytes;
  }

  /** A shredder with {@link #DEFAULT_SHRED_SIZE} and {@link #DEFAULT_MAX_BLOCK}. */
  public static Shredder withDefaults() {
    return new Shredder(DEFAULT_SHRED_SIZE, DEFAULT_MAX_BLOCK);
  }

  public int shredSize() {
    return shredSize;
  }

  public int maxBlockBytes() {
    return maxBlockBytes;
  }

  /** Shreds {@code block} for {@code slot}. */
  public ShreddedBlock shred(final long slot, final byte[] block) throws DaException {
    if (block.length > maxBlockBytes) {
      throw new DaException(new DaError.BlockTooLarge(block.length, maxBlockBytes));
    }
    final FecLayout layout = new FecLayout(block.length, shredSize);
    final List<byte[]> payloads = encodePayloads(rs, layout, block);
    final List<byte[]> leaves = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      leaves.add(Shred.leafBytes(slot, i, block.length, payloads.get(i)));
    }
    final MerkleTree tree = MerkleTree.build(leaves);
    final byte[] root = tree.root();
    final List<Shred> shreds = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      shreds.add(new Shred(slot, i, block.length, payloads.get(i), root, tree.proof(i)));
    }
    return new ShreddedBlock(slot, root, layout, shreds);
  }

  /** Data and parity payloads of every FEC set, in shred-index order. */
  static List<byte[]> encodePayloads(
      final ReedSolomon rs, final FecLayout layout, final byte[] block) {
    final int size = layout.shredSize();
    final List<byte[]> out = new ArrayList<>(layout.shredCount());
    for (int set = 0; set < layout.fecSets(); set++) {
      final byte[][] shards = new byte[FecLayout.SET_SHREDS][];
      for (int d = 0; d < ReedSolomon.DATA_SHREDS; d++) {
        final long from = ((long) set * ReedSolomon.DATA_SHREDS + d) * size;
        shards[d] = new byte[size];
        if (from < block.length) {
          final int n = (int) Math.min(size, block.length - from);
          System.arraycopy(block, (int) from, shards[d], 0, n);
        }
      }
      for (int p = 0; p < ReedSolomon.PARITY_SHREDS; p++) {
        shards[ReedSolomon.DATA_SHREDS + p] = new byte[size];
      }
      try {
        rs.encodeParity(shards);
      } catch (DaException e) {
        // Shapes are built right here; a failure would be a bug in this method.
        throw new IllegalStateException(e);
      }
      out.addAll(Arrays.asList(shards));
    }
    return out;
  }
}
