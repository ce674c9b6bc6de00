package dev.aether.indexer.ingest;

import dev.aether.compute.proof.VcrSubmission;
import dev.aether.indexer.ingest.Rows.AccountTxRow;
import dev.aether.indexer.ingest.Rows.BalanceChange;
import dev.aether.indexer.ingest.Rows.BlockEventRow;
import dev.aether.indexer.ingest.Rows.BlockRow;
import dev.aether.indexer.ingest.Rows.CallRow;
import dev.aether.indexer.ingest.Rows.DisputeRow;
import dev.aether.indexer.ingest.Rows.EventRow;
import dev.aether.indexer.ingest.Rows.JobEventRow;
import dev.aether.indexer.ingest.Rows.SpentRow;
import dev.aether.indexer.ingest.Rows.StakingRow;
import dev.aether.indexer.ingest.Rows.TxRow;
import dev.aether.indexer.ingest.Rows.UtxoRow;
import dev.aether.indexer.ingest.Rows.VcrContent;
import dev.aether.indexer.ingest.Rows.VcrRow;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.amm.AmmMath;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.rpc.FinalBlock;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import dev.aether.types.Vcr;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one final block and its receipts into {@link Rows}. Pure: the only outside fact it needs is
 * what the UTxOs a transaction spends held ({@link UtxoSource}), since a spent input's value is not
 * in the spending block.
 *
 * <p>Balance changes are what the block shows: fees, bank transfers (their events), UTxOs created
 * and spent, the payer's account paying for outputs beyond its inputs, the staking program's
 * deposits and payouts and the AMM's and governance's moves (their events), every credit and debit
 * of the block's own receipt (fees shared out, refunds, treasury spends, rewards, slashing
 * payouts), and every credit and debit a transaction's value events report (the job escrow's
 * escrow, bonds, payouts, refunds; contracts' transfers; docs/adr/0062).
 */
public final class Extractor {
  /** What the indexer already knows about UTxOs created by earlier blocks. */
  @FunctionalInterface
  public interface UtxoSource {
    Optional<TxOutput> output(UtxoRef ref);
  }

  private Extractor() {}

  public static Rows extract(FinalBlock fb, UtxoSource utxos) {
    Block block = fb.block();
    Header h = block.header();
    long height = h.height();
    List<TxRow> txs = new ArrayList<>();
    List<CallRow> calls = new ArrayList<>();
    List<EventRow> events = new ArrayList<>();
    Set<AccountTxRow> accountTxs = new LinkedHashSet<>();
    List<BalanceChange> changes = new ArrayList<>();
    List<UtxoRow> created = new ArrayList<>();
    List<SpentRow> spent = new ArrayList<>();
    List<StakingRow> staking = new ArrayList<>();
    List<JobEventRow> jobEvents = new ArrayList<>();
    List<VcrRow> vcrs = new ArrayList<>();
    List<DisputeRow> disputes = new ArrayList<>();
    ProgramEvents programEvents = new ProgramEvents();
    Map<UtxoRef, TxOutput> local = new HashMap<>();
    BigInteger fees = BigInteger.ZERO;
    int[] seq = {0};

    for (int i = 0; i < block.txs().size(); i++) {
      Tx tx = block.txs().get(i);
      Receipt r = fb.receipts().get(i);
      TxBody b = tx.body();
      H256 id = tx.id();
      if (!r.txId().equals(id)) {
        throw new IllegalArgumentException(
            "receipt " + i + " of block " + height + " is not for transaction " + id);
      }
      byte[] raw = Tx.CODEC.encode(tx);
      boolean ok = r.status() == Receipt.Status.SUCCESS;
      fees = fees.add(r.feePaid().value());
      txs.add(
          new TxRow(
              id,
              height,
              i,
              b.payer(),
              b.nonce(),
              kind(b),
              b.feeCap().value(),
              b.validFrom(),
              b.validUntil(),
              raw.length,
              ok ? "success" : "failed",
              r.feePaid().value(),
              r.steps(),
              r.memBytes(),
              r.errorCode(),
              raw,
              Receipt.CODEC.encode(r)));
      accountTxs.add(new AccountTxRow(b.payer(), height, i, id, "payer"));
      for (TxSignature s : tx.signatures()) {
        if (s.publicKey().length() == 32) {
          Address signer = Address.ofPublicKey(s.publicKey().toArray());
          if (!signer.equals(b.payer())) {
            accountTxs.add(new AccountTxRow(signer, height, i, id, "signer"));
          }
        }
      }
      for (int c = 0; c < b.calls().size(); c++) {
        Call call = b.calls().get(c);
        calls.add(
            new CallRow(
                id,
                c,
                call.program(),
                Programs.name(call.program()),
                call.method(),
                call.args().toArray()));
        Optional<Address> to = recipient(call);
        if (to.isPresent()) {
          accountTxs.add(new AccountTxRow(to.get(), height, i, id, "to"));
        }
      }
      for (int e = 0; e < r.events().size(); e++) {
        Event ev = r.events().get(e);
        events.add(
            new EventRow(id, e, height, ev.emitter(), ev.topic().toArray(), ev.data().toArray()));
      }
      if (!r.feePaid().isZero()) {
        changes.add(
            change(height, id, seq, b.payer(), AssetId.SWR, r.feePaid().value().negate(), "fee"));
      }
      if (!ok) {
        continue; // only the fee (and the nonce) reached the state
      }
      // Inputs, outputs, and what the payer's account paid for the outputs beyond the inputs.
      Value consumed = Value.EMPTY;
      for (UtxoRef in : b.inputs()) {
        TxOutput o = Optional.ofNullable(local.remove(in)).or(() -> utxos.output(in)).orElse(null);
        spent.add(new SpentRow(in.txId(), in.index(), height, id));
        if (o == null) {
          continue; // created before the indexer's first block: its value is unknown here
        }
        consumed = consumed.add(o.value());
        accountTxs.add(new AccountTxRow(o.owner(), height, i, id, "spender"));
        for (var a : o.value().amounts().entrySet()) {
          changes.add(
              change(
                  height,
                  id,
                  seq,
                  o.owner(),
                  a.getKey(),
                  a.getValue().value().negate(),
                  "utxo_spent"));
        }
      }
      Value outputs = Value.EMPTY;
      for (int o = 0; o < b.outputs().size(); o++) {
        TxOutput out = b.outputs().get(o);
        outputs = outputs.add(out.value());
        UtxoRef ref = new UtxoRef(id, o);
        local.put(ref, out);
        created.add(new UtxoRow(id, o, out.owner(), Value.CODEC.encode(out.value()), height));
        accountTxs.add(new AccountTxRow(out.owner(), height, i, id, "owner"));
        for (var a : out.value().amounts().entrySet()) {
          changes.add(
              change(
                  height, id, seq, out.owner(), a.getKey(), a.getValue().value(), "utxo_created"));
        }
      }
      Map<AssetId, BigInteger> paidIn = new HashMap<>();
      accumulate(paidIn, outputs, 1);
      accumulate(paidIn, b.burn(), 1);
      accumulate(paidIn, consumed, -1);
      accumulate(paidIn, b.mint(), -1);
      paidIn.entrySet().stream()
          .filter(e -> e.getValue().signum() != 0)
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  changes.add(
                      change(
                          height,
                          id,
                          seq,
                          b.payer(),
                          e.getKey(),
                          e.getValue().negate(),
                          "paid_in")));
      List<Call> govCalls =
          b.calls().stream().filter(c -> c.program().equals(Programs.GOVERNANCE)).toList();
      int govSeen = 0;
      for (int e = 0; e < r.events().size(); e++) {
        Event ev = r.events().get(e);
        if (onValueEvent(ev, height, i, id, seq, changes, accountTxs)) {
          continue;
        }
        if (ev.emitter().equals(Programs.GOVERNANCE)) {
          Optional<Call> call =
              govSeen < govCalls.size() ? Optional.of(govCalls.get(govSeen)) : Optional.empty();
          govSeen++;
          onProgramEvent(programEvents, ev, call, b.payer(), height, e, id, seq, changes);
          continue;
        }
        if (ev.emitter().equals(Programs.AMM)) {
          onProgramEvent(
              programEvents, ev, Optional.empty(), b.payer(), height, e, id, seq, changes);
          continue;
        }
        onEvent(
            r.events().get(e),
            b,
            height,
            i,
            e,
            id,
            seq,
            changes,
            accountTxs,
            staking,
            jobEvents,
            vcrs,
            disputes);
      }
    }
    List<BlockEventRow> blockEvents = new ArrayList<>();
    fb.blockReceipt()
        .ifPresent(own -> onBlockReceipt(own.events(), height, seq, blockEvents, changes));
    BlockRow br =
        new BlockRow(
            height,
            block.id(),
            h.parent(),
            h.slot(),
            h.round(),
            h.proposer(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc().round(),
            h.parentQc().signers().size(),
            h.timeoutCert().map(tc -> tc.round()),
            block.txs().size(),
            Block.CODEC.encode(block).length,
            fees,
            Header.CODEC.encode(h),
            fb.blockReceipt().map(BlockReceipt.CODEC::encode));
    return new Rows(
        br,
        txs,
        calls,
        events,
        List.copyOf(accountTxs),
        changes,
        created,
        spent,
        staking,
        jobEvents,
        vcrs,
        disputes,
        programEvents.amm(),
        programEvents.gov(),
        blockEvents);
  }

  /**
   * The block's own receipt (docs/adr/0053): every event as a row, and each credit or debit of an
   * account as a balance change without a transaction, caused {@code <program>.<cause>} ({@code
   * governance.refund}, {@code ledger.fee_pool}, {@code staking.reward}, ...). A value topic whose
   * data does not decode is kept as an event row only.
   */
  private static void onBlockReceipt(
      List<Event> events,
      long height,
      int[] seq,
      List<BlockEventRow> rows,
      List<BalanceChange> changes) {
    for (int i = 0; i < events.size(); i++) {
      Event ev = events.get(i);
      Optional<String> program = Programs.name(ev.emitter());
      Optional<ValueEvent> value;
      try {
        value = ValueEvent.from(ev);
      } catch (CodecException bad) {
        value = Optional.empty();
      }
      rows.add(
          new BlockEventRow(
              height, i, ev.emitter(), program, ev.topic().toArray(), ev.data().toArray(), value));
      if (value.isPresent() && value.get().movesBalance()) {
        ValueEvent v = value.get();
        changes.add(
            new BalanceChange(
                height,
                Optional.empty(),
                seq[0]++,
                v.account().orElseThrow(),
                v.asset(),
                v.balanceDelta(),
                program.orElse(ev.emitter().toHex()) + "." + v.cause()));
      }
    }
  }

  /**
   * A transaction's value event (docs/adr/0062): a {@code credit} or {@code debit} is a balance
   * change of its account caused {@code <program>.<cause>} (a contract's are {@code
   * contract.<cause>}), and the account gets the transaction in its history. Only native programs
   * and the runtime's transfer host function can emit value topics (contracts are refused them), so
   * they are taken as the chain's word. Returns whether {@code ev} has a value topic (one whose
   * data does not decode adds nothing and stays an event row).
   */
  private static boolean onValueEvent(
      Event ev,
      long height,
      int i,
      H256 id,
      int[] seq,
      List<BalanceChange> changes,
      Set<AccountTxRow> accountTxs) {
    if (!ValueEvent.isValueTopic(ev.topic())) {
      return false;
    }
    ValueEvent v;
    try {
      v = ValueEvent.from(ev).orElseThrow();
    } catch (CodecException bad) {
      return true;
    }
    if (v.movesBalance()) {
      Address who = v.account().orElseThrow();
      String program = Programs.name(ev.emitter()).orElse("contract");
      changes.add(
          change(height, id, seq, who, v.asset(), v.balanceDelta(), program + "." + v.cause()));
      accountTxs.add(
          new AccountTxRow(
              who, height, i, id, v.kind() == ValueEvent.Kind.CREDIT ? "credited" : "debited"));
    }
    return true;
  }

  /** An AMM or governance event ({@link ProgramEvents}); one it cannot read adds nothing. */
  private static void onProgramEvent(
      ProgramEvents pe,
      Event ev,
      Optional<Call> call,
      Address payer,
      long height,
      int e,
      H256 id,
      int[] seq,
      List<BalanceChange> changes) {
    String topic = new String(ev.topic().toArray(), StandardCharsets.UTF_8);
    List<BalanceChange> moved = new ArrayList<>();
    int[] local = {seq[0]};
    ProgramEvents.Moves moves =
        (who, asset, delta, cause) -> {
          if (delta.signum() != 0) {
            moved.add(change(height, id, local, who, asset, delta, cause));
          }
        };
    try {
      byte[] data = ev.data().toArray();
      if (topic.startsWith("amm.")) {
        pe.amm(topic.substring("amm.".length()), data, id, e, height, payer, moves);
      } else if (topic.startsWith("governance.")) {
        pe.gov(topic.substring("governance.".length()), data, call, id, e, height, payer, moves);
      }
    } catch (CodecException | IllegalArgumentException | ArithmeticException ex) {
      return; // kept as an event row only
    }
    changes.addAll(moved);
    seq[0] = local[0];
  }

  private static void onEvent(
      Event ev,
      TxBody b,
      long height,
      int i,
      int e,
      H256 id,
      int[] seq,
      List<BalanceChange> changes,
      Set<AccountTxRow> accountTxs,
      List<StakingRow> staking,
      List<JobEventRow> jobEvents,
      List<VcrRow> vcrs,
      List<DisputeRow> disputes) {
    String topic = new String(ev.topic().toArray(), StandardCharsets.UTF_8);
    Address payer = b.payer();
    try {
      if (ev.emitter().equals(Programs.BANK) && topic.equals("transfer")) {
        Reader in = new Reader(ev.data().toArray());
        Address to = Address.CODEC.read(in);
        Value v = Value.CODEC.read(in);
        for (var a : v.amounts().entrySet()) {
          changes.add(
              change(
                  height, id, seq, payer, a.getKey(), a.getValue().value().negate(), "transfer"));
          changes.add(change(height, id, seq, to, a.getKey(), a.getValue().value(), "transfer"));
        }
      } else if (ev.emitter().equals(Programs.STAKING) && topic.startsWith("staking.")) {
        String method = topic.substring("staking.".length());
        Reader in = new Reader(ev.data().toArray());
        Address who = Address.CODEC.read(in);
        BigInteger amount = num(in);
        staking.add(new StakingRow(id, e, height, method, payer, who, amount));
        accountTxs.add(new AccountTxRow(who, height, i, id, "validator"));
        switch (method) {
          case "register", "delegate" ->
              changes.add(change(height, id, seq, payer, AssetId.SWR, amount.negate(), "stake"));
          case "withdraw" ->
              changes.add(change(height, id, seq, payer, AssetId.SWR, amount, "unstake"));
          case "claim" ->
              changes.add(change(height, id, seq, payer, AssetId.SWR, amount, "reward"));
          default -> {} // undelegate, redelegate, commission, unjail, evidence: no account moves
        }
      } else if (ev.emitter().equals(Programs.JOBS)
          && topic.startsWith("jobs.")
          && ev.data().length() == 32) {
        String event = topic.substring("jobs.".length());
        H256 job = H256.of(ev.data().toArray());
        jobEvents.add(new JobEventRow(job, id, e, height, event, payer));
        switch (event) {
          case "submitted", "revealed" ->
              vcrs.add(
                  new VcrRow(
                      id, job, height, payer, callBytes(b), event, vcrContent(b, job, event)));
          case "challenged" -> disputes.add(new DisputeRow(id, job, height, payer, "fraud_proven"));
          case "challenge_lost" ->
              disputes.add(new DisputeRow(id, job, height, payer, "challenge_lost"));
          default -> {}
        }
      }
    } catch (CodecException | IllegalArgumentException | ArithmeticException ex) {
      // An event this indexer cannot read is kept as an event row and otherwise ignored.
    }
  }

  /**
   * The receipt for {@code job} in {@code b}'s {@code submitVCR} (or, for a quorum reveal, {@code
   * revealVCR}) call, decoded with the jobs program's codec; empty if none decodes.
   */
  static Optional<VcrContent> vcrContent(TxBody b, H256 job, String event) {
    String method = event.equals("revealed") ? JobsCalls.REVEAL_VCR : JobsCalls.SUBMIT_VCR;
    for (Call c : b.calls()) {
      if (!c.program().equals(Programs.JOBS) || !c.method().equals(method)) {
        continue;
      }
      try {
        byte[] args = c.args().toArray();
        VcrSubmission s =
            method.equals(JobsCalls.SUBMIT_VCR)
                ? JobsCalls.SubmitVcr.CODEC.decode(args).submission()
                : JobsCalls.RevealVcr.CODEC.decode(args).submission();
        Vcr v = s.vcr();
        if (v.jobId().equals(job)) {
          return Optional.of(
              new VcrContent(
                  v.inputHash(),
                  v.modelHash(),
                  v.codeHash(),
                  v.outputHash(),
                  v.seed(),
                  s.leaves().size(),
                  v.teeQuote().length(),
                  v.kzgCommit()));
        }
      } catch (CodecException | IllegalArgumentException e) {
        // not a receipt this indexer can read: the next call may be
      }
    }
    return Optional.empty();
  }

  private static int callBytes(TxBody b) {
    int n = 0;
    for (Call c : b.calls()) {
      if (c.program().equals(Programs.JOBS)) {
        n += c.args().length();
      }
    }
    return n;
  }

  /** The staking program's unbounded integers: u32 length, minimal big-endian magnitude. */
  static BigInteger num(Reader in) {
    long n = in.u32("staking amount length");
    if (n > 64) {
      throw new CodecException.LengthOverLimit("staking amount", n, 64);
    }
    byte[] mag = in.fixed("staking amount", (int) n);
    in.expectEnd("staking event");
    return new BigInteger(1, mag);
  }

  private static void accumulate(Map<AssetId, BigInteger> m, Value v, int sign) {
    for (var a : v.amounts().entrySet()) {
      BigInteger x = a.getValue().value();
      m.merge(a.getKey(), sign < 0 ? x.negate() : x, BigInteger::add);
    }
  }

  private static BalanceChange change(
      long height, H256 tx, int[] seq, Address who, AssetId asset, BigInteger delta, String cause) {
    return new BalanceChange(height, Optional.of(tx), seq[0]++, who, asset, delta, cause);
  }

  /** The transfer recipient of a bank call, if it is one. */
  private static Optional<Address> recipient(Call call) {
    if (!call.program().equals(Programs.BANK) || !call.method().equals("transfer")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Address.CODEC.read(new Reader(call.args().toArray())));
    } catch (CodecException e) {
      return Optional.empty();
    }
  }

  /**
   * What a transaction is, for lists and filters: {@code transfer} (only bank transfers), {@code
   * <program>.<method>} of its first call to a native program, {@code contract.<method>} for a
   * contract call, {@code utxo} (no calls), or {@code empty}.
   */
  public static String kind(TxBody b) {
    if (b.calls().isEmpty()) {
      return b.outputs().isEmpty() && b.inputs().isEmpty() ? "empty" : "utxo";
    }
    boolean allTransfers =
        b.calls().stream()
            .allMatch(c -> c.program().equals(Programs.BANK) && c.method().equals("transfer"));
    if (allTransfers) {
      return "transfer";
    }
    for (Call c : b.calls()) {
      Optional<String> name = Programs.name(c.program());
      if (name.isPresent() && !name.get().equals("bank")) {
        return name.get() + "." + c.method();
      }
    }
    return "contract." + b.calls().getFirst().method();
  }

  /** Genesis allocations as balance changes at height 0. */
  public static List<BalanceChange> genesis(List<GenesisBalance> balances) {
    return genesis(balances, List.of());
  }

  /** Genesis allocations and the genesis pools' first LP shares, as changes at height 0. */
  public static List<BalanceChange> genesis(
      List<GenesisBalance> balances, List<BlockWriter.GenesisPool> pools) {
    List<BalanceChange> out = new ArrayList<>();
    int seq = 0;
    for (GenesisBalance g : balances) {
      out.add(
          new BalanceChange(
              0, Optional.empty(), seq++, g.address(), g.asset(), g.amount().value(), "genesis"));
    }
    for (BlockWriter.GenesisPool p : pools) {
      out.add(
          new BalanceChange(
              0,
              Optional.empty(),
              seq++,
              p.provider(),
              AmmKeys.lpAsset(p.a(), p.b()),
              AmmMath.initialShares(p.amountA(), p.amountB()),
              "genesis"));
    }
    return out;
  }

  /** One genesis allocation. */
  public record GenesisBalance(Address address, AssetId asset, Amount amount) {}
}
