package dev.aether.node;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.FeeMultipliers;
import dev.aether.ledger.Fees;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LinearFeeSchedule;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.ledger.TxOutcome;
import dev.aether.rpc.FeeEstimate;
import dev.aether.rpc.FeePrice;
import dev.aether.rpc.RpcError;
import dev.aether.rpc.RpcException;
import dev.aether.runtime.CongestionTable;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Answers "what does a transaction cost now" for clients ({@code aeth_feePrice}, {@code
 * aeth_estimateFee}): reads the committed state only, never takes the chain's lock, so prices stay
 * available while blocks execute. A simulation is bounded by {@link #SIMULATION_STEPS} whatever the
 * transaction's own fee cap, so no estimate can keep an RPC thread busy for long.
 */
final class FeeOracle {
  /** Most metered steps one simulation may run. */
  static final long SIMULATION_STEPS = 5_000_000;

  /** Most memory bytes one simulation may be charged for. */
  static final long SIMULATION_MEMORY = 64L << 20;

  private final Ledger ledger;
  private final LinearFeeSchedule schedule;
  private final LongSupplier slot;

  FeeOracle(Ledger ledger, LinearFeeSchedule schedule, LongSupplier slot) {
    this.ledger = ledger;
    this.schedule = schedule;
    this.slot = slot;
  }

  FeePrice price() {
    Head head = ledger.head();
    CongestionTable table = CongestionTable.load(ledger.state());
    TreeMap<H256, Long> hot = new TreeMap<>();
    table.permille().entrySet().stream()
        .sorted(Map.Entry.<H256, Long>comparingByValue().reversed())
        .limit(FeePrice.MAX_HOT)
        .forEach(e -> hot.put(e.getKey(), e.getValue()));
    return new FeePrice(head.height(), schedule.a(), schedule.b(), schedule.c(), schedule.d(), hot);
  }

  FeeEstimate estimate(Tx tx) {
    StateReader state = ledger.state();
    Head head = ledger.head();
    TxBody b = tx.body();
    StateObject.Account payer =
        state
            .get(StateKeys.account(b.payer()))
            .filter(o -> o instanceof StateObject.Account)
            .map(o -> (StateObject.Account) o)
            .orElseThrow(() -> refused(new LedgerError.PayerMissing(b.payer())));
    BlockContext ctx =
        ledger.priced(new BlockContext(head.height() + 1, slot.getAsLong(), true), state);
    FeeMultipliers prices = ctx.multipliers();
    Amount bound =
        Fees.of(schedule, prices, tx, tx.sizeBytes(), SIMULATION_STEPS, SIMULATION_MEMORY);
    Amount balance = payer.balance().get(AssetId.SWR);
    Amount cap = bound.compareTo(balance) <= 0 ? bound : balance;
    TxOutcome outcome = simulate(tx, payer.nonce(), cap, ctx, state);
    // Outputs paid in SWR from the account compete with the fee cap: leave them room and retry.
    if (outcome instanceof TxOutcome.Rejected r
        && r.error() instanceof LedgerError.InsufficientFunds f
        && f.asset().equals(AssetId.SWR)
        && f.need().compareTo(f.have()) > 0) {
      Amount shortBy = f.need().subtract(f.have());
      if (cap.compareTo(shortBy) > 0) {
        outcome = simulate(tx, payer.nonce(), cap.subtract(shortBy), ctx, state);
      }
    }
    return switch (outcome) {
      case TxOutcome.Rejected r -> throw refused(r.error());
      case TxOutcome.Applied a -> {
        Receipt rc = a.receipt();
        yield new FeeEstimate(
            rc.feePaid(),
            rc.steps(),
            rc.memBytes(),
            prices.permilleFor(tx),
            rc.status() == Receipt.Status.SUCCESS,
            rc.errorCode(),
            Fees.scale(rc.feePaid(), FeeEstimate.HEADROOM_PERMILLE));
      }
    };
  }

  /** Runs {@code tx} with the account's nonce and {@code cap} on a scratch copy of the state. */
  private TxOutcome simulate(Tx tx, long nonce, Amount cap, BlockContext ctx, StateReader state) {
    TxBody b = tx.body();
    TxBody sim =
        new TxBody(
            b.chainId(),
            b.payer(),
            nonce,
            b.inputs(),
            b.reads(),
            b.writes(),
            b.outputs(),
            b.calls(),
            b.mint(),
            b.burn(),
            cap,
            b.validFrom(),
            b.validUntil());
    return ledger.applyTx(ctx, new Tx(sim, tx.signatures()), new BlockState(state));
  }

  private static RpcException refused(LedgerError e) {
    return new RpcException(new RpcError.TxRejected(e.code(), e.message(), "never"));
  }
}
