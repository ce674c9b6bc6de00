package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.genesis.GenesisParser;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI jobs as a person runs them, against a real ledger with the job escrow behind real JSON-RPC:
 * the brief's {@code job post … --deadline +60s} and {@code job accept --job 0xJOB --bond 500}
 * verbatim (plus {@code --key}), {@code mesh run} producing the {@code vcr.json} that {@code job
 * submit-vcr} sends, settlement after the window, and a falsified run caught by {@code mesh
 * challenge} and sent with {@code job challenge}; refusals exit 1 with their code, bad input 2.
 */
class JobCommandsTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  LedgerBackend chain;
  RpcServer rpc;
  String url;

  @BeforeEach
  void start() {
    chain = new LedgerBackend(GenesisParser.parse(ROOT.resolve("config/genesis.toml")));
    rpc = RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000));
    url = "http://127.0.0.1:" + rpc.address().getPort();
  }

  @AfterEach
  void stop() {
    rpc.close();
  }

  private CliHarness.Result ctl(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    return CliHarness.run(all);
  }

  private static void ok(CliHarness.Result r) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  private Path key(String name, String seedHex) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".json"), "{\"ed25519_seed\": \"0x" + seedHex + "\"}");
  }

  private String jobId(CliHarness.Result post) {
    Matcher m = Pattern.compile("job (0x[0-9a-f]{64})").matcher(post.out());
    assertThat(m.find()).as(post.out()).isTrue();
    return m.group(1);
  }

  private JsonNode job(String id) throws Exception {
    CliHarness.Result r = ctl("job", "get", "--job", id, "--json");
    ok(r);
    return JSON.readTree(r.out());
  }

  @Test
  void aJobGoesFromPostToSettlementAndAFalsifiedOneIsChallenged() throws Exception {
    Path faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    Path provider = key("provider", "11".repeat(32));
    Path tee = key("tee", "22".repeat(32));
    Path artifact = Files.writeString(dir.resolve("runtime.jar"), "runtime artifact");
    String providerAddr =
        dev.aether.types.Address.ofPublicKey(
                dev.aether.cli.KeyFiles.ed25519(provider).publicKey().bytes())
            .toString();
    ok(ctl("transfer", "--key", faucet.toString(), "--to", providerAddr, "--amount", "1000000000"));
    ok(
        ctl(
            "transfer",
            "--key",
            faucet.toString(),
            "--to",
            providerAddr,
            "--amount",
            "100000",
            "--asset",
            "AIC"));
    ok(
        ctl(
            "provider",
            "register",
            "--key",
            provider.toString(),
            "--tee",
            "dev",
            "--dev-key",
            tee.toString(),
            "--runtime-artifact",
            artifact.toString()));
    CliHarness.Result shown = ctl("provider", "show", "--provider", providerAddr);
    ok(shown);
    assertThat(shown.out()).contains("DEV").contains("settled 0");
    String model = ModelRegistry.bundled().resolve("digits-mlp").model().modelHashHex();
    String code = "0x" + Hashing.hex(RuntimeArtifact.codeHash(artifact));

    // The brief's lines, verbatim apart from the key.
    CliHarness.Result post =
        ctl(
            "job",
            "post",
            "--model-hash",
            "0x" + model,
            "--code-hash",
            code,
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+60s",
            "--key",
            faucet.toString());
    ok(post);
    String id = jobId(post);
    assertThat(job(id).path("status").asText()).isEqualTo("posted");
    // The brief's accept line: the bond must be at least max_price × [jobs].min_bond_ratio (1 on
    // the devnet), so 500 is refused with its code; 1000 is accepted.
    CliHarness.Result low =
        ctl("job", "accept", "--job", id, "--bond", "500", "--key", provider.toString());
    assertThat(low.exitCode()).isEqualTo(1);
    assertThat(low.out()).contains("error 1210");
    ok(ctl("job", "accept", "--job", id, "--bond", "1000", "--key", provider.toString()));
    JsonNode accepted = job(id);
    assertThat(accepted.path("status").asText()).isEqualTo("accepted");
    assertThat(accepted.path("bond").asText()).isEqualTo("1000");

    Path input = ROOT.resolve("ai-mesh/models/digits-mlp/sample-input.txt");
    Path vcr = dir.resolve("vcr.json");
    ok(
        CliHarness.run(
            "mesh",
            "run",
            "--model",
            "digits-mlp",
            "--input",
            input.toString(),
            "--seed",
            "7",
            "--job-id",
            id,
            "--out",
            vcr.toString(),
            "--provider-key",
            provider.toString(),
            "--tee-key",
            tee.toString(),
            "--runtime-artifact",
            artifact.toString()));
    ok(
        ctl(
            "job",
            "submit-vcr",
            "--job",
            id,
            "--vcr",
            vcr.toString(),
            "--key",
            provider.toString()));
    assertThat(job(id).path("status").asText()).isEqualTo("submitted");
    CliHarness.Result early = ctl("job", "settle", "--job", id, "--key", faucet.toString());
    assertThat(early.exitCode()).isEqualTo(1);
    assertThat(early.out()).contains("error 1208");
    long windowEnd = job(id).path("receipt").path("windowEndSlot").asLong();
    chain.emptyBlockAt(windowEnd);
    ok(ctl("job", "settle", "--job", id, "--key", faucet.toString()));
    JsonNode settled = job(id);
    assertThat(settled.path("status").asText()).isEqualTo("settled");
    assertThat(settled.path("outcome").path("burned").asText()).isEqualTo("1");

    // A falsified run: the receipt passes, the re-run names step 4 and the chain convicts it.
    CliHarness.Result post2 =
        ctl(
            "job",
            "post",
            "--model-hash",
            "0x" + model,
            "--code-hash",
            code,
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+100slots",
            "--key",
            faucet.toString());
    ok(post2);
    String id2 = jobId(post2);
    ok(ctl("job", "accept", "--job", id2, "--bond", "1000", "--key", provider.toString()));
    Path bad = dir.resolve("bad.json");
    ok(
        CliHarness.run(
            "mesh",
            "run",
            "--model",
            "digits-mlp",
            "--input",
            input.toString(),
            "--seed",
            "7",
            "--job-id",
            id2,
            "--out",
            bad.toString(),
            "--provider-key",
            provider.toString(),
            "--tee-key",
            tee.toString(),
            "--runtime-artifact",
            artifact.toString(),
            "--falsify-step",
            "4"));
    ok(
        ctl(
            "job",
            "submit-vcr",
            "--job",
            id2,
            "--vcr",
            bad.toString(),
            "--key",
            provider.toString()));
    CliHarness.Result found =
        CliHarness.run("mesh", "challenge", bad.toString(), "--input", input.toString());
    assertThat(found.exitCode()).as(found.out() + found.err()).isEqualTo(1);
    assertThat(found.out()).contains("first divergent step 4");
    ok(
        ctl(
            "job",
            "challenge",
            "--proof",
            bad + ".fraud.json",
            "--job",
            id2,
            "--key",
            faucet.toString()));
    assertThat(job(id2).path("status").asText()).isEqualTo("challenged");
    CliHarness.Result list = ctl("provider", "list");
    ok(list);
    assertThat(list.out()).contains("1. " + providerAddr).contains("disputes lost 1");
    CliHarness.Result supply = ctl("job", "supply", "--json");
    ok(supply);
    assertThat(JSON.readTree(supply.out()).path("burned").asText()).isEqualTo("501");
  }

  @Test
  void badInputExitsTwoAndRefusalsExitOne() throws Exception {
    CliHarness.Result noKey =
        ctl(
            "job",
            "post",
            "--model-hash",
            "0x" + "11".repeat(32),
            "--code-hash",
            "0x" + "22".repeat(32),
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+60s");
    // No --key and no AETHER_KEY in the test environment.
    if (System.getenv("AETHER_KEY") == null) {
      assertThat(noKey.exitCode()).isEqualTo(2);
      assertThat(noKey.err()).contains("--key");
    }
    Path faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    CliHarness.Result badDeadline =
        ctl(
            "job",
            "post",
            "--model-hash",
            "0x" + "11".repeat(32),
            "--code-hash",
            "0x" + "22".repeat(32),
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+7x",
            "--key",
            faucet.toString());
    assertThat(badDeadline.exitCode()).isEqualTo(2);
    CliHarness.Result badHash = ctl("job", "get", "--job", "0x12");
    assertThat(badHash.exitCode()).isEqualTo(2);
    CliHarness.Result unknown = ctl("job", "get", "--job", "0x" + "ab".repeat(32));
    assertThat(unknown.exitCode()).isEqualTo(1);
    CliHarness.Result cheap =
        ctl(
            "job",
            "post",
            "--model-hash",
            "0x" + "11".repeat(32),
            "--code-hash",
            "0x" + "22".repeat(32),
            "--jus",
            "10",
            "--max-price",
            "5",
            "--sla",
            "30000",
            "--deadline",
            "+60s",
            "--key",
            faucet.toString());
    assertThat(cheap.exitCode()).isEqualTo(1);
    assertThat(cheap.out()).contains("error 1211");
  }
}
