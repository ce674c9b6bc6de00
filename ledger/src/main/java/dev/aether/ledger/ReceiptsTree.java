package dev.aether.ledger;

import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree over a block's receipts in block order, shaped as in RFC 9162 (Certificate
 * Transparency v2): the left subtree holds the largest power of two below n leaves. Leaves are the
 * transactions' {@link Receipt#leafHash()} and then, as the last leaf of every executed block, its
 * {@link BlockReceipt#leafHash()} (docs/adr/0053); inner nodes {@code
 * SHA-256("aether/receipts/node/v1" || 0 || l || r)}. The root binds the leaf count, {@code
 * SHA-256("aether/receipts/root/v1" || 0 || u32 n || mth)} (the empty tree's {@code mth} is all
 * zeros), so a proof cannot claim a receipt sits at another index of a differently sized tree with
 * the same shape.
 */
public final class ReceiptsTree {
  private ReceiptsTree() {}

  /** The root over {@code receipts} alone (a tree without a block receipt). */
  public static H256 root(List<Receipt> receipts) {
    return rootOf(leaves(receipts));
  }

  /**
   * The root a header carries: the transactions' receipts, then the block's own receipt as the last
   * leaf (count = transactions + 1).
   */
  public static H256 root(List<Receipt> receipts, BlockReceipt block) {
    List<H256> leaves = leaves(receipts);
    leaves.add(block.leafHash());
    return rootOf(leaves);
  }

  /**
   * The root a header carries, from the transactions' receipt leaf hashes ({@link
   * Receipt#leafHash()}, in block order) already computed.
   */
  static H256 rootOfLeaves(List<H256> receiptLeaves, BlockReceipt block) {
    List<H256> leaves = new ArrayList<>(receiptLeaves.size() + 1);
    leaves.addAll(receiptLeaves);
    leaves.add(block.leafHash());
    return rootOf(leaves);
  }

  static H256 rootOf(List<H256> leaves) {
    return bind(leaves.size(), leaves.isEmpty() ? H256.ZERO : hash(leaves, 0, leaves.size()));
  }

  static H256 bind(int count, H256 treeHash) {
    return Hashing.tagged(
        "aether/receipts/root/v1",
        new dev.aether.types.codec.Writer(36).u32(count).fixed(treeHash.toArray()).toByteArray());
  }

  /** The proof that receipt {@code index} is in the tree of {@code receipts} alone. */
  public static ReceiptProof prove(List<Receipt> receipts, int index) {
    return proveLeaf(leaves(receipts), index);
  }

  /**
   * The proof of leaf {@code index} of a block's tree: a transaction's receipt for {@code index <
   * receipts.size()}, the block receipt for {@code index == receipts.size()}.
   */
  public static ReceiptProof prove(List<Receipt> receipts, BlockReceipt block, int index) {
    List<H256> leaves = leaves(receipts);
    leaves.add(block.leafHash());
    return proveLeaf(leaves, index);
  }

  private static ReceiptProof proveLeaf(List<H256> leaves, int index) {
    if (index < 0 || index >= leaves.size()) {
      throw new IllegalArgumentException("index " + index + " outside 0.." + leaves.size());
    }
    List<H256> path = new ArrayList<>();
    path(leaves, index, 0, leaves.size(), path);
    return new ReceiptProof(index, leaves.size(), path);
  }

  static H256 node(H256 left, H256 right) {
    return Hashing.tagged("aether/receipts/node/v1", left.toArray(), right.toArray());
  }

  private static List<H256> leaves(List<Receipt> receipts) {
    List<H256> out = new ArrayList<>(receipts.size() + 1);
    for (Receipt r : receipts) {
      out.add(r.leafHash());
    }
    return out;
  }

  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static H256 hash(List<H256> leaves, int lo, int hi) {
    if (hi - lo == 1) {
      return leaves.get(lo);
    }
    int k = split(hi - lo);
    return node(hash(leaves, lo, lo + k), hash(leaves, lo + k, hi));
  }

  private static void path(List<H256> leaves, int m, int lo, int hi, List<H256> out) {
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
