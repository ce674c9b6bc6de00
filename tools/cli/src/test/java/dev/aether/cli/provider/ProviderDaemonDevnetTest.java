package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemons' own run loops against the real 4-process devnet (QUIC, consensus, RocksDB): an
 * honest provider's job settles, and three cheating providers — lying on the first computed step, a
 * middle one and the last one a receipt can carry — are each caught by a watcher at exactly that
 * step and slashed, their posters refunded. (A lie on the output step itself is refused at
 * submission; {@code ProviderDaemonTest} covers it.) The genesis is the devnet's with a 120-slot
 * challenge window, so a watcher on a loaded machine still lands its proof in time.
 */
class ProviderDaemonDevnetTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(300);

  private Devnet devnet;
  private String rpc;
  private final AtomicBoolean go = new AtomicBoolean(true);
  private final List<Thread> loops = new ArrayList<>();
  private final List<ProviderDaemon> daemons = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    go.set(false);
    for (Thread t : loops) {
      t.join(30_000);
    }
    daemons.forEach(ProviderDaemon::close);
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  private CliHarness.Result ctl(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--rpc", rpc));
    CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.out() + r.err()).isZero();
    return r;
  }

  private long finalized() {
    try (RpcClient c = new RpcClient(URI.create(rpc), Duration.ofSeconds(5))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  private String status(String id) throws IOException {
    return JSON.readTree(ctl("job", "get", "--job", id, "--json").out()).path("status").asText();
  }

  @Test
  void anHonestJobSettlesAndLiesOnTheFirstAMiddleAndTheLastStepAreEachCaught() throws Exception {
    Path dir = Path.of("target", "provider-devnet").toAbsolutePath();
    // A fresh folder: the daemons' state folders of an earlier run belong to an earlier chain.
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Path genesis =
        Files.writeString(
            dir.resolve("genesis.toml"),
            Files.readString(ROOT.resolve("config/genesis.toml"))
                .replaceFirst(
                    "(?m)^challenge_window_slots = \\d+", "challenge_window_slots = 120"));
    devnet =
        new Devnet(ROOT, dir.resolve("devnet"), genesis, 4)
            .withPortOffset(7_000 + (int) (ProcessHandle.current().pid() % 500) * 8)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")));
    devnet.prepare(true);
    devnet.start();
    rpc = devnet.rpc(0).toString();
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> finalized() >= 2);

    Path faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    Path artifact = Files.writeString(dir.resolve("runtime.jar"), "devnet daemon runtime");
    int length =
        ModelRegistry.bundled().resolve("digits-mlp").model().architecture().program().length();
    List<Integer> lies = List.of(1, length / 2, length - 2);
    assertThat(lies).doesNotHaveDuplicates().allMatch(i -> i >= 1);
    StringBuilder transfers = new StringBuilder();
    List<String> names = List.of("honest", "watcher", "liar0", "liar1", "liar2");
    List<String> seeds = List.of("11", "31", "21", "22", "23");
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      addrs.add(key(dir, names.get(i), seeds.get(i)));
      key(dir, names.get(i) + "-tee", seeds.get(i).substring(0, 1) + "9");
    }
    List<String> posters = new ArrayList<>();
    for (int i = 0; i < lies.size(); i++) {
      posters.add(key(dir, "poster-liar" + i, "4" + i));
    }
    List<String> funded = new ArrayList<>(addrs);
    funded.addAll(posters);
    for (String a : funded) {
      transfers
          .append(transfers.isEmpty() ? "" : ",")
          .append("{\"to\":\"")
          .append(a)
          .append("\",\"asset\":\"SWR\",\"amount\":\"1000000000\"},{\"to\":\"")
          .append(a)
          .append("\",\"asset\":\"AIC\",\"amount\":\"100000\"}");
    }
    Path fund =
        Files.writeString(
            dir.resolve("fund.json"),
            "{\"key\":\"devnet-faucet\",\"transfers\":[" + transfers + "]}");
    ctl("submit-tx", fund.toString());

    String faucetAddr = DevnetGenesis.faucetAddress().toString();
    start(
        dir,
        artifact,
        "honest",
        "roles = [\"provider\"]\ntee_key = \"honest-tee.json\"\n"
            + "posters = [\""
            + faucetAddr
            + "\"]\n");
    for (int i = 0; i < lies.size(); i++) {
      start(
          dir,
          artifact,
          "liar" + i,
          "roles = [\"provider\"]\ntee_key = \"liar"
              + i
              + "-tee.json\"\nposters = [\""
              + posters.get(i)
              + "\"]\ntest_only_falsify_step = "
              + lies.get(i)
              + "\n");
    }
    ProviderDaemon watcher = start(dir, artifact, "watcher", "roles = [\"watcher\"]\n");
    for (String a : List.of(addrs.get(0), addrs.get(2), addrs.get(3), addrs.get(4))) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(AssertionError.class) // "no provider" until it registers
          .until(
              () ->
                  JSON.readTree(ctl("provider", "show", "--provider", a, "--json").out())
                      .path("registered")
                      .asBoolean());
    }
    String code = "0x" + Hashing.hex(RuntimeArtifact.codeHash(artifact));
    String good = post(faucet, code);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < lies.size(); i++) {
      bad.add(post(dir.resolve("poster-liar" + i + ".json"), code));
    }
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (!status(good).equals("settled")) {
                return false;
              }
              for (String id : bad) {
                if (!status(id).equals("challenged")) {
                  return false;
                }
              }
              return true;
            });
    JsonNode settled = JSON.readTree(ctl("job", "get", "--job", good, "--json").out());
    assertThat(settled.path("provider").asText()).isEqualTo(addrs.get(0));
    assertThat(new java.math.BigInteger(settled.path("outcome").path("paid").asText()))
        .isPositive();
    for (int i = 0; i < lies.size(); i++) {
      String id = bad.get(i);
      JsonNode caught = JSON.readTree(ctl("job", "get", "--job", id, "--json").out());
      assertThat(caught.path("provider").asText()).isEqualTo(addrs.get(2 + i));
      assertThat(caught.path("outcome").path("refunded").asText())
          .as("poster of the liar on step %d refunded", lies.get(i))
          .isEqualTo("1000");
      assertThat(caught.path("outcome").path("paid").asText()).isEqualTo("0");
      assertThat(
              dev.aether.mesh.FraudProofJson.read(
                      watcher.store.attachment(id, "fraud").orElseThrow())
                  .step())
          .as("the watcher's proof convicts the falsified step")
          .isEqualTo(lies.get(i));
    }
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> watcher.stats().caught() == lies.size());
  }

  private static String key(Path dir, String name, String seedByte) throws IOException {
    Path k =
        Files.writeString(
            dir.resolve(name + ".json"), "{\"ed25519_seed\": \"0x" + seedByte.repeat(32) + "\"}");
    return Address.ofPublicKey(KeyFiles.ed25519(k).publicKey().bytes()).toString();
  }

  private ProviderDaemon start(Path dir, Path artifact, String name, String extra)
      throws IOException {
    Path toml =
        Files.writeString(
            dir.resolve(name + ".toml"),
            "rpc = \""
                + rpc
                + "\"\nkey = \""
                + name
                + ".json\"\nstate_dir = \""
                + name
                + "-state\"\nruntime_artifact = \"runtime.jar\"\npoll_ms = 300\n"
                + extra);
    DaemonConfig c = DaemonConfig.read(toml);
    Optional<DevAttester> tee =
        c.teeKey()
            .map(
                k ->
                    new DevAttester(
                        KeyFiles.ed25519(k).seed(), RuntimeArtifact.devMeasurement(artifact)));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProviderDaemon d =
        new ProviderDaemon(
            c,
            new RpcChainPort(c.rpc()),
            KeyFiles.ed25519(c.key()),
            ModelRegistry.bundled(),
            RuntimeArtifact.codeHash(artifact),
            tee,
            new Random(1),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    daemons.add(d);
    Thread t =
        Thread.ofPlatform()
            .name("daemon-" + name)
            .start(
                () -> {
                  try {
                    d.run(go::get);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    System.err.print(log.toString(StandardCharsets.UTF_8));
                  }
                });
    loops.add(t);
    return d;
  }

  private String post(Path poster, String code) {
    CliHarness.Result r =
        ctl(
            "job",
            "post",
            "--key",
            poster.toString(),
            "--model",
            "digits-mlp",
            "--input",
            ROOT.resolve("ai-mesh/models/digits-mlp/sample-input.txt").toString(),
            "--seed",
            "7",
            "--code-hash",
            code,
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+400slots");
    Matcher m = Pattern.compile("job (0x[0-9a-f]{64})").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }
}
