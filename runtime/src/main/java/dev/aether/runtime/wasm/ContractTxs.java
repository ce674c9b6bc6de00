package dev.aether.runtime.wasm;

import dev.aether.ledger.BankProgram;
import dev.aether.ledger.StateKeys;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Transactions that deploy and call WebAssembly contracts, as {@code aetherctl contract} sends them
 * (and the SDKs rebuild byte for byte, checked by golden vectors): a deploy declares exactly the
 * new contract's id writable; a call declares the contract readable plus the keys the caller gives
 * (or a simulation found), and, with a deposit, first transfers it to the contract's account in the
 * same transaction (declaring that account writable).
 */
public final class ContractTxs {
  private ContractTxs() {}

  /** The deploy call of {@code code} (its contract id is {@link WasmContracts#contractId}). */
  public static Call deploy(byte[] code) {
    return new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(code));
  }

  /** A transaction from {@code payer} deploying {@code code}. */
  public static TxBody deployBody(
      String chainId, Address payer, long nonce, byte[] code, Amount feeCap, long validUntil) {
    return body(
        chainId,
        payer,
        nonce,
        new TreeSet<>(),
        new TreeSet<>(List.of(WasmContracts.contractId(code))),
        List.of(deploy(code)),
        feeCap,
        validUntil);
  }

  /** The calls of a contract call: the deposit's bank transfer first, if any, then {@code call}. */
  public static List<Call> callCalls(Call call, Optional<Value> deposit) {
    List<Call> calls = new ArrayList<>();
    deposit.ifPresent(
        v -> calls.add(BankProgram.transfer(CallContext.programAddress(call.program()), v)));
    calls.add(call);
    return calls;
  }

  /**
   * A transaction from {@code payer} calling a contract: {@code reads} and {@code writes} as given
   * (the contract is added to the reads, its account to the writes with a deposit).
   */
  public static TxBody callBody(
      String chainId,
      Address payer,
      long nonce,
      Call call,
      Optional<Value> deposit,
      SortedSet<H256> reads,
      SortedSet<H256> writes,
      Amount feeCap,
      long validUntil) {
    TreeSet<H256> r = new TreeSet<>(reads);
    r.add(call.program());
    TreeSet<H256> w = new TreeSet<>(writes);
    if (deposit.isPresent()) {
      w.add(StateKeys.account(CallContext.programAddress(call.program())));
    }
    return body(chainId, payer, nonce, r, w, callCalls(call, deposit), feeCap, validUntil);
  }

  /** A body with these access sets (reads that are also written are declared once, as writes). */
  public static TxBody body(
      String chainId,
      Address payer,
      long nonce,
      SortedSet<H256> reads,
      SortedSet<H256> writes,
      List<Call> calls,
      Amount feeCap,
      long validUntil) {
    TreeSet<H256> r = new TreeSet<>(reads);
    r.removeAll(writes);
    return new TxBody(
        chainId,
        payer,
        nonce,
        List.of(),
        List.copyOf(r),
        List.copyOf(writes),
        List.of(),
        calls,
        Value.EMPTY,
        Value.EMPTY,
        feeCap,
        0,
        validUntil);
  }
}
