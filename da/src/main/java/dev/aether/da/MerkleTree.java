package dev.aether.da;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Binary SHA-256 Merkle tree over a block's shreds.
 *
 * <p>Leaves are {@code H(0x00 || leaf)}, inner nodes {@code H(0x01 || left || right)} — distinct
 * prefixes so a leaf can never be passed off as an inner node (second-preimage defence). The leaf
 * level is padded to a power of two with the constant {@code H(0x02)}, so a proof is exactly {@code
 * ceil(log2(n))} siblings and the leaf index's bits say left or right at each level.
 */
public final class MerkleTree {
  static final int HASH_BYTES = 32;
  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;
  private static final byte[] PAD = hashOf(new byte[] {0x02});

  private final byte[][][] levels;

  private MerkleTree(final byte[][][] levels) {
    this.levels = levels;
  }

  /** Builds the tree over the given leaves (at least one). */
  public static MerkleTree build(final List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    final int depth = depthFor(leaves.size());
    final int width = 1 << depth;
    final List<byte[][]> out = new ArrayList<>();
    byte[][] level = new byte[width][];
    final MessageDigest md = Sha256.digest();
    for (int i = 0; i < width; i++) {
      level[i] = i < leaves.size() ? leafHash(md, leaves.get(i)) : PAD;
    }
    out.add(level);
    while (level.length > 1) {
      final byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = nodeHash(md, level[2 * i], level[2 * i + 1]);
      }
      out.add(up);
      level = up;
    }
    return new MerkleTree(out.toArray(new byte[0][][]));
  }

  /** Number of levels below the root for {@code leafCount} leaves. */
  public static int depthFor(final int leafCount) {
    int depth = 0;
    while ((1 << depth) < leafCount) {
      depth++;
    }
    return depth;
  }

  /** The 32-byte root. */
  public byte[] root() {
    return levels[levels.length - 1][0].clone();
  }

  /** The sibling path from leaf {@code index} to the root, bottom first. */
  public List<byte[]> proof(final int index) {
    final List<byte[]> path = new ArrayList<>(levels.length - 1);
    int i = index;
    for (int l = 0; l < levels.length - 1; l++) {
      path.add(levels[l][i ^ 1].clone());
      i >>= 1;
    }
    return List.copyOf(path);
  }

  /**
   * True when {@code leaf} at {@code index} with sibling path {@code proof} hashes to {@code root}.
   */
  public static boolean verify(
      final byte[] root, final int index, final byte[] leaf, final List<byte[]> proof) {
    if (index < 0 || proof.size() >= 31 || index >= (1 << proof.size())) {
      return false;
    }
    final MessageDigest md = Sha256.digest();
    byte[] h = leafHash(md, leaf);
    int i = index;
    for (final byte[] sibling : proof) {
      if (sibling.length != HASH_BYTES) {
        return false;
      }
      h = (i & 1) == 0 ? nodeHash(md, h, sibling) : nodeHash(md, sibling, h);
      i >>= 1;
    }
    return MessageDigest.isEqual(h, root);
  }

  private static byte[] leafHash(final MessageDigest md, final byte[] leaf) {
    md.update(LEAF);
    return md.digest(leaf);
  }

  private static byte[] nodeHash(final MessageDigest md, final byte[] left, final byte[] right) {
    md.update(NODE);
    md.update(left);
    return md.digest(right);
  }

  private static byte[] hashOf(final byte[] bytes) {
    return Sha256.digest().digest(bytes);
  }

  @Override
  public String toString() {
    return "MerkleTree[root=" + HexFormat.of().formatHex(levels[levels.length - 1][0]) + "]";
  }
}
