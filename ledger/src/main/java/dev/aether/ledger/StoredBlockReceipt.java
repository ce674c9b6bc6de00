package dev.aether.ledger;

import dev.aether.types.BlockReceipt;

/**
 * A committed block's own receipt (docs/adr/0053) with its proof against the block header's
 * receipts root: the last leaf of the block's receipts tree.
 *
 * @param height the block's height
 * @param receipt the block receipt
 * @param proof its proof against {@code header.receiptsRoot()} (index = the block's transaction
 *     count, count = that plus one)
 */
public record StoredBlockReceipt(long height, BlockReceipt receipt, ReceiptProof proof) {}
