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
import dev.aether.types.Value;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Evidence;
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
 * and contract deploy and call — built by the Java code the CLI and the provider daemon use ({@link
 * JobsCalls}, {@link ContractTxs}), written to {@code sdk/vectors/builders.json}. Same rule as
 * {@link GoldenVectorsTest}: the test fails if the committed file is stale; {@code mvn -pl sdk test
 * -Daether.sdk.updateVectors=true} rewrites it.
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
              });
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
    }
    return root;
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
