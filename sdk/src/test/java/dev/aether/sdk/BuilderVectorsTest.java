package dev.aether.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.runtime.wasm.ContractTxs;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.Opening;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Evidence;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors of the typed builders added after ADR 0042's first set (ADR 0056): the job
 * escrow's provider registration, receipt submission (single and commit-reveal), both challenges,
 * job specs, the stablecoin settlement and price observation, UTxO spends, contract deploy and
 * call, every AMM call and every governance call — built by the Java code the CLI and the provider
 * daemon use ({@link JobsCalls}, {@link ContractTxs}, {@link AmmCalls}, {@link GovCalls}), written
 * to {@code sdk/vectors/builders.json}. Same rule as {@link GoldenVectorsTest}: the test fails if
 * the committed file is stale; {@code mvn -pl sdk test -Daether.sdk.updateVectors=true} rewrites
 * it.
 */
class BuilderVectorsTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String CHAIN = "aether-dev-1";

  static Path file() {
    return Path.of(System.getProperty("aether.root", "..")).resolve("sdk/vectors/builders.json");
  }

  @Test
  void committedVectorsAreWhatTheJavaBuildersWriteToday() throws Exception {
    String fresh = JSON.writeValueAsString(vectors()) + "\n";
    Path f = file();
    if (Boolean.getBoolean("aether.sdk.updateVectors")) {
      Files.writeString(f, fresh);
    }
    assertThat(Files.exists(f)).as(f + " is missing; regenerate it (see this class)").isTrue();
    assertThat(Files.readString(f))
        .as(
            "sdk/vectors/builders.json is stale: a Java builder changed. Regenerate with"
                + " mvn -pl sdk test -Daether.sdk.updateVectors=true and update the SDKs")
        .isEqualTo(fresh);
  }

  @Test
  void generationIsDeterministic() throws Exception {
    assertThat(JSON.writeValueAsString(vectors())).isEqualTo(JSON.writeValueAsString(vectors()));
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }

  static ObjectNode tx(String kind, Ed25519KeyPair key, TxBody body) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind);
    o.put("seed", hex(key.seed()));
    o.put("chainId", body.chainId());
    o.put("nonce", body.nonce());
    o.put("feeCap", body.feeCap().toString());
    o.put("validUntil", body.validUntil());
    o.put("body", hex(TxBody.CODEC.encode(body)));
    o.put("id", body.id().toHex());
    o.put("signed", hex(Tx.CODEC.encode(BankProgram.signed(key, body))));
    return o;
  }

  /**
   * A receipt and a fraud proof shaped like real ones (every field set, lists non-empty): the SDKs
   * carry them as bytes, so only their encodings matter here, not their truth.
   */
  static VcrSubmission submission(H256 job, Address provider) {
    ModelHeader header =
        ModelHeader.of(Map.of("arch", "mlp", "layers", "3"), Map.of("w1", new int[] {2, 3}));
    Vcr vcr =
        new Vcr(
            job,
            provider,
            Hashing.tagged("input"),
            Hashing.tagged("model"),
            Hashing.tagged("code"),
            42,
            Hashing.tagged("output"),
            Bytes.of(Hashing.tagged("quote").toArray()),
            Optional.of(Bytes.of(new byte[48])),
            Optional.empty(),
            Bytes.of(new byte[64]));
    return new VcrSubmission(
        vcr,
        header,
        Hashing.tagged("weights"),
        List.of(Hashing.tagged("leaf0"), Hashing.tagged("leaf1")),
        Bytes.of(new byte[48]),
        new StepEvidence(List.of(), List.of()),
        List.of());
  }

  static FraudProof proof(H256 job) {
    ModelHeader header = ModelHeader.of(Map.of("arch", "mlp"), Map.of("w1", new int[] {4}));
    Opening step =
        new Opening(3, Bytes.of(Hashing.tagged("leaf3").toArray()), Bytes.of(new byte[48]));
    Opening input =
        new Opening(2, Bytes.of(Hashing.tagged("leaf2").toArray()), Bytes.of(new byte[48]));
    return new FraudProof(
        job,
        header,
        Hashing.tagged("weights"),
        3,
        step,
        List.of(input),
        new StepEvidence(List.of(), List.of()));
  }

  static ObjectNode vectors() {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "note", "written by sdk/src/test/java/dev/aether/sdk/BuilderVectorsTest.java; do not edit");
    ArrayNode out = root.putArray("transactions");
    try (Ed25519KeyPair key = Ed25519KeyPair.fromSeed(GoldenVectorsTest.seed(30))) {
      Address from = Address.ofPublicKey(key.publicKey().bytes());
      Address poster = Address.ofPublicKey(Hashing.tagged("poster").toArray());
      Address provider = Address.ofPublicKey(Hashing.tagged("provider").toArray());
      Address replica = Address.ofPublicKey(Hashing.tagged("replica").toArray());
      H256 job = Hashing.tagged("job");
      VcrSubmission sub = submission(job, from);
      FraudProof fp = proof(job);
      byte[] salt = Hashing.tagged("salt").toArray();
      H256 commitment = Hashing.tagged("commitment");
      ObjectNode common = JSON.createObjectNode();
      common.put("jobId", job.toHex()).put("poster", poster.toString());
      common.put("provider", provider.toString()).put("replica", replica.toString());
      common.put("submission", hex(sub.encode())).put("fraudProof", hex(fp.encode()));
      common.put("salt", hex(salt)).put("commitment", commitment.toHex());
      root.set("inputs", common);

      // Registrations: a development provider (its key) and a SEV-SNP one (measurements, TCB).
      JobsCalls.Register dev =
          new JobsCalls.Register(
              Bytes.of(key.publicKey().bytes()),
              Evidence.Kind.DEV,
              List.of(Bytes.of(new byte[48])),
              Optional.empty(),
              Optional.of(Bytes.of(Hashing.tagged("dev-tee").toArray())),
              List.of(Hashing.tagged("code")));
      JobsCalls.Register snp =
          new JobsCalls.Register(
              Bytes.of(key.publicKey().bytes()),
              Evidence.Kind.SEV_SNP,
              List.of(Bytes.of(sha384("m1")), Bytes.of(sha384("m2"))),
              Optional.of(Bytes.of(new byte[] {3, 0, 0, 0, 0, 0, 0, 20})),
              Optional.empty(),
              List.of(Hashing.tagged("code"), Hashing.tagged("code2")));
      for (var e : List.of(Map.entry("dev", dev), Map.entry("sev_snp", snp))) {
        JobsCalls.Register r = e.getValue();
        TxBody body =
            JobsCalls.body(
                CHAIN,
                from,
                7,
                List.of(JobsCalls.register(r)),
                id -> Optional.empty(),
                500_000,
                4_000);
        ObjectNode o = tx("jobs.register_provider." + e.getKey(), key, body);
        ObjectNode reg = o.putObject("registration");
        reg.put("key", hex(r.key().toArray())).put("kind", e.getKey());
        ArrayNode ms = reg.putArray("measurements");
        r.measurements().forEach(m -> ms.add(hex(m.toArray())));
        r.minTcb().ifPresent(t -> reg.put("minTcb", hex(t.toArray())));
        r.devKey().ifPresent(k -> reg.put("devKey", hex(k.toArray())));
        ArrayNode cs = reg.putArray("codeHashes");
        r.codeHashes().forEach(c -> cs.add(c.toHex()));
        out.add(o);
      }

      // Calls on an existing job, declaring what JobsCalls.body declares from its parties.
      JobsCalls.Parties single = new JobsCalls.Parties(poster, Optional.of(provider));
      JobsCalls.Parties replicated =
          new JobsCalls.Parties(poster, Optional.empty(), List.of(provider, replica));
      List<Object[]> calls =
          List.of(
              new Object[] {"submit_vcr", JobsCalls.submit(job, sub), single},
              new Object[] {"challenge_vcr", JobsCalls.challenge(fp), single},
              new Object[] {"challenge_vcr_unknown_job", JobsCalls.challenge(fp), null},
              new Object[] {"commit_output", JobsCalls.commit(job, commitment), replicated},
              new Object[] {"reveal_vcr", JobsCalls.reveal(job, Bytes.of(salt), sub), replicated},
              new Object[] {
                "challenge_replica", JobsCalls.challengeReplica(replica, fp), replicated
              },
              new Object[] {"settle_stable", JobsCalls.settleStable(job), single},
              new Object[] {"settle_stable_unknown_job", JobsCalls.settleStable(job), null},
              new Object[] {"observe_price", JobsCalls.observePrice(), null});
      for (Object[] c : calls) {
        JobsCalls.Parties p = (JobsCalls.Parties) c[2];
        TxBody body =
            JobsCalls.body(
                CHAIN,
                from,
                8,
                List.of((Call) c[1]),
                id -> id.equals(job) ? Optional.ofNullable(p) : Optional.empty(),
                600_000,
                5_000);
        ObjectNode o = tx("jobs." + c[0], key, body);
        o.put("parties", p == null ? "none" : p.replicas().isEmpty() ? "single" : "replicated");
        out.add(o);
      }

      // Contracts: a deploy, and calls with and without a deposit and declared keys.
      byte[] code = hexBytes("0061736d01000000010401600000030201000a040102000b");
      TxBody deploy = ContractTxs.deployBody(CHAIN, from, 9, code, Amount.of(2_000_000), 6_000);
      ObjectNode d = tx("contract.deploy", key, deploy);
      d.put("code", hex(code)).put("contractId", WasmContracts.contractId(code).toHex());
      out.add(d);
      H256 contract = WasmContracts.contractId(code);
      Call call = new Call(contract, "increment", Bytes.of(new byte[] {1, 0, 0, 0}));
      H256 slot = Hashing.tagged("slot");
      for (boolean deposit : List.of(false, true)) {
        TxBody body =
            ContractTxs.callBody(
                CHAIN,
                from,
                10,
                call,
                deposit
                    ? Optional.of(Value.of(AssetId.AIC, 250).add(Value.of(AssetId.SWR, 3)))
                    : Optional.empty(),
                new TreeSet<>(List.of(Hashing.tagged("read"))),
                new TreeSet<>(List.of(slot)),
                Amount.of(700_000),
                6_500);
        ObjectNode o = tx(deposit ? "contract.call_deposit" : "contract.call", key, body);
        o.put("contract", contract.toHex()).put("method", call.method());
        o.put("args", hex(call.args().toArray()));
        o.put("read", Hashing.tagged("read").toHex()).put("write", slot.toHex());
        out.add(o);
      }

      ammVectors(key, from, out, root);
      govVectors(key, from, out);
      jobSpecVectors(key, from, out);
      utxoVectors(key, from, out);
    }
    return root;
  }

  /** A program-minted token (any 32-byte id). */
  static final AssetId GOLD = new AssetId(Hashing.tagged("gold-token"));

  /**
   * AMM calls as {@code aetherctl amm} builds them ({@link AmmCalls}): create, add, remove, both
   * swaps (a two-hop route and a direct one) and a transaction of two calls, whose declared keys
   * are the union of theirs.
   */
  static void ammVectors(Ed25519KeyPair key, Address from, ArrayNode out, ObjectNode root) {
    BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(12_345));
    AmmCalls.Add add =
        new AmmCalls.Add(
            AssetId.USDT,
            AssetId.AIC,
            big,
            BigInteger.valueOf(2_000_000),
            big.shiftRight(1),
            BigInteger.ZERO,
            900);
    AmmCalls.Remove remove =
        new AmmCalls.Remove(
            AssetId.AIC,
            AssetId.USDT,
            BigInteger.valueOf(777),
            BigInteger.ONE,
            BigInteger.TWO,
            901);
    List<AssetId> route = List.of(AssetId.SWR, AssetId.AIC, AssetId.USDT);
    List<AssetId> direct = List.of(AssetId.USDT, GOLD);
    List<Object[]> cases =
        List.of(
            new Object[] {"create", List.of(AmmCalls.create(AssetId.AIC, GOLD))},
            new Object[] {"add", List.of(AmmCalls.add(add))},
            new Object[] {"remove", List.of(AmmCalls.remove(remove))},
            new Object[] {
              "swap_exact_in",
              List.of(
                  AmmCalls.swapExactIn(
                      route, BigInteger.valueOf(1_000_000), BigInteger.valueOf(990), 902))
            },
            new Object[] {
              "swap_exact_out",
              List.of(AmmCalls.swapExactOut(direct, BigInteger.valueOf(50), big, 903))
            },
            new Object[] {
              "create_and_add",
              List.of(AmmCalls.create(AssetId.USDT, AssetId.AIC), AmmCalls.add(add))
            });
    long nonce = 11;
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      List<Call> calls = (List<Call>) c[1];
      TxBody body = AmmCalls.body(CHAIN, from, nonce++, calls, 300_000, 7_000);
      ObjectNode o = tx("amm." + c[0], key, body);
      ArrayNode cs = o.putArray("calls");
      for (Call call : calls) {
        ObjectNode n = cs.addObject().put("method", call.method());
        switch (call.method()) {
          case AmmCalls.CREATE -> {
            byte[] args = call.args().toArray();
            n.put("a", hex(java.util.Arrays.copyOfRange(args, 0, 32)));
            n.put("b", hex(java.util.Arrays.copyOfRange(args, 32, 64)));
          }
          case AmmCalls.ADD -> {
            n.put("a", add.a().id().toHex()).put("b", add.b().id().toHex());
            n.put("desiredA", add.desiredA().toString()).put("desiredB", add.desiredB().toString());
            n.put("minA", add.minA().toString()).put("minB", add.minB().toString());
            n.put("deadline", add.deadline());
          }
          case AmmCalls.REMOVE -> {
            n.put("a", remove.a().id().toHex()).put("b", remove.b().id().toHex());
            n.put("shares", remove.shares().toString());
            n.put("minA", remove.minA().toString()).put("minB", remove.minB().toString());
            n.put("deadline", remove.deadline());
          }
          default -> {
            boolean in = call.method().equals(AmmCalls.SWAP_EXACT_IN);
            ArrayNode path = n.putArray("path");
            (in ? route : direct).forEach(a -> path.add(a.id().toHex()));
            n.put("amount", in ? "1000000" : "50").put("limit", in ? "990" : big.toString());
            n.put("deadline", in ? 902 : 903);
          }
        }
        n.put("args", hex(call.args().toArray()));
      }
      out.add(o);
    }
    ObjectNode keys = root.putObject("ammKeys");
    keys.put("pool", AmmKeys.pool(AssetId.USDT, AssetId.AIC).toHex());
    keys.put("poolReversed", AmmKeys.pool(AssetId.AIC, AssetId.USDT).toHex());
    keys.put("lpAsset", AmmKeys.lpAsset(AssetId.USDT, AssetId.AIC).id().toHex());
    keys.put("registry", AmmKeys.registry().toHex()).put("params", AmmKeys.params().toHex());
  }

  /**
   * Governance calls as {@code aetherctl gov} builds them ({@link GovCalls}): a proposal of each
   * kind, a deposit, and a vote of each option.
   */
  static void govVectors(Ed25519KeyPair key, Address from, ArrayNode out) {
    Address payee = Address.ofPublicKey(Hashing.tagged("payee").toArray());
    List<Object[]> kinds =
        List.of(
            new Object[] {
              "param_change",
              new ProposalKind.ParamChange(
                  List.of(
                      new ProposalKind.Change("fees.a", "25"),
                      new ProposalKind.Change("chain.block_bytes_max", "2097152")))
            },
            new Object[] {
              "software_upgrade", new ProposalKind.SoftwareUpgrade(2, 1_000_000, "aether-0.2.0")
            },
            new Object[] {
              "treasury_spend",
              new ProposalKind.TreasurySpend(
                  List.of(
                      new ProposalKind.Payment(payee, AssetId.SWR, Amount.of(5_000)),
                      new ProposalKind.Payment(
                          from, AssetId.USDT, new Amount(BigInteger.TEN.pow(30)))))
            });
    long nextId = 5;
    for (Object[] k : kinds) {
      ProposalKind kind = (ProposalKind) k[1];
      String title = "Proposal: " + k[0] + " \u00e9";
      String description = "why " + k[0] + "\nsecond line";
      Amount deposit = Amount.of(1_000_000);
      Call call = GovCalls.submit(kind, title, description, deposit);
      TxBody body = GovCalls.body(CHAIN, from, 20, call, nextId, 400_000, 8_000);
      ObjectNode o = tx("gov.submit." + k[0], key, body);
      o.put("title", title).put("description", description).put("deposit", deposit.toString());
      o.put("nextId", nextId).put("args", hex(call.args().toArray()));
      ObjectNode p = o.putObject("proposal").put("kind", kind.name());
      switch (kind) {
        case ProposalKind.ParamChange pc -> {
          ArrayNode cs = p.putArray("changes");
          pc.changes().forEach(c -> cs.addObject().put("param", c.param()).put("value", c.value()));
        }
        case ProposalKind.SoftwareUpgrade u ->
            p.put("version", u.version()).put("height", u.height()).put("release", u.release());
        case ProposalKind.TreasurySpend t -> {
          ArrayNode ps = p.putArray("payments");
          t.payments()
              .forEach(
                  x ->
                      ps.addObject()
                          .put("to", x.to().toString())
                          .put("asset", x.asset().id().toHex())
                          .put("amount", x.amount().toString()));
        }
      }
      out.add(o);
    }
    Call deposit = GovCalls.deposit(7, new Amount(BigInteger.TWO.pow(127)));
    ObjectNode d =
        tx("gov.deposit", key, GovCalls.body(CHAIN, from, 21, deposit, nextId, 100_000, 8_100));
    d.put("proposal", 7).put("amount", BigInteger.TWO.pow(127).toString());
    d.put("args", hex(deposit.args().toArray()));
    out.add(d);
    for (VoteOption v : VoteOption.values()) {
      Call vote = GovCalls.vote(9, v);
      ObjectNode o =
          tx(
              "gov.vote." + v.label(),
              key,
              GovCalls.body(CHAIN, from, 22 + v.ordinal(), vote, nextId, 100_000, 8_200));
      o.put("proposal", 9).put("option", v.label()).put("args", hex(vote.args().toArray()));
      out.add(o);
    }
  }

  /**
   * {@code postJobSpec} as {@code aetherctl job post} builds it: a replica quorum carrying its
   * input, and a single-provider job without one.
   */
  static void jobSpecVectors(Ed25519KeyPair key, Address from, ArrayNode out) {
    byte[] input = "{\"x\":[1,2,3]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JobsCalls.PostJob terms =
        new JobsCalls.PostJob(
            Hashing.tagged("model"),
            Hashing.tagged("code"),
            1_000,
            BigInteger.valueOf(3_000_000),
            60_000,
            9_000,
            Optional.of(Hashing.tagged("input")),
            Optional.of(77L));
    JobsCalls.PostJob open =
        new JobsCalls.PostJob(
            Hashing.tagged("model"),
            Hashing.tagged("code"),
            10,
            BigInteger.valueOf(5),
            1_000,
            9_100,
            Optional.empty(),
            Optional.empty());
    List<Object[]> cases =
        List.of(
            new Object[] {
              "quorum", new JobsCalls.PostJobSpec(terms, 3, Optional.of(Bytes.of(input)))
            },
            new Object[] {"single", new JobsCalls.PostJobSpec(open, 1, Optional.empty())});
    long nonce = 30;
    for (Object[] c : cases) {
      JobsCalls.PostJobSpec spec = (JobsCalls.PostJobSpec) c[1];
      Call call = JobsCalls.postSpec(spec);
      TxBody body =
          JobsCalls.body(CHAIN, from, nonce, List.of(call), id -> Optional.empty(), 500_000, 9_000);
      ObjectNode o = tx("jobs.post_job_spec." + c[0], key, body);
      JobsCalls.PostJob t = spec.terms();
      ObjectNode n = o.putObject("terms");
      n.put("modelHash", t.modelHash().toHex()).put("codeHash", t.codeHash().toHex());
      n.put("jUnits", t.jUnits()).put("maxPrice", t.maxPrice().toString());
      n.put("slaMs", t.slaMs()).put("deadlineSlot", t.deadlineSlot());
      t.inputHash().ifPresent(h -> n.put("inputHash", h.toHex()));
      t.seed().ifPresent(s -> n.put("seed", s));
      o.put("replicas", spec.replicas());
      spec.input().ifPresent(i -> o.put("input", hex(i.toArray())));
      o.put("jobId", dev.aether.programs.jobs.JobsKeys.jobId(from, nonce).toHex());
      o.put("args", hex(call.args().toArray()));
      out.add(o);
      nonce++;
    }
  }

  /**
   * UTxO transactions as the ledger takes them ({@code TxRules}, {@code AccessSet.of}): inputs in
   * ascending order, outputs at their index, nothing declared — the payer's account, the consumed
   * inputs and the created outputs are written implicitly. A spend of two inputs into two outputs
   * (one with a datum, one of two assets, valid from a later slot), and a funding transaction
   * paying from the payer's account into a new output.
   */
  static void utxoVectors(Ed25519KeyPair key, Address from, ArrayNode out) {
    Address carol = Address.ofPublicKey(Hashing.tagged("carol").toArray());
    List<UtxoRef> given =
        List.of(
            new UtxoRef(Hashing.tagged("utxo-b"), 3), new UtxoRef(Hashing.tagged("utxo-a"), 255));
    List<TxOutput> spendOuts =
        List.of(
            new TxOutput(
                carol,
                Value.of(AssetId.SWR, 1_500).add(Value.of(AssetId.AIC, 7)),
                Optional.of(Bytes.of("datum".getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
            new TxOutput(from, Value.of(AssetId.SWR, 499)));
    List<TxOutput> fundOuts =
        List.of(new TxOutput(carol, Value.of(AssetId.USDT, new Amount(BigInteger.TWO.pow(127)))));
    List<Object[]> cases =
        List.of(
            new Object[] {"spend", given, spendOuts, 100L},
            new Object[] {"fund", List.<UtxoRef>of(), fundOuts, 0L});
    long nonce = 40;
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      List<UtxoRef> ins = (List<UtxoRef>) c[1];
      @SuppressWarnings("unchecked")
      List<TxOutput> outs = (List<TxOutput>) c[2];
      TxBody body =
          new TxBody(
              CHAIN,
              from,
              nonce++,
              List.copyOf(new TreeSet<>(ins)),
              List.of(),
              List.of(),
              outs,
              List.of(),
              Value.EMPTY,
              Value.EMPTY,
              Amount.of(250_000),
              (Long) c[3],
              9_500);
      ObjectNode o = tx("utxo." + c[0], key, body);
      o.put("validFrom", body.validFrom());
      ArrayNode is = o.putArray("inputs");
      ins.forEach(
          r ->
              is.addObject()
                  .put("txId", r.txId().toHex())
                  .put("index", r.index())
                  .put("key", r.stateKey().toHex()));
      ArrayNode os = o.putArray("outputs");
      for (int i = 0; i < outs.size(); i++) {
        TxOutput t = outs.get(i);
        ObjectNode n = os.addObject().put("owner", t.owner().toString());
        ArrayNode v = n.putArray("value");
        t.value()
            .amounts()
            .forEach(
                (a, amt) ->
                    v.addObject().put("asset", a.id().toHex()).put("amount", amt.toString()));
        t.datum().ifPresent(d -> n.put("datum", hex(d.toArray())));
        n.put("key", new UtxoRef(body.id(), i).stateKey().toHex());
      }
      out.add(o);
    }
  }

  static byte[] sha384(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-384")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hexBytes(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }
}
