package dev.aether.ledger;

import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.List;

/**
 * Runs a block's transactions. The result must equal running them one by one in block order ({@link
 * SerialExecutor}); the runtime's parallel scheduler is another implementation. A rejected
 * transaction makes the block invalid: throw {@link LedgerException} with {@link
 * LedgerError.InvalidBlock}.
 */
@FunctionalInterface
public interface BlockExecutor {
  /** Applies {@code txs} to {@code state} and returns their receipts in block order. */
  List<Receipt> execute(BlockContext ctx, List<Tx> txs, BlockState state, TxProcessor processor);

  /**
   * Workers the ledger may use for the block's own bookkeeping after {@link #execute} (state-value
   * hashes, state-tree subtrees, receipt hashes); the results never depend on it.
   */
  default Parallelism parallelism() {
    return Parallelism.SERIAL;
  }
}
