package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.types.Amount;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Local fee markets: per-object congestion multipliers ({@link CongestionRule}) applied to the
 * ledger's fees.
 *
 * <p>Two pieces share one table: {@link #fees} wraps the chain's fee schedule so a transaction pays
 * {@code ceil(fee · m / 1000)}, {@code m} the multiplier of the hottest object among its declared
 * writes and its payer's account; {@link #tracking} wraps a block executor so that before a block
 * runs the table is loaded from the parent state, and after it the next table (from the block's
 * access sets) is written to the state, where it is part of the state root. Wrap the serial and the
 * parallel executor alike: the table update is then identical for both.
 *
 * <p>The ledger's fee schedule sees only the transaction, so the table of the block being executed
 * is held here; like {@code Ledger.execute}, blocks must be executed one at a time per market.
 * Between blocks the last table stays, so mempool admission prices with it.
 */
public final class CongestionMarket {
  private final CongestionRule rule;
  private final AtomicReference<CongestionTable> current =
      new AtomicReference<>(CongestionTable.EMPTY);

  public CongestionMarket(CongestionRule rule) {
    this.rule = rule;
  }

  /** The table fees are priced with now. */
  public CongestionTable table() {
    return current.get();
  }

  /** The multiplier (permille) {@code tx} pays under the current table. */
  public long multiplierOf(Tx tx) {
    CongestionTable t = current.get();
    if (t.permille().isEmpty()) {
      return CongestionRule.UNIT;
    }
    List<H256> writes = new ArrayList<>(tx.body().writes());
    writes.add(StateKeys.account(tx.body().payer()));
    return t.forWrites(writes);
  }

  /** {@code base} times the multiplier of the hottest object the transaction writes, rounded up. */
  public FeeSchedule fees(FeeSchedule base) {
    return (tx, txBytes, steps, memBytes) -> {
      Amount fee = base.fee(tx, txBytes, steps, memBytes);
      long m = multiplierOf(tx);
      if (m == CongestionRule.UNIT) {
        return fee;
      }
      BigInteger[] qr =
          fee.value().multiply(BigInteger.valueOf(m)).divideAndRemainder(BigInteger.valueOf(1000));
      BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
      return up.compareTo(Amount.MAX_VALUE) > 0 ? Amount.MAX : new Amount(up);
    };
  }

  /** {@code inner} with the table loaded before the block and advanced after it. */
  public BlockExecutor tracking(BlockExecutor inner) {
    return (ctx, txs, state, processor) -> {
      CongestionTable table = CongestionTable.load(state);
      current.set(table);
      List<Receipt> receipts = inner.execute(ctx, txs, state, processor);
      List<AccessSet> access = new ArrayList<>(txs.size());
      for (Tx tx : txs) {
        access.add(AccessSet.of(tx));
      }
      CongestionTable next = rule.next(table, access);
      if (!next.equals(table)) {
        Optional<StateObject> stored = next.toState();
        if (stored.isPresent()) {
          state.put(CongestionTable.STATE_KEY, stored.get());
        } else {
          state.delete(CongestionTable.STATE_KEY);
        }
      }
      current.set(next);
      return receipts;
    };
  }
}
