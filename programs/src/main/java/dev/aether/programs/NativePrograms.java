package dev.aether.programs;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.BlockHook;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.runtime.BankTransfer;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.Program;
import dev.aether.runtime.Programs;
import dev.aether.runtime.RentSchedule;
import dev.aether.runtime.StepCosts;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.H256;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain's native programs, in one table: what the node wires into the ledger. Adding a program
 * is one line in {@link #all()}. The bank's transfer stays the ledger's ({@link BankProgram}, run
 * metered by the runtime's {@link BankTransfer}): it is the one program the ledger itself needs,
 * for plain transfers without the runtime.
 *
 * <p>Order matters only for the end-of-block hooks, which run in list order.
 */
public final class NativePrograms {
  private NativePrograms() {}

  /** Every native program, in the order their end-of-block work runs. */
  public static List<NativeProgram> all() {
    return List.of(
        NativeProgram.of(BankProgram.ID, new BankTransfer()),
        new dev.aether.programs.staking.StakingProgram(),
        new dev.aether.programs.jobs.JobsProgram(),
        new dev.aether.programs.reputation.ReputationProgram(),
        new dev.aether.programs.amm.AmmProgram(),
        // Last: its end-of-block work sees the block's staking, job and AMM state, and parameters
        // it changes apply from the next block on.
        new dev.aether.programs.governance.GovernanceProgram());
  }

  /** The native programs by id (then nothing: combine with contracts via {@link #calls}). */
  public static Programs programs() {
    Map<H256, Program> table = new LinkedHashMap<>();
    for (NativeProgram p : all()) {
      if (table.put(p.id(), p.program()) != null) {
        throw new IllegalStateException("two native programs with id " + p.id());
      }
    }
    return Programs.natives(table);
  }

  /**
   * The ledger's call executor: native programs first, then WebAssembly contracts, with the current
   * step costs, genesis rent and the default limits (tests and tools).
   */
  public static ContractCalls calls(FeeSchedule fees, long epochSlots) {
    return new ContractCalls(
        fees,
        StepCosts.V2,
        RentSchedule.GENESIS,
        epochSlots,
        programs().orElse(WasmContracts.genesis()));
  }

  /**
   * The node's call executor: native programs first, then WebAssembly contracts, with a genesis
   * file's {@code [limits]} and rent; contracts run by {@code engine} (a node's own choice).
   */
  public static ContractCalls calls(
      GenesisConfig genesis, FeeSchedule fees, WasmContracts.Mode engine) {
    return ContractCalls.of(genesis, fees, engine, programs());
  }

  /** Every program's end-of-block work, in {@link #all()} order. */
  public static BlockHook endBlock() {
    BlockHook hook = BlockHook.NONE;
    for (NativeProgram p : all()) {
      hook = hook.andThen(p.endBlock());
    }
    return hook;
  }

  /**
   * The genesis state of {@code config}: its balances (the ledger's {@link
   * Genesis#allocation(GenesisConfig)} without the ledger-only stake entries) plus every native
   * program's genesis objects.
   */
  public static GenesisAllocation genesis(GenesisConfig config) {
    GenesisAllocation base = Genesis.allocation(config);
    List<GenesisAllocation.Balance> balances = new java.util.ArrayList<>(base.balances());
    for (NativeProgram p : all()) {
      balances.addAll(p.genesisBalances(config));
    }
    GenesisAllocation alloc = new GenesisAllocation(balances, List.of());
    for (NativeProgram p : all()) {
      alloc = alloc.withData(p.genesis(config));
    }
    return alloc;
  }
}
