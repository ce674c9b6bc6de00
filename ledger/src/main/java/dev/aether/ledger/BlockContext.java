package dev.aether.ledger;

import java.util.Objects;

/**
 * What a block's transactions are checked and run against.
 *
 * @param height the block's height
 * @param slot the block's slot (checked against validity intervals)
 * @param signaturesVerified true when every transaction signature was already verified (in a batch,
 *     by the node); the rules then only check that the required signers are present
 * @param multipliers the fee multipliers of this block, read from its parent's state by the ledger
 *     ({@link FeeMarket#pricesAfter}); callers pass {@link FeeMultipliers#NONE} and the ledger
 *     replaces it before any transaction runs
 */
public record BlockContext(
    long height, long slot, boolean signaturesVerified, FeeMultipliers multipliers) {
  public BlockContext {
    Objects.requireNonNull(multipliers, "multipliers");
  }

  /** A context whose multipliers the ledger fills in from the parent state. */
  public BlockContext(long height, long slot, boolean signaturesVerified) {
    this(height, slot, signaturesVerified, FeeMultipliers.NONE);
  }

  /** This context priced with {@code m}. */
  public BlockContext withMultipliers(FeeMultipliers m) {
    return new BlockContext(height, slot, signaturesVerified, m);
  }
}
