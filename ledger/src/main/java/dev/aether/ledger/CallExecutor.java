package dev.aether.ledger;

/**
 * Runs a transaction's {@link dev.aether.types.Call}s against its access-checked state. The ledger
 * ships {@link BankProgram} (plain account transfers); the runtime supplies an executor for native
 * programs and WASM contracts that falls back to it. A {@link LedgerException} escaping {@link
 * #execute} fails the transaction with zero steps; executors that meter should catch and return
 * {@link ExecutionResult#failed} with the steps used.
 */
@FunctionalInterface
public interface CallExecutor {
  ExecutionResult execute(TxContext ctx, TxState state);
}
