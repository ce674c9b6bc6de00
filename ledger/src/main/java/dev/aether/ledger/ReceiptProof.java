package dev.aether.ledger;

import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.util.List;

/**
 * Proof that a receipt sits at {@code index} among {@code count} receipts under a header's receipts
 * root: the audit path of RFC 9162 section 2.1.3, checked without any state.
 *
 * @param index position of the receipt in the block
 * @param count number of receipts in the block
 * @param path sibling hashes from the leaf upwards
 */
public record ReceiptProof(int index, int count, List<H256> path) {
  public ReceiptProof {
    path = List.copyOf(path);
  }

  /** True when {@code receipt} is receipt {@code index} of the tree with root {@code root}. */
  public boolean verify(H256 root, Receipt receipt) {
    return verifyLeaf(root, receipt.leafHash());
  }

  /**
   * True when {@code receipt} is the block's own receipt under {@code root}: the last leaf ({@code
   * index == count - 1}) of the block's tree.
   */
  public boolean verify(H256 root, BlockReceipt receipt) {
    return index == count - 1 && verifyLeaf(root, receipt.leafHash());
  }

  private boolean verifyLeaf(H256 root, H256 leaf) {
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
        r = ReceiptsTree.node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = ReceiptsTree.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && ReceiptsTree.bind(count, r).equals(root);
  }
}
