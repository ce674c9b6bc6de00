package dev.aether.ledger;

import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;

/** Runs transactions one after another in block order: the reference every executor must match. */
public final class SerialExecutor implements BlockExecutor {
  @Override
  public List<Receipt> execute(
      BlockContext ctx, List<Tx> txs, BlockState state, TxProcessor processor) {
    List<Receipt> receipts = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      switch (processor.process(ctx, txs.get(i), state)) {
        case TxOutcome.Applied a -> receipts.add(a.receipt());
        case TxOutcome.Rejected r ->
            throw new LedgerException(new LedgerError.InvalidBlock(i, r.error()));
      }
    }
    return receipts;
  }
}
