package dev.aether.runtime;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.CallExecutor;
import dev.aether.ledger.ExecutionResult;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.TxContext;
import dev.aether.ledger.TxState;
import dev.aether.runtime.wasm.ContractLimits;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime's {@link CallExecutor} for the ledger: runs a transaction's calls in order — the
 * bank, contract deployment and WebAssembly contracts — metered against the transaction's fee cap
 * and the chain's per-transaction limits ({@link TxLimits}). The first failure (trap, out of gas, a
 * limit, access violation, short balance) stops the transaction; the ledger then keeps only its fee
 * and nonce. Steps and memory used up to the failure are reported, so a failed transaction pays for
 * the work it caused.
 */
public final class ContractCalls implements CallExecutor {
  private final FeeSchedule fees;
  private final StepCosts costs;
  private final RentSchedule rent;
  private final long epochSlots;
  private final Programs programs;
  private final TxLimits limits;

  /**
   * @param fees the chain's base fee schedule (the same one the ledger charges with; the block's
   *     multipliers come with each transaction's block context)
   * @param epochSlots slots per epoch, to count rent in epochs
   * @param limits the per-transaction step and memory limits
   */
  public ContractCalls(
      FeeSchedule fees,
      StepCosts costs,
      RentSchedule rent,
      long epochSlots,
      Programs programs,
      TxLimits limits) {
    if (epochSlots <= 0) {
      throw new IllegalArgumentException("epochSlots must be > 0");
    }
    this.fees = fees;
    this.costs = costs;
    this.rent = rent;
    this.epochSlots = epochSlots;
    this.programs = programs;
    this.limits = limits;
  }

  /** With the default per-transaction limits. */
  public ContractCalls(
      FeeSchedule fees, StepCosts costs, RentSchedule rent, long epochSlots, Programs programs) {
    this(fees, costs, rent, epochSlots, programs, TxLimits.DEFAULT);
  }

  /** The bank and WebAssembly contracts (interpreter) with default costs, rent and limits. */
  public static ContractCalls genesis(FeeSchedule fees, long epochSlots) {
    return new ContractCalls(
        fees,
        StepCosts.V2,
        RentSchedule.GENESIS,
        epochSlots,
        bank().orElse(WasmContracts.genesis()));
  }

  /**
   * The bank and WebAssembly contracts with a genesis file's limits and rent, contracts run by
   * {@code engine} (a node's own choice: results are the same).
   */
  public static ContractCalls of(
      GenesisConfig genesis, FeeSchedule fees, WasmContracts.Mode engine) {
    return of(genesis, fees, engine, bank());
  }

  /**
   * {@code natives} (native programs: the bank, staking, ...) first, then WebAssembly contracts,
   * with a genesis file's limits and rent; contracts run by {@code engine}.
   */
  public static ContractCalls of(
      GenesisConfig genesis, FeeSchedule fees, WasmContracts.Mode engine, Programs natives) {
    RentSchedule rent =
        new RentSchedule(genesis.rent().rhoPerBytePerEpoch(), genesis.rent().horizonEpochs());
    WasmContracts wasm =
        new WasmContracts(ContractLimits.of(genesis.limits()), rent, StepCosts.V2, engine);
    return new ContractCalls(
        fees,
        StepCosts.V2,
        rent,
        genesis.chain().epochSlots(),
        natives.orElse(wasm),
        TxLimits.of(genesis.limits()));
  }

  private static Programs bank() {
    return Programs.natives(Map.of(BankProgram.ID, new BankTransfer()));
  }

  public TxLimits limits() {
    return limits;
  }

  public FeeSchedule fees() {
    return fees;
  }

  /** The rent in force for a block: its chain parameters', else this executor's. */
  RentSchedule rentOf(dev.aether.ledger.BlockContext block) {
    return block
        .params()
        .map(p -> new RentSchedule(p.rentPerByteEpoch(), p.rentHorizonEpochs()))
        .orElse(rent);
  }

  @Override
  public ExecutionResult execute(TxContext ctx, TxState state) {
    return run(ctx, state, limits).result();
  }

  /** What running a transaction's calls gave: the ledger's result and the last call's return. */
  public record Outcome(ExecutionResult result, Bytes returnData) {}

  /**
   * Runs {@code ctx}'s calls on {@code state} under {@code limits} (a simulation passes tighter
   * ones than the chain's); the return data is the last call's.
   */
  public Outcome run(TxContext ctx, TxState state, TxLimits limits) {
    // The fee formula and rent in force are the chain parameters of the block's parent state
    // (docs/adr/0045); a state without them runs on this executor's configuration.
    Meter meter =
        Meter.forTx(
            ctx.block().feesOr(fees),
            ctx.block().multipliers(),
            ctx.tx(),
            ctx.tx().sizeBytes(),
            limits);
    List<Event> events = new ArrayList<>();
    long epoch = Long.divideUnsigned(ctx.block().slot(), epochSlots);
    TxRun run = new TxRun(ctx, state, meter, costs, rentOf(ctx.block()), epoch, events);
    Bytes returned = Bytes.EMPTY;
    try {
      for (Call call : ctx.tx().body().calls()) {
        meter.steps(costs.callBase());
        CallContext cc = new CallContext(run, call.program());
        Program p =
            programs
                .find(call.program(), cc)
                .orElseThrow(() -> new RuntimeError.UnknownProgram(call.program()));
        p.invoke(cc, call.method(), call.args());
        returned = cc.returnData();
      }
      for (Event e : run.rentBurns().events(ctx.tx().body().payer())) {
        meter.steps(
            Saturating.add(
                costs.emitEvent(),
                Saturating.mul(costs.perByte(), e.topic().length() + (long) e.data().length())));
        events.add(e);
      }
      return new Outcome(
          ExecutionResult.success(meter.steps(), meter.memBytes(), events), returned);
    } catch (RuntimeError e) {
      return new Outcome(
          ExecutionResult.failed(meter.steps(), meter.memBytes(), e.toLedgerError()), Bytes.EMPTY);
    } catch (LedgerException e) {
      return new Outcome(
          ExecutionResult.failed(meter.steps(), meter.memBytes(), e.error()), Bytes.EMPTY);
    }
  }
}
