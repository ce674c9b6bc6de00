package dev.aether.runtime;

import dev.aether.types.Receipt;
import dev.aether.types.Tx;

/**
 * The state transition of one transaction: what it may touch, and what it does. Executors call
 * {@link #execute} concurrently for transactions whose access sets do not conflict, so an
 * implementation must keep no mutable state of its own and read nothing but the {@link TxState} and
 * the {@link BlockContext} — that is what makes the parallel run equal the serial one.
 *
 * <p>User-caused failures end in a {@code FAILED} receipt, never an exception; an exception from
 * {@code execute} is a bug and aborts the block.
 */
public interface TxLogic {
  /** Everything {@code tx} may read or write, including implicit keys (payer, inputs, outputs). */
  AccessSet accessSet(Tx tx);

  /** Runs {@code tx}; its state changes are the writes buffered in {@code state}. */
  Receipt execute(BlockContext block, Tx tx, TxState state);
}
