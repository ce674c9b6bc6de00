package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Hex;
import dev.aether.types.QuorumCert;
import dev.aether.types.Receipt;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of Aether types in RPC results ({@code docs/rpc.md}, "JSON encoding"): hashes,
 * addresses and byte strings as 0x-prefixed lowercase hex; heights, nonces, counts and indexes as
 * JSON integers (u64 values above 2^63 - 1 stay exact); amounts as decimal strings, because u128
 * exceeds every JSON number implementation; multi-asset values as objects keyed by asset symbol
 * (SWR, AIC, USDT) or asset id hex. Objects that a client may want to verify also carry {@code
 * raw}, their canonical codec bytes.
 */
public final class RpcJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RpcJson() {}

  /** A u64 as a JSON integer, reading negative longs as the unsigned values they encode. */
  public static JsonNode u64(long v) {
    return v >= 0 ? F.numberNode(v) : F.numberNode(new BigInteger(Long.toUnsignedString(v)));
  }

  public static JsonNode hex(H256 h) {
    return F.textNode(h.toHex());
  }

  public static JsonNode hex(Bytes b) {
    return F.textNode(b.toHex());
  }

  public static JsonNode hex(byte[] b) {
    return F.textNode(Hex.encode(b));
  }

  public static JsonNode address(Address a) {
    return F.textNode(a.hash().toHex());
  }

  public static JsonNode amount(Amount a) {
    return F.textNode(a.value().toString());
  }

  public static ObjectNode value(Value v) {
    ObjectNode o = F.objectNode();
    for (Map.Entry<AssetId, Amount> e : v.amounts().entrySet()) {
      o.set(e.getKey().display(), amount(e.getValue()));
    }
    return o;
  }

  /** A block; {@code fullTxs} selects transaction objects over transaction ids. */
  public static ObjectNode block(Block b, boolean fullTxs) {
    ObjectNode o = header(b.header());
    o.set("proposerSignature", hex(b.proposerSignature()));
    o.put("size", Block.CODEC.encode(b).length);
    ArrayNode txs = o.putArray("transactions");
    for (Tx tx : b.txs()) {
      txs.add(fullTxs ? tx(tx) : hex(tx.id()));
    }
    return o;
  }

  /** A header with its id as {@code hash} and its canonical bytes as {@code raw}. */
  public static ObjectNode header(Header h) {
    ObjectNode o = F.objectNode();
    o.set("hash", hex(h.id()));
    o.set("epoch", u64(h.epoch()));
    o.set("height", u64(h.height()));
    o.set("slot", u64(h.slot()));
    o.set("round", u64(h.round()));
    o.set("parentHash", hex(h.parent()));
    o.put("proposer", h.proposer());
    o.set("vrfProof", hex(h.vrfProof()));
    o.put("kesPeriod", h.kesPeriod());
    ObjectNode cert = o.putObject("opCert");
    cert.set("hotKey", hex(h.opCert().hotKey()));
    cert.set("counter", u64(h.opCert().counter()));
    cert.put("startPeriod", h.opCert().startPeriod());
    o.set("txRoot", hex(h.txRoot()));
    o.set("stateRoot", hex(h.stateRoot()));
    o.set("receiptsRoot", hex(h.receiptsRoot()));
    o.set("shredRoot", hex(h.shredRoot()));
    o.set("parentQc", quorumCert(h.parentQc()));
    o.set("timeoutCert", h.timeoutCert().<JsonNode>map(RpcJson::timeoutCert).orElse(F.nullNode()));
    o.set("headerRaw", hex(Header.CODEC.encode(h)));
    return o;
  }

  /**
   * A finality proof: headers, QC and genesis header as canonical bytes (a light client decodes and
   * hashes them itself), the genesis sets' records with their proofs, and the set-change links.
   */
  public static ObjectNode finality(FinalityProof p) {
    ObjectNode o = F.objectNode();
    o.set("height", u64(p.height()));
    o.set("blockHash", hex(p.headers().getFirst().id()));
    ArrayNode headers = o.putArray("headers");
    p.headers().forEach(h -> headers.add(hex(Header.CODEC.encode(h))));
    o.set("qc", hex(QuorumCert.CODEC.encode(p.qc())));
    o.set("genesis", hex(Header.CODEC.encode(p.genesis())));
    ArrayNode sets = o.putArray("genesisSets");
    for (FinalityProof.RecordedSet r : p.genesisSets()) {
      ObjectNode x = sets.addObject();
      x.set("epoch", u64(r.epoch()));
      x.set("key", hex(r.key()));
      x.set("record", hex(r.record()));
      x.set("proof", hex(r.proof()));
    }
    ArrayNode links = o.putArray("setChanges");
    p.setChanges().forEach(l -> links.add(hex(l)));
    return o;
  }

  public static ObjectNode quorumCert(QuorumCert qc) {
    ObjectNode o = F.objectNode();
    o.set("epoch", u64(qc.epoch()));
    o.set("round", u64(qc.round()));
    o.set("blockHash", hex(qc.blockId()));
    o.set("signers", ints(qc.signers().indices()));
    o.set("aggregateSignature", hex(qc.aggregateSignature()));
    return o;
  }

  public static ObjectNode timeoutCert(TimeoutCert tc) {
    ObjectNode o = F.objectNode();
    o.set("epoch", u64(tc.epoch()));
    o.set("round", u64(tc.round()));
    o.set("signers", ints(tc.signers().indices()));
    ArrayNode rounds = o.putArray("highQcRounds");
    tc.highQcRounds().forEach(r -> rounds.add(u64(r)));
    o.set("aggregateSignature", hex(tc.aggregateSignature()));
    return o;
  }

  /** A signed transaction with its id as {@code hash}. */
  public static ObjectNode tx(Tx tx) {
    TxBody b = tx.body();
    ObjectNode o = F.objectNode();
    o.set("hash", hex(tx.id()));
    o.put("chainId", b.chainId());
    o.set("payer", address(b.payer()));
    o.set("nonce", u64(b.nonce()));
    ArrayNode inputs = o.putArray("inputs");
    b.inputs().forEach(r -> inputs.add(utxoRef(r)));
    o.set("reads", hashes(b.reads()));
    o.set("writes", hashes(b.writes()));
    ArrayNode outputs = o.putArray("outputs");
    b.outputs().forEach(out -> outputs.add(txOutput(out)));
    ArrayNode calls = o.putArray("calls");
    b.calls().forEach(c -> calls.add(call(c)));
    o.set("mint", value(b.mint()));
    o.set("burn", value(b.burn()));
    o.set("feeCap", amount(b.feeCap()));
    o.set("validFrom", u64(b.validFrom()));
    o.set("validUntil", u64(b.validUntil()));
    ArrayNode sigs = o.putArray("signatures");
    for (TxSignature s : tx.signatures()) {
      ObjectNode so = sigs.addObject();
      so.set("publicKey", hex(s.publicKey()));
      so.set("signature", hex(s.signature()));
    }
    o.put("size", tx.sizeBytes());
    return o;
  }

  public static ObjectNode utxoRef(UtxoRef r) {
    ObjectNode o = F.objectNode();
    o.set("txHash", hex(r.txId()));
    o.put("index", r.index());
    return o;
  }

  public static ObjectNode txOutput(TxOutput out) {
    ObjectNode o = F.objectNode();
    o.set("owner", address(out.owner()));
    o.set("value", value(out.value()));
    o.set("datum", out.datum().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    return o;
  }

  public static ObjectNode call(Call c) {
    ObjectNode o = F.objectNode();
    o.set("program", hex(c.program()));
    o.put("method", c.method());
    o.set("args", hex(c.args()));
    return o;
  }

  /** A receipt with its location and Merkle proof; {@code raw} is the proof's leaf preimage. */
  public static ObjectNode receipt(ReceiptWithProof rp) {
    Receipt r = rp.receipt();
    ObjectNode o = F.objectNode();
    o.set("txHash", hex(r.txId()));
    o.put("status", r.status() == Receipt.Status.SUCCESS ? "success" : "failed");
    o.set("feePaid", amount(r.feePaid()));
    o.set("steps", u64(r.steps()));
    o.set("memBytes", u64(r.memBytes()));
    ArrayNode events = o.putArray("events");
    r.events().forEach(e -> events.add(event(e)));
    o.put("errorCode", r.errorCode());
    o.set("blockHeight", u64(rp.blockHeight()));
    o.set("blockHash", hex(rp.blockId()));
    o.put("index", rp.indexInBlock());
    o.set("receiptsRoot", hex(rp.receiptsRoot()));
    ObjectNode proof = o.putObject("proof");
    proof.set("index", u64(rp.proof().index()));
    proof.set("siblings", hashes(rp.proof().siblings()));
    o.set("raw", hex(Receipt.CODEC.encode(r)));
    return o;
  }

  /**
   * A block's own receipt with its proof: its events (each value event also decoded, under {@code
   * value}), where it sits (the last leaf, index = the block's transaction count) and the proof.
   */
  public static ObjectNode blockReceipt(BlockReceiptWithProof bp) {
    BlockReceipt r = bp.receipt();
    ObjectNode o = F.objectNode();
    o.set("blockHeight", u64(r.height()));
    o.set("blockHash", hex(bp.blockId()));
    ArrayNode events = o.putArray("events");
    for (Event e : r.events()) {
      ObjectNode eo = event(e);
      try {
        ValueEvent.from(e).ifPresent(v -> eo.set("value", valueEvent(v)));
      } catch (dev.aether.types.codec.CodecException bad) {
        // Not a value event after all (the ledger never emits such); shown as a plain event.
      }
      events.add(eo);
    }
    o.put("index", bp.proof().index());
    o.set("receiptsRoot", hex(bp.receiptsRoot()));
    ObjectNode proof = o.putObject("proof");
    proof.set("index", u64(bp.proof().index()));
    proof.set("count", u64(bp.proof().index() + 1));
    proof.set("siblings", hashes(bp.proof().siblings()));
    o.set("raw", hex(BlockReceipt.CODEC.encode(r)));
    return o;
  }

  /** A value event's fields: kind, account (null for a burn), asset, amount, cause, ref. */
  public static ObjectNode valueEvent(ValueEvent v) {
    ObjectNode o = F.objectNode();
    o.put("kind", v.kind().topic());
    o.set("account", v.account().<JsonNode>map(RpcJson::address).orElse(F.nullNode()));
    o.put("asset", v.asset().display());
    o.set("amount", amount(v.amount()));
    o.put("cause", v.cause());
    o.set("ref", hex(v.ref()));
    return o;
  }

  public static ObjectNode event(Event e) {
    ObjectNode o = F.objectNode();
    o.set("emitter", hex(e.emitter()));
    o.set("topic", hex(e.topic()));
    o.set("data", hex(e.data()));
    return o;
  }

  public static ObjectNode utxo(Utxo u) {
    ObjectNode o = utxoRef(u.ref());
    o.setAll(txOutput(u.output()));
    return o;
  }

  public static ObjectNode account(AccountProof p) {
    ObjectNode o = F.objectNode();
    o.set("address", address(p.address()));
    o.put("exists", p.account().isPresent());
    o.set("nonce", p.account().map(a -> u64(a.nonce())).orElse(F.numberNode(0)));
    o.set("balance", p.account().map(a -> value(a.balance())).orElse(F.objectNode()));
    o.set("raw", p.account().<JsonNode>map(a -> hex(a.raw())).orElse(F.nullNode()));
    o.set("height", u64(p.height()));
    o.set("stateRoot", hex(p.stateRoot()));
    ArrayNode proof = o.putArray("proof");
    p.proof().forEach(n -> proof.add(hex(n)));
    return o;
  }

  public static ObjectNode validator(ValidatorInfo v) {
    ObjectNode o = F.objectNode();
    if (v.index() >= 0) {
      o.put("index", v.index());
    } else {
      o.putNull("index");
    }
    o.set("address", address(v.address()));
    o.put("name", v.name());
    o.set("stake", amount(v.stake()));
    o.set("selfBond", amount(v.selfBond()));
    o.set("delegated", amount(v.delegated()));
    o.put("commissionBps", v.commissionBps());
    o.put("maxCommissionBps", v.maxCommissionBps());
    o.put("maxChangeBps", v.maxChangeBps());
    o.put("status", v.status());
    o.set("missedRounds", u64(v.missedRounds()));
    o.set("certifiedRounds", u64(v.certifiedRounds()));
    o.set("jailedUntilEpoch", u64(v.jailedUntilEpoch()));
    ObjectNode keys = o.putObject("publicKeys");
    v.publicKeys().forEach((k, b) -> keys.set(k, hex(b)));
    return o;
  }

  public static ObjectNode stake(StakeInfo s) {
    ObjectNode o = F.objectNode();
    o.set("address", address(s.address()));
    o.set("epoch", u64(s.epoch()));
    ArrayNode ds = o.putArray("delegations");
    for (StakeInfo.Delegation d : s.delegations()) {
      ObjectNode x = ds.addObject();
      x.set("validator", address(d.validator()));
      x.set("amount", amount(d.amount()));
      x.set("pendingRewards", amount(d.pendingRewards()));
      x.set("lockedUntilEpoch", u64(d.lockedUntilEpoch()));
    }
    ArrayNode us = o.putArray("unbonding");
    for (StakeInfo.Unbonding u : s.unbonding()) {
      ObjectNode x = us.addObject();
      x.set("validator", address(u.validator()));
      x.set("epoch", u64(u.epoch()));
      x.set("amount", amount(u.amount()));
      x.set("withdrawableFromEpoch", u64(u.withdrawableFromEpoch()));
    }
    o.set("pendingRewards", amount(s.pendingRewards()));
    return o;
  }

  /** A job of the job-escrow program. */
  public static ObjectNode job(JobInfo j) {
    ObjectNode o = F.objectNode();
    o.set("id", hex(j.id()));
    o.put("status", j.status());
    o.set("poster", address(j.poster()));
    o.set("modelHash", hex(j.modelHash()));
    o.set("codeHash", hex(j.codeHash()));
    o.set("jUnits", u64(j.jUnits()));
    o.set("maxPrice", amount(j.maxPrice()));
    o.set("slaMs", u64(j.slaMs()));
    o.set("deadlineSlot", u64(j.deadlineSlot()));
    o.set("inputHash", j.inputHash().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    o.set(
        "seed",
        j.seed().<JsonNode>map(v -> F.textNode(Long.toUnsignedString(v))).orElse(F.nullNode()));
    o.set("postedSlot", u64(j.postedSlot()));
    o.set("provider", j.provider().<JsonNode>map(RpcJson::address).orElse(F.nullNode()));
    o.set("bond", amount(j.bond()));
    o.set("acceptedSlot", u64(j.acceptedSlot()));
    o.set("receipt", j.receipt().<JsonNode>map(RpcJson::jobReceipt).orElse(F.nullNode()));
    o.set("lostChallenges", u64(j.lostChallenges()));
    o.set("outcome", jobOutcome(j.outcome()));
    if (j.quorum().isPresent()) {
      JobInfo.Quorum q = j.quorum().get();
      ObjectNode x = o.putObject("replicas");
      x.set("count", u64(q.replicas()));
      x.set("fullSlot", u64(q.fullSlot()));
      x.set("commitsClosedSlot", u64(q.commitsClosedSlot()));
      x.set("revealsClosedSlot", u64(q.revealsClosedSlot()));
      x.set("revealEndSlot", u64(q.revealEndSlot()));
      x.set("challengeEndSlot", u64(q.challengeEndSlot()));
      ArrayNode ms = x.putArray("members");
      for (JobInfo.Member m : q.members()) {
        ObjectNode y = ms.addObject();
        y.set("provider", address(m.provider()));
        y.set("bond", amount(m.bond()));
        y.set("acceptedSlot", u64(m.acceptedSlot()));
        y.put("status", m.status());
        y.set("commitment", m.commitment().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
        y.set("commitSlot", u64(m.commitSlot()));
        y.set("receipt", m.receipt().<JsonNode>map(RpcJson::jobReceipt).orElse(F.nullNode()));
        y.set("outcome", jobOutcome(m.outcome()));
      }
    } else {
      o.set("replicas", F.nullNode());
    }
    return o;
  }

  private static ObjectNode jobReceipt(JobInfo.Receipt r) {
    ObjectNode x = F.objectNode();
    x.set("vcrHash", hex(r.vcrHash()));
    x.set("outputHash", hex(r.outputHash()));
    x.set("commitment", hex(r.commitment()));
    x.set("traceLength", u64(r.traceLength()));
    x.set("jUnits", u64(r.jUnits()));
    x.set("submittedSlot", u64(r.submittedSlot()));
    x.set("windowEndSlot", u64(r.windowEndSlot()));
    return x;
  }

  private static ObjectNode jobOutcome(JobInfo.Outcome oc) {
    ObjectNode out = F.objectNode();
    out.set("paid", amount(oc.paid()));
    out.set("refunded", amount(oc.refunded()));
    out.set("burned", amount(oc.burned()));
    out.set("rewarded", amount(oc.rewarded()));
    out.set("bondReturned", amount(oc.bondReturned()));
    return out;
  }

  /** A provider's registration and reputation. */
  public static ObjectNode provider(ProviderInfo p) {
    ObjectNode o = F.objectNode();
    o.set("address", address(p.address()));
    o.put("registered", p.registered());
    o.set("key", p.key().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    o.set("teeKind", p.teeKind().<JsonNode>map(F::textNode).orElse(F.nullNode()));
    ArrayNode ms = o.putArray("measurements");
    p.measurements().forEach(m -> ms.add(hex(m)));
    o.set("minTcb", p.minTcb().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    o.set("devKey", p.devKey().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    o.set("codeHashes", hashes(p.codeHashes()));
    o.set("registeredSlot", u64(p.registeredSlot()));
    ProviderInfo.Reputation r = p.reputation();
    ObjectNode x = o.putObject("reputation");
    x.set("jobsAccepted", u64(r.jobsAccepted()));
    x.set("jobsSettled", u64(r.jobsSettled()));
    x.set("slaMet", u64(r.slaMet()));
    x.set("disputesLost", u64(r.disputesLost()));
    x.set("challengesSurvived", u64(r.challengesSurvived()));
    x.set("deadlinesMissed", u64(r.deadlinesMissed()));
    x.set("volume", amount(r.volume()));
    x.set("lastSlot", u64(r.lastSlot()));
    return o;
  }

  /** The job escrow's parameters. */
  public static ObjectNode jobParams(JobParamsInfo j) {
    ObjectNode o = F.objectNode();
    o.set("challengeWindowSlots", u64(j.challengeWindowSlots()));
    o.set("burnPerJUnit", amount(j.burnPerJUnit()));
    o.set("challengeBond", amount(j.challengeBond()));
    o.put("minBondRatio", j.minBondRatio());
    o.put("challengerShare", j.challengerShare());
    o.set("slotMs", u64(j.slotMs()));
    o.put("allowDevTee", j.allowDevTee());
    o.set("timeOriginMs", u64(j.timeOriginMs()));
    o.set("maxProviders", u64(j.maxProviders()));
    o.set("twapWindowSlots", u64(j.twapWindowSlots()));
    o.set("stableHaircutBps", u64(j.stableHaircutBps()));
    return o;
  }

  /** AIC supply accounting. */
  public static ObjectNode aicSupply(AicSupplyInfo s) {
    ObjectNode o = F.objectNode();
    o.set("minted", amount(s.minted()));
    o.set("circulating", amount(s.circulating()));
    o.set("escrowed", amount(s.escrowed()));
    o.set("bonded", amount(s.bonded()));
    o.set("burned", amount(s.burned()));
    o.set("paid", amount(s.paid()));
    o.set("refunded", amount(s.refunded()));
    o.set("rewarded", amount(s.rewarded()));
    o.set("returned", amount(s.returned()));
    o.set("forfeited", amount(s.forfeited()));
    return o;
  }

  /** {@code false} when synced, else the progress object (Ethereum's {@code eth_syncing} shape). */
  public static JsonNode syncing(SyncStatus s) {
    return switch (s) {
      case SyncStatus.Synced ignored -> F.booleanNode(false);
      case SyncStatus.Syncing p -> {
        ObjectNode o = F.objectNode();
        o.set("startingHeight", u64(p.startingHeight()));
        o.set("currentHeight", u64(p.currentHeight()));
        o.set("highestHeight", u64(p.highestHeight()));
        yield o;
      }
    };
  }

  private static ArrayNode hashes(List<H256> hs) {
    ArrayNode a = F.arrayNode();
    hs.forEach(h -> a.add(hex(h)));
    return a;
  }

  private static ArrayNode ints(List<Integer> is) {
    ArrayNode a = F.arrayNode();
    is.forEach(a::add);
    return a;
  }
}
