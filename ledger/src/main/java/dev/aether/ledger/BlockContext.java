package dev.aether.ledger;

/**
 * What a block's transactions are checked and run against.
 *
 * @param height the block's height
 * @param slot the block's slot (checked against validity intervals)
 * @param signaturesVerified true when every transaction signature was already verified (in a batch,
 *     by the node); the rules then only check that the required signers are present
 */
public record BlockContext(long height, long slot, boolean signaturesVerified) {}
