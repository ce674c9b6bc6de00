package dev.aether.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.WeightSlice;
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
import dev.aether.programs.jobs.QuorumJob;
import dev.aether.rpc.ContractArgs;
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
      computeVectors(key, from, out, root);
      utxoWithCallsVectors(key, from, out);
      contractArgsVectors(key, from, out, root);
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

  // ---------------------------------------------------------------- compute payloads (ADR 0057)

  static ObjectNode tensorJson(Tensor t) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode shape = n.putArray("shape");
    for (int d : t.shape()) {
      shape.add(d);
    }
    ArrayNode bits = n.putArray("bits");
    ArrayNode values = n.putArray("values");
    for (float f : t.toArray()) {
      bits.add(Integer.toUnsignedLong(Float.floatToRawIntBits(f)));
      if (Float.isFinite(f)) {
        values.add((double) f);
      } else {
        values.addNull();
      }
    }
    n.put("encoding", hex(t.canonicalBytes()));
    return n;
  }

  static ObjectNode headerJson(ModelHeader h) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode meta = n.putArray("metadata");
    h.metadata().forEach((k, v) -> meta.addObject().put("key", k).put("value", v));
    ArrayNode shapes = n.putArray("shapes");
    for (String name : h.tensorNames()) {
      ArrayNode dims = shapes.addObject().put("name", name).putArray("shape");
      for (int d : h.shape(name)) {
        dims.add(d);
      }
    }
    n.put("encoding", hex(h.encode())).put("hash", h.hash().toHex());
    return n;
  }

  static ObjectNode openingJson(Opening o) {
    return JSON.createObjectNode()
        .put("index", o.index())
        .put("value", hex(o.value().toArray()))
        .put("proof", hex(o.proof().toArray()));
  }

  static ObjectNode evidenceJson(StepEvidence e) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode ins = n.putArray("inputs");
    e.inputs().forEach(t -> ins.add(tensorJson(t)));
    ArrayNode ws = n.putArray("weights");
    for (WeightSlice w : e.weights()) {
      ObjectNode x = ws.addObject().put("name", w.name());
      x.set("tensor", tensorJson(w.tensor()));
      ArrayNode path = x.putArray("path");
      w.path().forEach(h -> path.add(h.toHex()));
    }
    n.put("encoding", hex(StepEvidence.CODEC.encode(e)));
    return n;
  }

  static ObjectNode vcrJson(Vcr v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("jobId", v.jobId().toHex()).put("provider", v.provider().toString());
    n.put("inputHash", v.inputHash().toHex()).put("modelHash", v.modelHash().toHex());
    n.put("codeHash", v.codeHash().toHex()).put("seed", Long.toUnsignedString(v.seed()));
    n.put("outputHash", v.outputHash().toHex()).put("teeQuote", hex(v.teeQuote().toArray()));
    v.kzgCommit().ifPresent(c -> n.put("kzgCommit", hex(c.toArray())));
    v.openings()
        .ifPresent(
            os -> {
              ArrayNode a = n.putArray("openings");
              os.forEach(o -> a.add(openingJson(o)));
            });
    n.put("sig", hex(v.sig().toArray()));
    n.put("signingBytes", hex(v.signingBytes())).put("encoding", hex(Vcr.CODEC.encode(v)));
    return n;
  }

  /** Float bits a JSON number cannot carry (a NaN payload, infinities) and edge values. */
  static float bits(int b) {
    return Float.intBitsToFloat(b);
  }

  /**
   * A receipt and a fraud proof built field by field, every optional part present: the SDKs must
   * construct both from these fields and encode them to the same bytes (sign the receipt to the
   * same signature), compute the model hash and a replica's commitment, and build the job calls
   * that carry them. Header names include non-ASCII ones whose UTF-8 order differs from UTF-16's.
   */
  static void computeVectors(Ed25519KeyPair key, Address from, ArrayNode out, ObjectNode root) {
    ObjectNode c = root.putObject("compute");
    Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("layers", "3");
    meta.put("arch", "mlp");
    meta.put("Zeta", "upper case sorts first");
    meta.put("\u00e9t\u00e9", "two-byte UTF-8");
    meta.put("\ud835\udd38", "a four-byte UTF-8 key (a surrogate pair in UTF-16)");
    meta.put("\ufffd", "three bytes, after the pair in UTF-16 but before it in UTF-8");
    Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
    shapes.put("w1", new int[] {2, 3});
    shapes.put("b1", new int[] {3});
    shapes.put("embed.\u00e9", new int[] {4, 1, 2});
    ModelHeader header = ModelHeader.of(meta, shapes);
    H256 weightsRoot = Hashing.tagged("weights-root");
    H256 model = ModelCommitment.modelHash(header, weightsRoot);
    H256 job = Hashing.tagged("typed-job");
    Tensor in0 =
        Tensor.of(new float[] {0.5f, -1.25f, 3f, bits(0x80000000), bits(1), Float.MAX_VALUE}, 2, 3);
    Tensor in1 = Tensor.of(new float[] {bits(0x7fc00001), Float.NEGATIVE_INFINITY, 0.001f}, 3);
    Tensor weight = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
    StepEvidence evidence =
        new StepEvidence(
            List.of(in0, in1),
            List.of(
                new WeightSlice(
                    "w1", weight, List.of(Hashing.tagged("sib0"), Hashing.tagged("sib1")))));
    try (Ed25519KeyPair providerKey = Ed25519KeyPair.fromSeed(GoldenVectorsTest.seed(31))) {
      Address provider = Address.ofPublicKey(providerKey.publicKey().bytes());
      List<Opening> openings =
          List.of(
              new Opening(0, Bytes.of(Hashing.tagged("v0").toArray()), Bytes.of(new byte[48])),
              new Opening(4095, Bytes.of(Hashing.tagged("v1").toArray()), filled(48, 7)));
      Vcr unsigned =
          new Vcr(
              job,
              provider,
              Hashing.tagged("input"),
              model,
              Hashing.tagged("code"),
              -2L, // u64 2^64 - 2
              Hashing.tagged("output"),
              Bytes.of("a dev quote".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              Optional.of(filled(48, 0xc0)),
              Optional.of(openings),
              Bytes.of(new byte[64]));
      Vcr vcr = unsigned.withSig(Bytes.of(providerKey.sign(unsigned.signingBytes()).bytes()));
      Vcr plain =
          new Vcr(
              job,
              provider,
              Hashing.tagged("input"),
              model,
              Hashing.tagged("code"),
              7,
              Hashing.tagged("output"),
              Bytes.EMPTY,
              Optional.empty(),
              Optional.empty(),
              Bytes.of(new byte[64]));
      Vcr plainSigned = plain.withSig(Bytes.of(providerKey.sign(plain.signingBytes()).bytes()));
      VcrSubmission sub =
          new VcrSubmission(
              vcr,
              header,
              weightsRoot,
              List.of(Hashing.tagged("l0"), Hashing.tagged("l1"), Hashing.tagged("l2")),
              filled(48, 0xab),
              evidence,
              List.of(filled(5, 1), Bytes.EMPTY));
      FraudProof proof =
          new FraudProof(
              job,
              header,
              weightsRoot,
              2,
              new Opening(2, Bytes.of(Hashing.tagged("leaf2").toArray()), filled(48, 2)),
              List.of(
                  new Opening(0, Bytes.of(Hashing.tagged("leaf0").toArray()), filled(48, 0)),
                  new Opening(1, Bytes.of(Hashing.tagged("leaf1").toArray()), filled(48, 1))),
              evidence);
      byte[] salt = Hashing.tagged("typed-salt").toArray();
      H256 commitment =
          QuorumJob.commitment(
              job, provider, vcr.outputHash(), vcr.kzgCommit().orElseThrow(), Bytes.of(salt));

      c.put("providerSeed", hex(providerKey.seed()));
      c.set("header", headerJson(header));
      c.put("weightsRoot", weightsRoot.toHex()).put("modelHash", model.toHex());
      ObjectNode leaf = c.putObject("tensorLeaf");
      leaf.put("name", "w1").put("leaf", ModelCommitment.tensorLeaf("w1", weight).toHex());
      c.set("evidence", evidenceJson(evidence));
      c.set("vcr", vcrJson(vcr));
      c.set("vcrPlain", vcrJson(plainSigned));
      ObjectNode s = c.putObject("submission");
      ArrayNode leaves = s.putArray("leaves");
      sub.leaves().forEach(l -> leaves.add(l.toHex()));
      s.put("dataProof", hex(sub.dataProof().toArray()));
      ArrayNode files = s.putArray("collateral");
      sub.collateral().forEach(f -> files.add(hex(f.toArray())));
      s.put("encoding", hex(sub.encode()));
      ObjectNode f = c.putObject("fraudProof");
      f.put("jobId", job.toHex()).put("step", proof.step());
      f.set("stepOpening", openingJson(proof.stepOpening()));
      ArrayNode ios = f.putArray("inputOpenings");
      proof.inputOpenings().forEach(o -> ios.add(openingJson(o)));
      f.put("encoding", hex(proof.encode()));
      c.put("salt", hex(salt)).put("commitment", commitment.toHex());

      Address poster = Address.ofPublicKey(Hashing.tagged("poster").toArray());
      Address replica = Address.ofPublicKey(Hashing.tagged("replica").toArray());
      c.put("poster", poster.toString()).put("replica", replica.toString());
      JobsCalls.Parties single = new JobsCalls.Parties(poster, Optional.of(provider));
      JobsCalls.Parties replicated =
          new JobsCalls.Parties(poster, Optional.empty(), List.of(provider, replica));
      List<Object[]> calls =
          List.of(
              new Object[] {"submit_vcr", JobsCalls.submit(job, sub), single},
              new Object[] {"commit_output", JobsCalls.commit(job, commitment), replicated},
              new Object[] {"reveal_vcr", JobsCalls.reveal(job, Bytes.of(salt), sub), replicated},
              new Object[] {"challenge_vcr", JobsCalls.challenge(proof), single},
              new Object[] {
                "challenge_replica", JobsCalls.challengeReplica(replica, proof), replicated
              });
      long nonce = 50;
      for (Object[] x : calls) {
        JobsCalls.Parties p = (JobsCalls.Parties) x[2];
        TxBody body =
            JobsCalls.body(
                CHAIN,
                from,
                nonce++,
                List.of((Call) x[1]),
                id -> id.equals(job) ? Optional.of(p) : Optional.empty(),
                900_000,
                9_900);
        ObjectNode o = tx("jobs.typed." + x[0], key, body);
        o.put("parties", p.replicas().isEmpty() ? "single" : "replicated");
        o.put("args", hex(((Call) x[1]).args().toArray()));
        out.add(o);
      }
    }
  }

  static Bytes filled(int n, int b) {
    byte[] a = new byte[n];
    java.util.Arrays.fill(a, (byte) b);
    return Bytes.of(a);
  }

  // ----------------------------------------------------- UTxO spends with calls and burn (ADR
  // 0058)

  /**
   * UTxO inputs and outputs alongside what else a transaction body carries (TxRules): a spend that
   * also makes a bank transfer and burns, a burn of a UTxO's value with its change, and an AMM swap
   * whose transaction also creates an output. The calls' declared keys are their builders'; the
   * payer's account, the inputs and the outputs are written implicitly. Nothing here mints: no node
   * authorises minting (MintPolicy.NONE).
   */
  static void utxoWithCallsVectors(Ed25519KeyPair key, Address from, ArrayNode out) {
    Address dave = Address.ofPublicKey(Hashing.tagged("dave").toArray());
    UtxoRef a = new UtxoRef(Hashing.tagged("utxo-c"), 0);
    UtxoRef b = new UtxoRef(Hashing.tagged("utxo-d"), 17);
    long nonce = 60;
    TxBody transfer =
        BankProgram.transferBody(
            CHAIN, from, nonce, dave, Value.of(AssetId.AIC, 77), 400_000, 9_800);
    TxBody amm =
        AmmCalls.body(
            CHAIN,
            from,
            nonce + 2,
            List.of(
                AmmCalls.swapExactIn(
                    List.of(AssetId.SWR, AssetId.AIC),
                    BigInteger.valueOf(5_000),
                    BigInteger.ONE,
                    9_999)),
            300_000,
            9_800);
    List<Object[]> cases =
        List.of(
            new Object[] {
              "utxo.spend_transfer_burn",
              transfer,
              List.of(b, a),
              List.of(
                  new TxOutput(dave, Value.of(AssetId.SWR, 900)),
                  new TxOutput(from, Value.of(AssetId.SWR, 50).add(Value.of(AssetId.USDT, 3)))),
              Value.of(AssetId.SWR, 50).add(Value.of(GOLD, new Amount(BigInteger.TWO.pow(100))))
            },
            new Object[] {
              "utxo.burn_with_change",
              null,
              List.of(a),
              List.of(new TxOutput(from, Value.of(AssetId.AIC, 10))),
              Value.of(AssetId.AIC, 90)
            },
            new Object[] {
              "utxo.amm_swap_and_output",
              amm,
              List.<UtxoRef>of(),
              List.of(
                  new TxOutput(
                      dave, Value.of(AssetId.AIC, 1), Optional.of(Bytes.of(new byte[] {1, 2, 3})))),
              Value.EMPTY
            });
    for (Object[] x : cases) {
      TxBody base = (TxBody) x[1];
      @SuppressWarnings("unchecked")
      List<UtxoRef> ins = (List<UtxoRef>) x[2];
      @SuppressWarnings("unchecked")
      List<TxOutput> outs = (List<TxOutput>) x[3];
      Value burn = (Value) x[4];
      TxBody body =
          new TxBody(
              CHAIN,
              from,
              base == null ? nonce + 1 : base.nonce(),
              List.copyOf(new TreeSet<>(ins)),
              base == null ? List.of() : base.reads(),
              base == null ? List.of() : base.writes(),
              outs,
              base == null ? List.of() : base.calls(),
              Value.EMPTY,
              burn,
              base == null ? Amount.of(200_000) : base.feeCap(),
              0,
              base == null ? 9_800 : base.validUntil());
      ObjectNode o = tx((String) x[0], key, body);
      ArrayNode is = o.putArray("inputs");
      body.inputs()
          .forEach(r -> is.addObject().put("txId", r.txId().toHex()).put("index", r.index()));
      ArrayNode os = o.putArray("outputs");
      for (TxOutput t : outs) {
        ObjectNode n = os.addObject().put("owner", t.owner().toString());
        ArrayNode v = n.putArray("value");
        t.value()
            .amounts()
            .forEach(
                (as, amt) ->
                    v.addObject().put("asset", as.id().toHex()).put("amount", amt.toString()));
        t.datum().ifPresent(d -> n.put("datum", hex(d.toArray())));
      }
      ArrayNode bn = o.putArray("burn");
      burn.amounts()
          .forEach(
              (as, amt) ->
                  bn.addObject().put("asset", as.id().toHex()).put("amount", amt.toString()));
      if (base != null) {
        o.put("base", hex(TxBody.CODEC.encode(base)));
      }
      o.put("dave", dave.toString());
      out.add(o);
    }
  }

  // ------------------------------------------------------- contract arguments from JSON (ADR 0057)

  /**
   * Contract arguments as {@code aetherctl contract --args} encodes them ({@link ContractArgs}):
   * plain values by their default types, named types, declared parameter types, and what is
   * refused; return data decoded by types; and a contract call built from JSON arguments.
   */
  static void contractArgsVectors(
      Ed25519KeyPair key, Address from, ArrayNode out, ObjectNode root) {
    String addr = Hashing.tagged("someone").toHex();
    String[][] encodes = {
      {"[]", null},
      {"[\"" + addr + "\", 250, \"hi\", true, false, \"0xAB\", -0]", null},
      {"[18446744073709551615, \"\u00e9\ud835\udd38\", \"\"]", null},
      {
        "[{\"u8\":255},{\"u32\":\"4_294_967_295\"},{\"u64\":\"+18446744073709551615\"},"
            + "{\"amount\":340282366920938463463374607431768211455},{\"u128\":\"0\"},"
            + "{\"bool\":true},{\"address\":\""
            + addr.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x")
            + "\"},{\"bytes32\":\""
            + addr
            + "\"},{\"bytes\":\"0x\"},{\"bytes\":\"0xdeadbeef\"},"
            + "{\"string\":\"0x is text here\"},{\"raw\":\"0x0102\"}]",
        null
      },
      {"[\"Aether Gold\", \"AGD\", 1000000]", "string,string,amount"},
      {"[\"" + addr + "\", {\"amount\": \"250\"}]", "string,amount"},
      {"[7, \"" + addr + "\", \"" + addr + "\", true]", "u8,address,bytes32,bool"},
      {"[\"0x0102\", \"0x\", 4294967295]", "bytes,raw,u32"},
    };
    String[][] refuses = {
      {"{}", null},
      {"[1.5]", null},
      {"[1e2]", null},
      {"[-1]", null},
      {"[18446744073709551616]", null},
      {"[{\"u8\":256}]", null},
      {"[{\"u32\":-1}]", null},
      {"[{\"u128\":\"340282366920938463463374607431768211456\"}]", null},
      {"[{\"u64\":\"12a\"}]", null},
      {"[{\"u64\":\"\u0663\"}]", null},
      {"[{\"u64\":\"_\"}]", null},
      {"[{\"u64\":\" 1\"}]", null},
      {"[{\"u64\":1.0}]", null},
      {"[{\"u64\":true}]", null},
      {"[{\"nope\":1}]", null},
      {"[{\"address\":\"0x12\"}]", null},
      {"[{\"bytes32\":\"" + addr + "00\"}]", null},
      {"[{\"bytes\":\"0x123\"}]", null},
      {"[{\"bytes\":\"12\"}]", null},
      {"[{\"bytes\":\"0xzz\"}]", null},
      {"[{\"raw\":5}]", null},
      {"[{\"bool\":1}]", null},
      {"[{\"string\":5}]", null},
      {"[\"\\ud800\"]", null},
      {"[{}]", null},
      {"[{\"u8\":1,\"u32\":2}]", null},
      {"[[1]]", null},
      {"[null]", null},
      {"not json", null},
      {"[1] 2", null},
      {"[1,]", null},
      {"[{\"u8\":1,\"u8\":2}]", null},
      {"[NaN]", null},
      {"[01]", null},
      {"", null},
      {"[1, 2]", "u64"},
      {"[1]", "u16"},
      {"[{\"u8\": 1}]", "u32"},
      {"[\"x\"]", "u64"},
      {"[300]", "u8"},
      {"[1]", "bool"},
      {"[true]", "string"},
    };
    ObjectNode ca = root.putObject("contractArgs");
    ArrayNode enc = ca.putArray("encode");
    for (String[] e : encodes) {
      byte[] bytes =
          e[1] == null
              ? ContractArgs.encode(e[0], "args")
              : ContractArgs.encode(
                  ContractArgs.parse(e[0], "args"), List.of(e[1].split(",")), "args");
      ObjectNode n = enc.addObject().put("json", e[0]);
      if (e[1] != null) {
        ArrayNode ts = n.putArray("types");
        for (String t : e[1].split(",")) {
          ts.add(t);
        }
      }
      n.put("bytes", hex(bytes));
    }
    ArrayNode ref = ca.putArray("refuse");
    for (String[] e : refuses) {
      ObjectNode n = ref.addObject().put("json", e[0]);
      if (e[1] != null) {
        ArrayNode ts = n.putArray("types");
        for (String t : e[1].split(",")) {
          ts.add(t);
        }
      }
      try {
        if (e[1] == null) {
          ContractArgs.encode(e[0], "args");
        } else {
          ContractArgs.encode(ContractArgs.parse(e[0], "args"), List.of(e[1].split(",")), "args");
        }
        throw new AssertionError("Java accepted " + e[0]);
      } catch (ContractArgs.Refused r) {
        n.put("error", r.getMessage());
      }
    }
    ArrayNode dec = ca.putArray("decode");
    String returned =
        "[{\"amount\":\"1000\"},\"Aether Gold\",\""
            + addr
            + "\",{\"u32\":9},true,{\"u8\":2},{\"u64\":\"18446744073709551615\"},"
            + "{\"bytes\":\"0xbeef\"}]";
    String types = "amount,string,address,u32,bool,u8,u64,bytes";
    byte[] data = ContractArgs.encode(returned, "args");
    dec.addObject()
        .put("data", hex(data))
        .put("types", types)
        .set("values", ContractArgs.decode(data, types));
    for (String[] bad :
        new String[][] {
          {"0x01", "u64"},
          {"0x0100", "u8"},
          {"0x02", "bool"},
          {"0x01000000ff", "string"},
          {"0x", "raw"},
          {"0x", "u8,"}
        }) {
      try {
        ContractArgs.decode(Hex.decode(bad[0]), bad[1]);
        throw new AssertionError("Java decoded " + bad[0]);
      } catch (ContractArgs.Refused r) {
        dec.addObject().put("data", bad[0]).put("types", bad[1]).put("error", r.getMessage());
      }
    }
    // A call whose arguments come from JSON, as `aetherctl contract call --args` sends it.
    String json = "[\"Aether Gold\", \"AGD\", {\"amount\": 1000000}]";
    byte[] code = hexBytes("0061736d01000000010401600000030201000a040102000b");
    H256 contract = WasmContracts.contractId(code);
    Call call = new Call(contract, "init", Bytes.of(ContractArgs.encode(json, "args")));
    TxBody body =
        ContractTxs.callBody(
            CHAIN,
            from,
            70,
            call,
            Optional.empty(),
            new TreeSet<>(),
            new TreeSet<>(List.of(Hashing.tagged("name-slot"))),
            Amount.of(800_000),
            9_700);
    ObjectNode o = tx("contract.call_json_args", key, body);
    o.put("contract", contract.toHex()).put("method", "init").put("json", json);
    o.put("write", Hashing.tagged("name-slot").toHex()).put("args", hex(call.args().toArray()));
    out.add(o);
  }
}
