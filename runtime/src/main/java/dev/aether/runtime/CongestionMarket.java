package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.FeeMarket;
import dev.aether.ledger.FeeMultipliers;
import dev.aether.ledger.Parallelism;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Local fee markets: per-object congestion multipliers ({@link CongestionRule}) as the ledger's
 * {@link FeeMarket}.
 *
 * <p>A transaction pays {@code ceil(fee · m / 1000)}, {@code m} the multiplier of the hottest
 * object among its declared writes and its payer's account, in the {@link CongestionTable} stored
 * in the state of the block's parent. After a block, the next table (from the block's access sets)
 * is written into the block's state, where it is part of the state root.
 *
 * <p>Holds no table of its own: an earlier version kept "the current table" in a field set by
 * whichever block a node executed last, so a sibling proposal's table could leak into the pricing
 * of another block or of the mempool. Now every price is a function of the state it is read from.
 */
public final class CongestionMarket implements FeeMarket {
  private final CongestionRule rule;

  public CongestionMarket(CongestionRule rule) {
    this.rule = rule;
  }

  @Override
  public FeeMultipliers pricesAfter(StateReader parentState) {
    CongestionTable table = CongestionTable.load(parentState);
    return table.permille().isEmpty() ? FeeMultipliers.NONE : tx -> multiplierOf(table, tx);
  }

  /**
   * The rule in force: the chain parameters' in {@code state} (the block's, which still holds its
   * parent's parameters here: only end-of-block work changes them, after this), else this market's
   * own (docs/adr/0045).
   */
  CongestionRule ruleIn(StateReader state) {
    return dev.aether.ledger.ChainParams.read(state)
        .map(p -> new CongestionRule(p.congestionTarget(), p.congestionMaxPermille()))
        .orElse(rule);
  }

  /** The multiplier (permille) {@code tx} pays under {@code table}. */
  public static long multiplierOf(CongestionTable table, Tx tx) {
    if (table.permille().isEmpty()) {
      return CongestionRule.UNIT;
    }
    List<H256> writes = new ArrayList<>(tx.body().writes().size() + 1);
    writes.addAll(tx.body().writes());
    writes.add(StateKeys.account(tx.body().payer()));
    return table.forWrites(writes);
  }

  @Override
  public void advance(List<Tx> txs, BlockState state) {
    advance(txs, state, Parallelism.SERIAL);
  }

  @Override
  public void advance(List<Tx> txs, BlockState state, Parallelism par) {
    // Transactions cannot touch the table's key (it is never declared), so the state still holds
    // the parent's table here.
    CongestionTable table = CongestionTable.load(state);
    AccessSet[] sets = new AccessSet[txs.size()];
    par.forEachItem(sets.length, 32, i -> sets[i] = AccessSet.of(txs.get(i)));
    List<AccessSet> access = Arrays.asList(sets);
    CongestionTable next = ruleIn(state).next(table, access);
    if (!next.equals(table)) {
      Optional<StateObject> stored = next.toState();
      if (stored.isPresent()) {
        state.put(CongestionTable.STATE_KEY, stored.get());
      } else {
        state.delete(CongestionTable.STATE_KEY);
      }
    }
  }
}
