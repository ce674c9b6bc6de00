package dev.aether.ledger;

/**
 * Work a block does after its transactions, on the same {@link BlockState}: native programs'
 * end-of-block processing (the staking program's epoch boundary: rewards, downtime, the next
 * validator set; governance tallies). It runs inside {@link Ledger#execute}, {@link
 * Ledger#executeOn} and {@link Ledger#seal} — after the block's fees reach the fee pool and before
 * the state root is computed — so proposers, re-executing validators and syncing nodes run it
 * identically whatever executor ran the transactions.
 *
 * <p>A hook is not metered: its owner bounds its work by a consensus rule (for staking: the number
 * of validators). It must be deterministic and must not fail on any state a valid chain can reach;
 * a {@link LedgerException} it throws makes the block invalid.
 *
 * <p>Every change a hook makes to an account's balance is matched by a {@link
 * dev.aether.types.ValueEvent} it emits into {@code events} (a credit or a debit, same account,
 * asset and amount); value it burns or slashes from stake is emitted too. The events become the
 * block's {@link dev.aether.types.BlockReceipt}, committed under the header's receipts root
 * (docs/adr/0053, 0054).
 */
@FunctionalInterface
public interface BlockHook {
  /** A hook that does nothing (the ledger without native programs). */
  BlockHook NONE = (ctx, state, events) -> {};

  /**
   * Runs at the end of the block {@code ctx}, after its transactions changed {@code state}; emits
   * what it moved into {@code events}.
   */
  void endBlock(BlockContext ctx, BlockState state, BlockEvents events);

  /** This hook, then {@code next}. */
  default BlockHook andThen(BlockHook next) {
    return (ctx, state, events) -> {
      endBlock(ctx, state, events);
      next.endBlock(ctx, state, events);
    };
  }
}
