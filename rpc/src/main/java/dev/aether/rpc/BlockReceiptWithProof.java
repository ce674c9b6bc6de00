package dev.aether.rpc;

import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import java.util.Objects;

/**
 * A block's own receipt (docs/adr/0053) with its proof against the block's receipts root: the last
 * leaf of the tree, at {@code proof.index()} = the block's transaction count, of {@code index + 1}
 * leaves.
 */
public record BlockReceiptWithProof(
    BlockReceipt receipt, H256 blockId, H256 receiptsRoot, MerkleProof proof) {
  public BlockReceiptWithProof {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(proof, "proof");
  }
}
