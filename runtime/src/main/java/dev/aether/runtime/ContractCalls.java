package dev.aether.runtime;

import dev.aether.ledger.BankProgram;
import dev.aether.ledger.CallExecutor;
import dev.aether.ledger.ExecutionResult;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.TxContext;
import dev.aether.ledger.TxState;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Call;
import dev.aether.types.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime's {@link CallExecutor} for the ledger: runs a transaction's calls in order — the
 * bank, contract deployment and WebAssembly contracts — metered against the transaction's fee cap.
 * The first failure (trap, out of gas, access violation, short balance) stops the transaction; the
 * ledger then keeps only its fee and nonce. Steps and memory used up to the failure are reported,
 * so a failed transaction pays for the work it caused.
 */
public final class ContractCalls implements CallExecutor {
  private final FeeSchedule fees;
  private final StepCosts costs;
  private final RentSchedule rent;
  private final long epochSlots;
  private final Programs programs;

  /**
   * @param fees the chain's base fee schedule (the same one the ledger charges with; the block's
   *     multipliers come with each transaction's block context)
   * @param epochSlots slots per epoch, to count rent in epochs
   */
  public ContractCalls(
      FeeSchedule fees, StepCosts costs, RentSchedule rent, long epochSlots, Programs programs) {
    if (epochSlots <= 0) {
      throw new IllegalArgumentException("epochSlots must be > 0");
    }
    this.fees = fees;
    this.costs = costs;
    this.rent = rent;
    this.epochSlots = epochSlots;
    this.programs = programs;
  }

  /** The bank and WebAssembly contracts with genesis costs, rent and limits. */
  public static ContractCalls genesis(FeeSchedule fees, long epochSlots) {
    Programs natives = Programs.natives(Map.of(BankProgram.ID, new BankTransfer()));
    return new ContractCalls(
        fees,
        StepCosts.V1,
        RentSchedule.GENESIS,
        epochSlots,
        natives.orElse(WasmContracts.genesis()));
  }

  @Override
  public ExecutionResult execute(TxContext ctx, TxState state) {
    Meter meter = Meter.forTx(fees, ctx.block().multipliers(), ctx.tx(), ctx.tx().sizeBytes());
    List<Event> events = new ArrayList<>();
    long epoch = Long.divideUnsigned(ctx.block().slot(), epochSlots);
    TxRun run = new TxRun(ctx, state, meter, costs, rent, epoch, events);
    try {
      for (Call call : ctx.tx().body().calls()) {
        meter.steps(costs.callBase());
        CallContext cc = new CallContext(run, call.program());
        Program p =
            programs
                .find(call.program(), cc)
                .orElseThrow(() -> new RuntimeError.UnknownProgram(call.program()));
        p.invoke(cc, call.method(), call.args());
      }
      return ExecutionResult.success(meter.steps(), meter.memBytes(), events);
    } catch (RuntimeError e) {
      return ExecutionResult.failed(meter.steps(), meter.memBytes(), e.toLedgerError());
    } catch (LedgerException e) {
      return ExecutionResult.failed(meter.steps(), meter.memBytes(), e.error());
    }
  }
}
