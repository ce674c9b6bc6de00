package dev.aether.ledger;

import dev.aether.types.Tx;

/** Validates and applies one transaction to a block state (see {@link TxApplier}). */
@FunctionalInterface
public interface TxProcessor {
  TxOutcome process(BlockContext ctx, Tx tx, BlockState state);
}
