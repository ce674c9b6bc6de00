package dev.aether.da;

/**
 * How a block of {@code blockLength} bytes is laid out in FEC sets of {@code shredSize}-byte
 * shreds: each set holds {@code 10 · shredSize} block bytes (the last set zero-padded) and gets 2
 * parity shreds. An empty block still has one set, so every block has a shred root.
 *
 * @param blockLength block bytes
 * @param shredSize payload bytes per shred
 */
public record FecLayout(int blockLength, int shredSize) {
  /** Shreds per FEC set (10 data + 2 parity). */
  public static final int SET_SHREDS = ReedSolomon.DATA_SHREDS + ReedSolomon.PARITY_SHREDS;

  public FecLayout {
    if (blockLength < 0 || shredSize <= 0) {
      throw new IllegalArgumentException("negative block length or non-positive shred size");
    }
  }

  /** Number of FEC sets. */
  public int fecSets() {
    final long perSet = (long) shredSize * ReedSolomon.DATA_SHREDS;
    return (int) Math.max(1, (blockLength + perSet - 1) / perSet);
  }

  /** Total shreds (data and parity) of the block. */
  public int shredCount() {
    return fecSets() * SET_SHREDS;
  }

  /** Depth of the shred Merkle tree, i.e. the proof length every shred must carry. */
  public int proofLength() {
    return MerkleTree.depthFor(shredCount());
  }
}
