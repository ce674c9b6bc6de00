package dev.aether.runtime;

import dev.aether.types.Tx;
import java.util.List;

/**
 * Executes a block's transactions against the parent state. Every implementation gives the same
 * {@link BlockOutcome} as running the transactions one by one in block order.
 */
public interface BlockExecution {
  BlockOutcome execute(BlockContext block, StateReader parent, List<Tx> txs);
}
