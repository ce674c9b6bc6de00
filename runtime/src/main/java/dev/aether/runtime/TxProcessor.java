package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.codec.CodecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aether's transaction semantics as the runtime executes them: admission checks, metered execution
 * of UTxO moves and program calls, then the fee.
 *
 * <ol>
 *   <li><b>Admission</b> (chain, validity slot range, payer signed, nonce, fee cap covers the fixed
 *       fee, payer balance covers the cap). A transaction failing here gets a {@code FAILED}
 *       receipt with fee 0 and changes nothing — a block should not contain it, and mempools reject
 *       it first.
 *   <li><b>Body</b> on a nested view: consume inputs (owner must have signed), create outputs
 *       (value conserved: inputs + mint = outputs + burn), run calls in order. Any {@link
 *       RuntimeError} — trap, out of gas, access violation — discards the whole body.
 *   <li><b>Fee</b>: {@code ceil((a + b·tx_bytes + c·steps + d·mem_bytes)·m/1000) + rent}, {@code m}
 *       the congestion multiplier of the hottest object the transaction writes, never more than the
 *       fee cap; debited in SWR from the payer with the nonce bump, success or not. If a successful
 *       body left the payer unable to pay, the body is discarded instead.
 * </ol>
 *
 * Signatures are verified before execution (mempool admission, batch verification of a block); here
 * only the signer addresses are compared.
 */
public final class TxProcessor implements TxLogic {
  private final FeeSchedule fees;
  private final StepCosts costs;
  private final RentSchedule rent;
  private final CongestionRule congestion;
  private final Programs programs;

  public TxProcessor(
      FeeSchedule fees,
      StepCosts costs,
      RentSchedule rent,
      CongestionRule congestion,
      Programs programs) {
    this.fees = fees;
    this.costs = costs;
    this.rent = rent;
    this.congestion = congestion;
    this.programs = programs;
  }

  /** Genesis parameters with the given programs. */
  public static TxProcessor genesis(Programs programs) {
    return new TxProcessor(
        FeeSchedule.GENESIS, StepCosts.V1, RentSchedule.GENESIS, CongestionRule.DEFAULT, programs);
  }

  @Override
  public AccessSet accessSet(Tx tx) {
    TxBody b = tx.body();
    List<H256> writes = new ArrayList<>(b.writes());
    writes.add(Account.key(b.payer()));
    for (UtxoRef in : b.inputs()) {
      writes.add(in.stateKey());
    }
    if (!b.outputs().isEmpty()) {
      H256 id = tx.id();
      for (int i = 0; i < b.outputs().size(); i++) {
        writes.add(new UtxoRef(id, i).stateKey());
      }
    }
    return AccessSet.of(b.reads(), writes);
  }

  @Override
  public Receipt execute(BlockContext block, Tx tx, TxState state) {
    TxBody body = tx.body();
    TreeSet<Address> signers = new TreeSet<>();
    for (TxSignature s : tx.signatures()) {
      signers.add(s.signer());
    }
    Meter meter;
    Account payer;
    try {
      admit(block, body, signers);
      payer =
          state
              .get(Account.key(body.payer()))
              .map(v -> Account.CODEC.decode(v.toArray()))
              .orElse(Account.EMPTY);
      if (payer.nonce() != body.nonce()) {
        throw new RuntimeError.BadNonce(payer.nonce(), body.nonce());
      }
      long cap = saturate(body.feeCap());
      long m = block.congestion().forWrites(state.access().writes());
      meter = new Meter(fees, tx.sizeBytes(), m, cap);
      if (payer.balance().get(AssetId.SWR).compareTo(body.feeCap()) < 0) {
        throw new RuntimeError.CannotPayFee(
            "payer holds " + payer.balance().get(AssetId.SWR) + " SWR, fee cap " + body.feeCap());
      }
    } catch (RuntimeError e) {
      return new Receipt(tx.id(), Receipt.Status.FAILED, Amount.ZERO, 0, 0, List.of(), e.code());
    }

    TxState inner = state.nested();
    List<Event> events = new ArrayList<>();
    TxRun run = new TxRun(block, tx, inner, meter, costs, rent, signers, events);
    RuntimeError failure = null;
    try {
      runBody(run);
    } catch (RuntimeError e) {
      failure = e;
    }
    long fee = meter.fee();
    Amount feeAmount = Amount.of(fee);
    if (failure == null) {
      Account after =
          inner
              .get(Account.key(body.payer()))
              .map(v -> Account.CODEC.decode(v.toArray()))
              .orElse(Account.EMPTY);
      if (after.balance().get(AssetId.SWR).compareTo(feeAmount) < 0) {
        failure = new RuntimeError.CannotPayFee("body left the payer unable to pay " + fee);
      } else {
        inner.commit();
        payer = after;
      }
    }
    // payer.balance covers fee: admission checked it covers the cap, or `after` covers it.
    Value debit = Value.of(AssetId.SWR, feeAmount);
    Account charged = new Account(payer.balance().subtract(debit), payer.nonce() + 1);
    state.put(Account.key(body.payer()), Bytes.of(Account.CODEC.encode(charged)));
    return new Receipt(
        tx.id(),
        failure == null ? Receipt.Status.SUCCESS : Receipt.Status.FAILED,
        feeAmount,
        meter.steps(),
        meter.memBytes(),
        failure == null ? events : List.of(),
        failure == null ? 0 : failure.code());
  }

  private static long saturate(Amount a) {
    return a.value().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0
        ? Long.MAX_VALUE
        : a.value().longValue();
  }

  private static void admit(BlockContext block, TxBody body, TreeSet<Address> signers) {
    if (!body.chainId().equals(block.chainId())) {
      throw new RuntimeError.NotValidNow("transaction for chain " + body.chainId());
    }
    if (Long.compareUnsigned(block.slot(), body.validFrom()) < 0
        || Long.compareUnsigned(block.slot(), body.validUntil()) > 0) {
      throw new RuntimeError.NotValidNow(
          "slot " + block.slot() + " outside " + body.validFrom() + ".." + body.validUntil());
    }
    if (!signers.contains(body.payer())) {
      throw new RuntimeError.NotSigned("payer " + body.payer() + " did not sign");
    }
  }

  private void runBody(TxRun run) {
    TxBody body = run.tx().body();
    CallContext utxo = new CallContext(run, H256.ZERO);
    Value in = Value.EMPTY;
    try {
      for (UtxoRef ref : body.inputs()) {
        TxOutput spent =
            utxo.read(ref.stateKey())
                .map(v -> decodeOutput(v))
                .orElseThrow(
                    () -> new RuntimeError.BadArguments("input " + ref + " is spent or unknown"));
        if (!run.signers().contains(spent.owner())) {
          throw new RuntimeError.NotSigned("owner of input " + ref + " did not sign");
        }
        in = in.add(spent.value());
        utxo.delete(ref.stateKey());
      }
      Value out = body.burn();
      H256 id = run.tx().id();
      for (int i = 0; i < body.outputs().size(); i++) {
        TxOutput o = body.outputs().get(i);
        out = out.add(o.value());
        utxo.write(new UtxoRef(id, i).stateKey(), Bytes.of(TxOutput.CODEC.encode(o)));
      }
      if (!body.mint().isEmpty()) {
        throw new RuntimeError.ValueNotConserved("minting needs a program with minting rights");
      }
      if (!in.equals(out)) {
        throw new RuntimeError.ValueNotConserved("inputs " + in + " != outputs + burn " + out);
      }
    } catch (Amount.AmountOverflowException e) {
      throw new RuntimeError.Overflow("UTxO value sum past 2^128-1");
    }
    for (Call call : body.calls()) {
      run.meter().steps(run.costs().callBase());
      CallContext ctx = new CallContext(run, call.program());
      Program p =
          programs
              .find(call.program(), ctx)
              .orElseThrow(() -> new RuntimeError.UnknownProgram(call.program()));
      p.invoke(ctx, call.method(), call.args());
    }
  }

  private static TxOutput decodeOutput(Bytes v) {
    try {
      return TxOutput.CODEC.decode(v.toArray());
    } catch (CodecException e) {
      throw new RuntimeError.BadArguments("input is not a UTxO");
    }
  }

  @Override
  public SortedMap<H256, Optional<Bytes>> endBlock(BlockContext block, List<AccessSet> accessSets) {
    CongestionTable next = congestion.next(block.congestion(), accessSets);
    TreeMap<H256, Optional<Bytes>> w = new TreeMap<>();
    if (!next.equals(block.congestion())) {
      w.put(
          CongestionTable.STATE_KEY,
          next.permille().isEmpty()
              ? Optional.empty()
              : Optional.of(Bytes.of(CongestionTable.CODEC.encode(next))));
    }
    return w;
  }
}
