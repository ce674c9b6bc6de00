package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The reference: one transaction after another in block order, on the calling thread. */
public final class SerialExecutor implements BlockExecution {
  private final TxLogic logic;

  public SerialExecutor(TxLogic logic) {
    this.logic = logic;
  }

  @Override
  public BlockOutcome execute(BlockContext block, StateReader parent, List<Tx> txs) {
    TreeMap<H256, Optional<Bytes>> diff = new TreeMap<>();
    StateReader current =
        key -> {
          Optional<Bytes> v = diff.get(key);
          return v != null ? v : parent.get(key);
        };
    List<Receipt> receipts = new ArrayList<>(txs.size());
    List<AccessSet> access = new ArrayList<>(txs.size());
    for (Tx tx : txs) {
      AccessSet a = logic.accessSet(tx);
      access.add(a);
      TxState state = new TxState(current, a);
      receipts.add(logic.execute(block, tx, state));
      diff.putAll(state.writes());
    }
    diff.putAll(logic.endBlock(block, access));
    return new BlockOutcome(receipts, diff);
  }
}
