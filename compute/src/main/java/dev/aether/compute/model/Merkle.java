package dev.aether.compute.model;

import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary Merkle tree shaped as in RFC 9162 (the left subtree holds the largest power of two below
 * n leaves) with tagged inner nodes, whose root binds the leaf count — the shape of the ledger's
 * receipts tree, with the model's own tags.
 */
final class Merkle {
  private final String nodeTag;
  private final String rootTag;

  Merkle(String nodeTag, String rootTag) {
    this.nodeTag = nodeTag;
    this.rootTag = rootTag;
  }

  H256 root(List<H256> leaves) {
    H256 mth = leaves.isEmpty() ? H256.ZERO : hash(leaves, 0, leaves.size());
    return bind(leaves.size(), mth);
  }

  List<H256> prove(List<H256> leaves, int index) {
    if (index < 0 || index >= leaves.size()) {
      throw new IllegalArgumentException("leaf " + index + " outside 0.." + leaves.size());
    }
    List<H256> path = new ArrayList<>();
    path(leaves, index, 0, leaves.size(), path);
    return List.copyOf(path);
  }

  /** RFC 9162 §2.1.3.2: folds {@code path} from leaf {@code index} of {@code count} up. */
  boolean verify(H256 root, int index, int count, H256 leaf, List<H256> path) {
    if (index < 0 || index >= count) {
      return false;
    }
    long fn = index;
    long sn = count - 1L;
    H256 r = leaf;
    for (H256 p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && bind(count, r).equals(root);
  }

  private H256 bind(int count, H256 mth) {
    return Hashing.tagged(rootTag, new Writer(36).u32(count).fixed(mth.toArray()).toByteArray());
  }

  private H256 node(H256 l, H256 r) {
    return Hashing.tagged(nodeTag, l.toArray(), r.toArray());
  }

  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private H256 hash(List<H256> leaves, int lo, int hi) {
    if (hi - lo == 1) {
      return leaves.get(lo);
    }
    int k = split(hi - lo);
    return node(hash(leaves, lo, lo + k), hash(leaves, lo + k, hi));
  }

  private void path(List<H256> leaves, int m, int lo, int hi, List<H256> out) {
    if (hi - lo == 1) {
      return;
    }
    int k = split(hi - lo);
    if (m < k) {
      path(leaves, m, lo, lo + k, out);
      out.add(hash(leaves, lo + k, hi));
    } else {
      path(leaves, m - k, lo + k, hi, out);
      out.add(hash(leaves, lo, lo + k));
    }
  }
}
