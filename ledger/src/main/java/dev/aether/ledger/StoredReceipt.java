package dev.aether.ledger;

import dev.aether.types.Receipt;

/**
 * A committed receipt, where it sits, and its proof against the block header's receipts root.
 *
 * @param height the block's height
 * @param index the transaction's position in the block
 * @param receipt the receipt
 * @param proof its proof against {@code header.receiptsRoot()}
 */
public record StoredReceipt(long height, int index, Receipt receipt, ReceiptProof proof) {}
