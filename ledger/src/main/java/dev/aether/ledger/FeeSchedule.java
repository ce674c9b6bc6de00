package dev.aether.ledger;

import dev.aether.types.Amount;
import dev.aether.types.Tx;

/**
 * Prices a transaction in SWR. The genesis schedule is {@link LinearFeeSchedule}; the runtime wraps
 * it with per-object congestion multipliers.
 */
@FunctionalInterface
public interface FeeSchedule {
  /**
   * The fee of {@code tx} of encoded size {@code txBytes} that ran {@code steps} metered steps and
   * used {@code memBytes} of memory (both 0 for plain transfers).
   */
  Amount fee(Tx tx, int txBytes, long steps, long memBytes);
}
