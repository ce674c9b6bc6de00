package dev.aether.ledger;

import dev.aether.types.Tx;

/**
 * The fee multiplier each transaction of one block pays, in permille ({@code 1000} = 1×). A block's
 * multipliers come from its parent's state alone ({@link FeeMarket#pricesAfter}), never from
 * whichever block a node happened to execute last, so every node prices the same block the same
 * way.
 */
@FunctionalInterface
public interface FeeMultipliers {
  /** 1× in permille. */
  long UNIT = 1000;

  /** No congestion: every transaction pays 1×. */
  FeeMultipliers NONE = tx -> UNIT;

  /** The multiplier {@code tx} pays, at least {@link #UNIT}. */
  long permilleFor(Tx tx);
}
