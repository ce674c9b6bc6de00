package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Applies one transaction: validate, reserve the fee cap and bump the nonce, consume inputs, create
 * outputs, run the calls on the access-checked view, then charge the actual fee. If execution fails
 * the transaction's changes are dropped and only the fee and the nonce bump remain.
 */
public final class TxApplier implements TxProcessor {
  private final TxRules rules;
  private final CallExecutor calls;

  public TxApplier(TxRules rules, CallExecutor calls) {
    this.rules = rules;
    this.calls = calls;
  }

  @Override
  public TxOutcome process(BlockContext ctx, Tx tx, BlockState state) {
    H256 id = tx.id();
    int size = tx.sizeBytes();
    Optional<LedgerError> stateless = rules.checkStateless(tx, id, size, ctx);
    if (stateless.isPresent()) {
      return new TxOutcome.Rejected(stateless.get());
    }
    SortedSet<Address> signers = TxRules.signers(tx);
    Optional<LedgerError> stateful = rules.checkStateful(tx, signers, state);
    if (stateful.isPresent()) {
      return new TxOutcome.Rejected(stateful.get());
    }
    TxBody b = tx.body();
    Amount feeCap = b.feeCap();
    TxBuffer buf = new TxBuffer(state, tx);
    Value consumed = Value.EMPTY;
    for (UtxoRef in : b.inputs()) {
      consumed = consumed.add(buf.utxo(in).orElseThrow().value());
      buf.delete(in.stateKey());
    }
    Account payer = buf.account(b.payer());
    // Reserve the whole fee cap first, so programs cannot spend what the fee will need; take what
    // the outputs need beyond the inputs from the payer's account.
    Value debit = TxRules.paidIn(tx, consumed).add(Value.of(AssetId.SWR, feeCap));
    buf.putAccount(b.payer(), new Account(payer.balance().subtract(debit), payer.nonce() + 1));
    for (int i = 0; i < b.outputs().size(); i++) {
      buf.put(new UtxoRef(id, i).stateKey(), new StateObject.Utxo(b.outputs().get(i)));
    }
    ExecutionResult result;
    if (b.calls().isEmpty()) {
      result = ExecutionResult.NOTHING;
    } else {
      try {
        result = calls.execute(new TxContext(tx, id, ctx, signers), buf.checked());
      } catch (LedgerException e) {
        result = ExecutionResult.failed(0, 0, e.error());
      }
    }
    Amount fee =
        Fees.of(
            ctx.feesOr(rules.config().fees()),
            ctx.multipliers(),
            tx,
            size,
            result.steps(),
            result.memBytes());
    Optional<LedgerError> failure = result.failure();
    if (failure.isEmpty() && fee.compareTo(feeCap) > 0) {
      failure = Optional.of(new LedgerError.FeeCapExceeded(fee, feeCap));
    }
    if (fee.compareTo(feeCap) > 0) {
      fee = feeCap;
    }
    if (failure.isPresent()) {
      // Drop the buffer: only the fee and the nonce bump reach the state. Validation checked the
      // payer holds the fee cap in SWR, so this cannot go negative.
      Account p = (Account) state.get(StateKeys.account(b.payer())).orElseThrow();
      Account charged =
          new Account(p.balance().subtract(Value.of(AssetId.SWR, fee)), p.nonce() + 1);
      putAccount(state, b.payer(), charged);
      return new TxOutcome.Applied(
          new Receipt(
              id,
              Receipt.Status.FAILED,
              fee,
              result.steps(),
              result.memBytes(),
              List.of(),
              failure.get().number()));
    }
    buf.flushTo(state);
    Amount refund = feeCap.subtract(fee);
    if (!refund.isZero()) {
      Account p = (Account) state.get(StateKeys.account(b.payer())).orElseThrow();
      putAccount(
          state, b.payer(), new Account(p.balance().add(Value.of(AssetId.SWR, refund)), p.nonce()));
    }
    return new TxOutcome.Applied(
        new Receipt(
            id,
            Receipt.Status.SUCCESS,
            fee,
            result.steps(),
            result.memBytes(),
            result.events(),
            0));
  }

  private static void putAccount(BlockState state, Address address, Account account) {
    if (account.isEmpty()) {
      state.delete(StateKeys.account(address));
    } else {
      state.put(StateKeys.account(address), account);
    }
  }
}
