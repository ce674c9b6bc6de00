package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.FraudFinder;
import dev.aether.mesh.Job;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.verifiers.tee.Evidence;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI jobs on the real 4-validator devnet (4 processes, QUIC, consensus, RocksDB): a provider
 * registers its development TEE; an honest job is posted, accepted, run, submitted and settled (the
 * provider paid, AIC burned); a job whose provider falsified one step is challenged by a re-run in
 * one transaction, the provider's bond slashed and the poster refunded.
 */
class JobsDevnetTest {
  static final Duration PATIENCE = Duration.ofSeconds(150);
  static final byte[] ARTIFACT = "devnet test runtime artifact".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static Devnet devnet;

  @BeforeAll
  static void startDevnet() throws IOException {
    Path root = Path.of(System.getProperty("aether.root", ".."));
    int portOffset = 5_000 + (int) (ProcessHandle.current().pid() % 500) * 8;
    devnet =
        new Devnet(
                root,
                Path.of(System.getProperty("jobs.devnet.dir", dir.resolve("devnet").toString())),
                root.resolve("config/genesis.toml"),
                4)
            .withPortOffset(portOffset)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")));
    devnet.prepare(true);
    devnet.start();
  }

  @AfterAll
  static void stopDevnet() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  private final Ed25519KeyPair poster = DevnetGenesis.faucetKey();
  private final Ed25519KeyPair providerKey =
      Ed25519KeyPair.fromSeed(Hashing.tagged("devnet/provider").toArray());
  private final byte[] teeSeed = Hashing.tagged("devnet/provider-tee").toArray();

  @Test
  void anHonestJobSettlesAndAFalsifiedOneIsChallengedOnTheDevnet() throws Exception {
    ModelRegistry models = ModelRegistry.bundled();
    ModelRegistry.Entry digits = models.resolve("digits-mlp");
    Address provider = Address.ofPublicKey(providerKey.publicKey().bytes());
    DevAttester tee = new DevAttester(teeSeed, RuntimeArtifact.devMeasurement(ARTIFACT));
    H256 code = H256.of(RuntimeArtifact.codeHash(ARTIFACT));
    try (RpcClient c = new RpcClient(devnet.rpc(1), Duration.ofSeconds(10));
        Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      await().atMost(PATIENCE).ignoreExceptions().until(() -> height(c) >= 2);
      // The provider needs SWR for fees and AIC for bonds: the faucet pays both.
      finalReceipt(c, transfer(c, provider, AssetId.SWR, 1_000_000_000));
      finalReceipt(c, transfer(c, provider, AssetId.AIC, 100_000));
      ok(
          finalReceipt(
              c,
              jobTx(
                  c,
                  providerKey,
                  JobsCalls.register(
                      new JobsCalls.Register(
                          Bytes.of(providerKey.publicKey().bytes()),
                          Evidence.Kind.DEV,
                          List.of(Bytes.of(tee.measurement())),
                          Optional.empty(),
                          Optional.of(Bytes.of(tee.publicKey())),
                          List.of(code))))));
      ProviderRuntime runtime =
          new ProviderRuntime(
              models,
              new Engine(par),
              kzg,
              Ed25519Key.fromSeed(providerKey.seed()),
              tee,
              code.toArray());
      BigInteger burnedBefore = supply(c, "burned");

      // An honest job: post, accept, run, submit, wait out the window, settle.
      H256 honest = post(c, code, H256.fromHex("0x" + digits.model().modelHashHex()));
      ok(
          finalReceipt(
              c,
              jobTx(
                  c, providerKey, JobsCalls.accept(honest, provider, BigInteger.valueOf(1_000)))));
      Job job = new Job(honest.toArray(), digits.model().modelHashHex(), digits.sampleInput(), 7);
      VcrSubmission sub = runtime.run(job).publish();
      ok(finalReceipt(c, jobTx(c, providerKey, JobsCalls.submit(honest, sub))));
      long windowEnd = Devnet.quantity(getJob(c, honest).path("receipt").path("windowEndSlot"));
      BigInteger providerAic = aic(c, provider);
      await().atMost(PATIENCE).until(() -> latestSlot(c) >= windowEnd);
      ok(finalReceipt(c, jobTx(c, poster, JobsCalls.settle(honest))));
      JsonNode settled = getJob(c, honest);
      assertThat(settled.path("status").asText()).isEqualTo("settled");
      BigInteger paid = new BigInteger(settled.path("outcome").path("paid").asText());
      assertThat(paid).isPositive();
      assertThat(aic(c, provider)).isEqualTo(providerAic.add(paid).add(BigInteger.valueOf(1_000)));
      assertThat(supply(c, "burned")).isGreaterThan(burnedBefore);

      // A job whose provider falsified step 4: accepted on chain, then caught by a re-run.
      H256 falsified = post(c, code, H256.fromHex("0x" + digits.model().modelHashHex()));
      ok(
          finalReceipt(
              c,
              jobTx(
                  c,
                  providerKey,
                  JobsCalls.accept(falsified, provider, BigInteger.valueOf(1_000)))));
      Job lie =
          new Job(falsified.toArray(), digits.model().modelHashHex(), digits.sampleInput(), 7);
      VcrSubmission bad = runtime.run(lie, Optional.of(Engine.Tamper.flipFirst(4))).publish();
      ok(finalReceipt(c, jobTx(c, providerKey, JobsCalls.submit(falsified, bad))));
      FraudFinder.Finding f = new FraudFinder(models, new Engine(par), kzg).check(bad, lie.input());
      assertThat(f).isInstanceOf(FraudFinder.Finding.Divergent.class);
      FraudProof proof = ((FraudFinder.Finding.Divergent) f).proof();
      assertThat(proof.step()).isEqualTo(4);
      BigInteger posterAic = aic(c, DevnetGenesis.faucetAddress());
      ok(finalReceipt(c, jobTx(c, poster, JobsCalls.challenge(proof))));
      JsonNode challenged = getJob(c, falsified);
      assertThat(challenged.path("status").asText()).isEqualTo("challenged");
      // Refunded (1000) and half the slashed bond (500) as challenger; its challenge bond back.
      assertThat(aic(c, DevnetGenesis.faucetAddress()))
          .isEqualTo(posterAic.add(BigInteger.valueOf(1_500)));
      JsonNode rep = c.call("aeth_getProvider", provider.toString()).path("reputation");
      assertThat(Devnet.quantity(rep.path("disputesLost"))).isEqualTo(1);
      assertThat(Devnet.quantity(rep.path("jobsSettled"))).isEqualTo(1);
    }
  }

  private H256 post(RpcClient c, H256 code, H256 model) {
    Address a = DevnetGenesis.faucetAddress();
    H256 id = JobsKeys.jobId(a, nonce(c, a));
    ok(
        finalReceipt(
            c,
            jobTx(
                c,
                poster,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        model,
                        code,
                        10,
                        BigInteger.valueOf(1_000),
                        30_000,
                        latestSlot(c) + 600,
                        Optional.empty(),
                        Optional.of(7L))))));
    return id;
  }

  private static Tx jobTx(RpcClient c, Ed25519KeyPair key, Call call) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    var body =
        JobsCalls.body(
            "aether-dev-1",
            payer,
            nonce(c, payer),
            List.of(call),
            id -> {
              JsonNode j = getJob(c, id);
              if (j.isNull()) {
                return Optional.empty();
              }
              return Optional.of(
                  new JobsCalls.Parties(
                      Address.fromHex(j.path("poster").asText()),
                      j.path("provider").isTextual()
                          ? Optional.of(Address.fromHex(j.path("provider").asText()))
                          : Optional.empty()));
            },
            50_000_000,
            latestSlot(c) + 1_000);
    return BankProgram.signed(key, body);
  }

  private Tx transfer(RpcClient c, Address to, AssetId asset, long amount) {
    Address from = DevnetGenesis.faucetAddress();
    return BankProgram.signed(
        poster,
        BankProgram.transferBody(
            "aether-dev-1",
            from,
            nonce(c, from),
            to,
            Value.of(asset, amount),
            1_000_000,
            latestSlot(c) + 1_000));
  }

  /** Submits {@code tx} and waits until it is final; its receipt. */
  private static JsonNode finalReceipt(RpcClient c, Tx tx) {
    String id = c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText();
    System.err.println("sent " + tx.body().calls().getFirst().method() + " " + id);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> !c.call("aeth_getTransactionReceipt", id).isNull());
    return c.call("aeth_getTransactionReceipt", id);
  }

  private static void ok(JsonNode receipt) {
    assertThat(receipt.path("status").asText())
        .as("receipt %s", receipt.toString())
        .isEqualTo("success");
  }

  private static JsonNode getJob(RpcClient c, H256 id) {
    return c.call("aeth_getJob", id.toHex());
  }

  private static long nonce(RpcClient c, Address a) {
    return Devnet.quantity(c.call("aeth_getAccount", a.toString()).path("nonce"));
  }

  private static long height(RpcClient c) {
    return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
  }

  private static long latestSlot(RpcClient c) {
    return Devnet.quantity(c.call("aeth_getBlockByNumber", "latest", false).path("slot"));
  }

  private static BigInteger aic(RpcClient c, Address a) {
    return new BigInteger(c.call("aeth_getBalance", a.toString()).path("AIC").asText("0"));
  }

  private static BigInteger supply(RpcClient c, String field) {
    return new BigInteger(c.call("aeth_getAicSupply").path(field).asText());
  }
}
