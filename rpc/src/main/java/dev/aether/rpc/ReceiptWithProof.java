package dev.aether.rpc;

import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.util.Objects;

/**
 * A transaction's receipt, where it sits, and its proof against the containing block's receipts
 * root ({@code header.receiptsRoot}).
 */
public record ReceiptWithProof(
    Receipt receipt,
    long blockHeight,
    H256 blockId,
    int indexInBlock,
    H256 receiptsRoot,
    MerkleProof proof) {
  public ReceiptWithProof {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(proof, "proof");
    if (blockHeight < 0 || indexInBlock < 0) {
      throw new IllegalArgumentException("height and index must be non-negative");
    }
  }
}
