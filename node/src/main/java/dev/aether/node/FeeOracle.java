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
import dev.aether.rpc.AccessEstimate;
import dev.aether.rpc.BackendUnavailableException;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ContractCallRequest;
import dev.aether.rpc.ContractCallResult;
import dev.aether.rpc.FeeEstimate;
import dev.aether.rpc.FeePrice;
import dev.aether.rpc.RpcError;
import dev.aether.rpc.RpcException;
import dev.aether.runtime.CongestionTable;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.Simulation;
import dev.aether.runtime.TxLimits;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Answers "what does a transaction cost now" and "what would this call do" for clients ({@code
 * aeth_feePrice}, {@code aeth_estimateFee}, {@code aeth_call}): reads the committed state only,
 * never takes the chain's lock, so prices and queries stay available while blocks execute. A
 * simulation is bounded by {@link #SIMULATION_STEPS} whatever the transaction's own fee cap, and
 * runs on a small pool of big-stack threads of its own ({@link #SIMULATORS}, queue {@link #QUEUE};
 * busy means {@code -32001}), so no request can keep many threads busy for long or run contract
 * code on a thread whose stack it was not sized for.
 */
final class FeeOracle implements AutoCloseable {
  /** Most metered steps one simulation may run. */
  static final long SIMULATION_STEPS = 5_000_000;

  /** Most memory bytes one simulation may be charged for. */
  static final long SIMULATION_MEMORY = 64L << 20;

  /** Threads running simulations, each with the executor's stack size. */
  static final int SIMULATORS = 2;

  /** Simulations waiting at most; more are refused as busy. */
  static final int QUEUE = 32;

  /** The payer an {@code aeth_call} without {@code from} runs as: an address nobody holds. */
  static final Address NOBODY =
      new Address(dev.aether.types.Hashing.tagged("aether/rpc/nobody", new byte[0]));

  private final Ledger ledger;
  private final LinearFeeSchedule schedule;
  private final LongSupplier slot;
  private final ContractCalls calls;
  private final java.util.concurrent.ThreadPoolExecutor pool;

  FeeOracle(Ledger ledger, LinearFeeSchedule schedule, LongSupplier slot, ContractCalls calls) {
    this.ledger = ledger;
    this.schedule = schedule;
    this.slot = slot;
    this.calls = calls;
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.pool =
        new java.util.concurrent.ThreadPoolExecutor(
            SIMULATORS,
            SIMULATORS,
            0,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(null, r, "aether-simulate-" + n.incrementAndGet(), 16L << 20);
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs {@code work} on a simulation thread and waits for it. */
  private <T> T simulate(java.util.function.Supplier<T> work) {
    java.util.concurrent.Future<T> f;
    try {
      f = pool.submit(work::get);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new BackendUnavailableException("simulations are busy: retry shortly");
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("simulation failed", e.getCause());
    }
  }

  /** The limits a simulation runs under: the chain's, with at most {@link #SIMULATION_STEPS}. */
  private TxLimits simulationLimits() {
    TxLimits chain = calls.limits();
    return new TxLimits(
        Math.min(SIMULATION_STEPS, chain.stepsMax()),
        Math.min(SIMULATION_MEMORY, chain.memoryBytesMax()));
  }

  /** {@code aeth_call}: runs one contract method read-only on the committed state. */
  ContractCallResult call(ContractCallRequest r) {
    Head head = ledger.head();
    long at =
        switch (r.block()) {
          case BlockTag.Latest l -> head.height();
          case BlockTag.Finalized f -> head.height();
          case BlockTag.Height h -> h.height();
        };
    if (at != head.height()) {
      throw new BackendUnavailableException(
          "the state of block "
              + at
              + " is not kept: this node keeps its committed head's (height "
              + head.height()
              + ")");
    }
    Address from = r.from().orElse(NOBODY);
    TxBody body =
        new TxBody(
            ledger.rules().config().chainId(),
            from,
            0,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(new Call(r.contract(), r.method(), r.args())),
            Value.EMPTY,
            Value.EMPTY,
            Amount.MAX,
            0,
            Long.MAX_VALUE);
    Tx tx = new Tx(body, List.of());
    StateReader state = ledger.state();
    BlockContext ctx =
        ledger.priced(new BlockContext(head.height() + 1, slot.getAsLong(), true), state);
    Simulation.Result s =
        simulate(() -> Simulation.run(calls, state, ctx, tx, simulationLimits(), false));
    return new ContractCallResult(
        head.height(),
        s.succeeded(),
        s.failure().map(LedgerError::number).orElse(0),
        s.failure().map(LedgerError::code).orElse(""),
        s.failure().map(LedgerError::message).orElse(""),
        s.returnData(),
        s.steps(),
        s.memBytes(),
        s.fee(),
        s.events(),
        s.reads(),
        s.writes());
  }

  /**
   * {@code aeth_estimateFee} with {@code autoAccess}: simulates the calls with every key allowed,
   * declares what they touched (on top of what the transaction declares) and estimates that.
   */
  AccessEstimate estimateWithAccess(Tx tx) {
    Head head = ledger.head();
    StateReader state = ledger.state();
    BlockContext ctx =
        ledger.priced(new BlockContext(head.height() + 1, slot.getAsLong(), true), state);
    TxBody b = tx.body();
    Tx probe = new Tx(withFeeCap(b, Amount.MAX), tx.signatures());
    Simulation.Result s =
        simulate(() -> Simulation.run(calls, state, ctx, probe, simulationLimits(), false));
    java.util.TreeSet<H256> writes = new java.util.TreeSet<>(b.writes());
    writes.addAll(s.writes());
    java.util.TreeSet<H256> reads = new java.util.TreeSet<>(b.reads());
    reads.addAll(s.reads());
    reads.removeAll(writes);
    if (reads.size() > Tx.MAX_ACCESS || writes.size() > Tx.MAX_ACCESS) {
      throw refused(
          new LedgerError.Malformed(
              "codec.too_long", "the calls touch more keys than a transaction may declare"));
    }
    TxBody declared =
        new TxBody(
            b.chainId(),
            b.payer(),
            b.nonce(),
            b.inputs(),
            List.copyOf(reads),
            List.copyOf(writes),
            b.outputs(),
            b.calls(),
            b.mint(),
            b.burn(),
            b.feeCap(),
            b.validFrom(),
            b.validUntil());
    FeeEstimate e = estimate(new Tx(declared, tx.signatures()));
    String note =
        s.succeeded()
            ? "exact for the state at height "
                + head.height()
                + "; a call whose keys depend on state that changes before inclusion may touch"
                + " others then"
            : "the simulation failed ("
                + s.failure().get().code()
                + ": "
                + s.failure().get().message()
                + "); the sets stop at the failure";
    return new AccessEstimate(e, reads, writes, s.succeeded(), note);
  }

  private static TxBody withFeeCap(TxBody b, Amount cap) {
    return new TxBody(
        b.chainId(),
        b.payer(),
        b.nonce(),
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
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  FeePrice price() {
    Head head = ledger.head();
    CongestionTable table = CongestionTable.load(ledger.state());
    TreeMap<H256, Long> hot = new TreeMap<>();
    table.permille().entrySet().stream()
        .sorted(Map.Entry.<H256, Long>comparingByValue().reversed())
        .limit(FeePrice.MAX_HOT)
        .forEach(e -> hot.put(e.getKey(), e.getValue()));
    LinearFeeSchedule f = inForce(ledger.state());
    return new FeePrice(head.height(), f.a(), f.b(), f.c(), f.d(), hot);
  }

  /** The fee formula a block after {@code state} charges: its parameters', else genesis's. */
  private LinearFeeSchedule inForce(StateReader state) {
    return ledger.paramsAfter(state).map(dev.aether.ledger.ChainParams::fees).orElse(schedule);
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
        Fees.of(inForce(state), prices, tx, tx.sizeBytes(), SIMULATION_STEPS, SIMULATION_MEMORY);
    Amount balance = payer.balance().get(AssetId.SWR);
    Amount cap = bound.compareTo(balance) <= 0 ? bound : balance;
    TxOutcome outcome = simulate(() -> applyAs(tx, payer.nonce(), cap, ctx, state));
    // Outputs paid in SWR from the account compete with the fee cap: leave them room and retry.
    if (outcome instanceof TxOutcome.Rejected r
        && r.error() instanceof LedgerError.InsufficientFunds f
        && f.asset().equals(AssetId.SWR)
        && f.need().compareTo(f.have()) > 0) {
      Amount shortBy = f.need().subtract(f.have());
      if (cap.compareTo(shortBy) > 0) {
        Amount lower = cap.subtract(shortBy);
        outcome = simulate(() -> applyAs(tx, payer.nonce(), lower, ctx, state));
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
  private TxOutcome applyAs(Tx tx, long nonce, Amount cap, BlockContext ctx, StateReader state) {
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
