package dev.aether.ledger;

import dev.aether.types.Tx;
import java.util.List;

/**
 * How fees move from block to block (local fee markets). Both methods are pure functions of the
 * state they are given: the multipliers a block pays are read from its parent's state, and the
 * market's next position is written into the block's own state, under the state root. A market
 * holds no mutable state of its own, so executing competing blocks in any order on any node prices
 * each of them identically.
 */
public interface FeeMarket {
  /** No multipliers, nothing stored. */
  FeeMarket NONE =
      new FeeMarket() {
        @Override
        public FeeMultipliers pricesAfter(StateReader parentState) {
          return FeeMultipliers.NONE;
        }

        @Override
        public void advance(List<Tx> txs, BlockState state) {}
      };

  /** The multipliers a block executed on {@code parentState} pays. */
  FeeMultipliers pricesAfter(StateReader parentState);

  /**
   * After a block's transactions ran on {@code state} (in block order), records the market's
   * position for the next block in {@code state}.
   */
  void advance(List<Tx> txs, BlockState state);

  /**
   * {@link #advance(List, BlockState)}, free to spread pure per-transaction work over {@code par}.
   */
  default void advance(List<Tx> txs, BlockState state, Parallelism par) {
    advance(txs, state);
  }
}
