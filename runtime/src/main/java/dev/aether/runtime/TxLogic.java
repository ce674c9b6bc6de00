package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /**
   * Block-level writes made after every transaction has run, from the block's access sets in block
   * order (e.g. the next congestion table). Empty by default.
   */
  default SortedMap<H256, Optional<Bytes>> endBlock(
      BlockContext block, List<AccessSet> accessSets) {
    return new TreeMap<>();
  }
}
