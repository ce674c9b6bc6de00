package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.cli.chain.LedgerBackend;
import dev.aether.genesis.GenesisParser;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.BlockStreamServer;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider and watcher daemons against a real ledger with the job escrow behind real JSON-RPC
 * (one block per transaction; time moves when the test commits empty blocks): an honest provider's
 * job settles and pays it; a cheating provider's receipt is re-run by the watcher, challenged and
 * slashed; and a provider restarted after every step while a third of its transactions are lost
 * between its disk and the node still settles its job with exactly one transaction per action.
 */
class ProviderDaemonTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path dir;
  LedgerBackend chain;
  RpcServer rpc;
  String url;
  Path faucet;
  Path artifact;
  final List<ProviderDaemon> daemons = new ArrayList<>();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    chain = new LedgerBackend(GenesisParser.parse(ROOT.resolve("config/genesis.toml")));
    rpc = RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000));
    url = "http://127.0.0.1:" + rpc.address().getPort();
    faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    artifact = Files.writeString(dir.resolve("runtime.jar"), "daemon test runtime artifact");
  }

  @AfterEach
  void stop() {
    daemons.forEach(ProviderDaemon::close);
    rpc.close();
  }

  private CliHarness.Result ctl(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    CliHarness.Result r = CliHarness.run(all);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.out() + r.err()).isZero();
    return r;
  }

  private Path key(String name, String seedByte) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".json"), "{\"ed25519_seed\": \"0x" + seedByte.repeat(32) + "\"}");
  }

  private static String address(Path key) {
    return Address.ofPublicKey(KeyFiles.ed25519(key).publicKey().bytes()).toString();
  }

  private void fund(Path key) {
    ctl("transfer", "--key", faucet.toString(), "--to", address(key), "--amount", "1000000000");
    ctl(
        "transfer",
        "--key",
        faucet.toString(),
        "--to",
        address(key),
        "--amount",
        "100000",
        "--asset",
        "AIC");
  }

  private DaemonConfig config(String name, boolean provider, boolean watcher, String extra)
      throws Exception {
    Path toml =
        Files.writeString(
            dir.resolve(name + ".toml"),
            "rpc = \""
                + url
                + "\"\nkey = \""
                + name
                + ".json\"\nstate_dir = \""
                + name
                + "-state\"\nroles = "
                + (provider && watcher
                    ? "[\"provider\", \"watcher\"]"
                    : provider ? "[\"provider\"]" : "[\"watcher\"]")
                + "\nruntime_artifact = \"runtime.jar\"\n"
                + (provider ? "tee = \"dev\"\ntee_key = \"" + name + "-tee.json\"\n" : "")
                + extra);
    return DaemonConfig.read(toml);
  }

  private ProviderDaemon daemon(DaemonConfig c, ChainPort port) {
    Optional<ProviderTee> tee =
        c.teeKey()
            .map(
                k ->
                    ProviderTee.dev(
                        new DevAttester(
                            KeyFiles.ed25519(k).seed(), RuntimeArtifact.devMeasurement(artifact))));
    ProviderDaemon d =
        new ProviderDaemon(
            c,
            port,
            KeyFiles.ed25519(c.key()),
            ModelRegistry.bundled(),
            RuntimeArtifact.codeHash(artifact),
            tee,
            new Random(7),
            new PrintStream(logs, true, StandardCharsets.UTF_8));
    daemons.add(d);
    return d;
  }

  private String post(Path poster) {
    return post(poster, 1);
  }

  private String post(Path poster, int replicas) {
    CliHarness.Result r =
        ctl(
            "job",
            "post",
            "--replicas",
            Integer.toString(replicas),
            "--key",
            poster.toString(),
            "--model",
            "digits-mlp",
            "--input",
            ROOT.resolve("ai-mesh/models/digits-mlp/sample-input.txt").toString(),
            "--seed",
            "7",
            "--code-hash",
            "0x" + Hashing.hex(RuntimeArtifact.codeHash(artifact)),
            "--jus",
            "10",
            "--max-price",
            "1000",
            "--sla",
            "30000",
            "--deadline",
            "+200slots");
    Matcher m = Pattern.compile("job (0x[0-9a-f]{64})").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  private JsonNode job(String id) throws Exception {
    return JSON.readTree(ctl("job", "get", "--job", id, "--json").out());
  }

  private String status(String id) throws Exception {
    return job(id).path("status").asText();
  }

  /** Ticks every daemon until {@code id} is {@code want}, moving time on when nothing happens. */
  private void until(String id, String want, List<ProviderDaemon> ds) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              long before = chain.slot();
              ds.forEach(ProviderDaemon::tick);
              if (chain.slot() == before
                  && List.of("submitted", "running").contains(status(id))
                  && ds.stream().noneMatch(ProviderDaemonTest::busy)) {
                chain.emptyBlockAt(chain.slot() + 3); // the challenge window passes
              }
              return status(id).equals(want);
            });
  }

  /** Running, re-running, or holding a receipt or proof not yet on chain: time must wait. */
  static boolean busy(ProviderDaemon d) {
    return !d.idle()
        || d.jobs().stream()
            .anyMatch(
                j ->
                    j.inFlight().isPresent()
                        || switch (j.phase()) {
                          case ACCEPTED, RAN, TO_CHECK, TO_CHALLENGE -> true;
                          default -> false;
                        });
  }

  @Test
  void anHonestJobSettlesAndACheatIsCaughtByTheWatcher() throws Exception {
    Path honestKey = key("honest", "11");
    key("honest-tee", "12");
    Path cheaterKey = key("cheater", "21");
    key("cheater-tee", "22");
    Path watcherKey = key("watcher", "31");
    Path poster2 = key("poster2", "41");
    for (Path k : List.of(honestKey, cheaterKey, watcherKey, poster2)) {
      fund(k);
    }
    String faucetAddr = DevnetGenesis.faucetAddress().toString();
    // The honest provider and the watcher follow final blocks on the gRPC block stream (as the
    // devnet's daemons do); the cheater polls JSON-RPC.
    try (RpcChainPort port = new RpcChainPort(URI.create(url));
        BlockStreamServer grpc = BlockStreamServer.start(chain, "127.0.0.1", 0);
        StreamedChainPort honestFeed = StreamedChainPort.over(port, "127.0.0.1:" + grpc.port());
        StreamedChainPort watcherFeed = StreamedChainPort.over(port, "127.0.0.1:" + grpc.port())) {
      ProviderDaemon honest =
          daemon(config("honest", true, false, "posters = [\"" + faucetAddr + "\"]\n"), honestFeed);
      ProviderDaemon cheater =
          daemon(
              config(
                  "cheater",
                  true,
                  false,
                  "posters = [\"" + address(poster2) + "\"]\ntest_only_falsify_step = 3\n"),
              port);
      ProviderDaemon watcher = daemon(config("watcher", false, true, ""), watcherFeed);
      honest.ensureRegistered(() -> true);
      cheater.ensureRegistered(() -> true);
      // A second start finds the registration in place and sends nothing.
      long nonce = port.nonce(honest.address());
      honest.ensureRegistered(() -> true);
      assertThat(port.nonce(honest.address())).isEqualTo(nonce);

      String good = post(faucet);
      String bad = post(poster2);
      List<ProviderDaemon> all = List.of(honest, cheater, watcher);
      until(bad, "challenged", all);
      until(good, "settled", all);
      // The daemons see the final statuses on their next pass.
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                all.forEach(ProviderDaemon::tick);
                return honest.stats().settled() == 1 && watcher.stats().caught() == 1;
              });

      JsonNode settled = job(good);
      assertThat(settled.path("provider").asText()).isEqualTo(honest.address().toString());
      BigInteger paid = new BigInteger(settled.path("outcome").path("paid").asText());
      assertThat(paid).isPositive();
      assertThat(new BigInteger(settled.path("outcome").path("burned").asText())).isPositive();
      assertThat(honest.stats().settled()).isEqualTo(1);
      assertThat(new BigInteger(honest.stats().earned())).isEqualTo(paid);

      JsonNode caught = job(bad);
      assertThat(caught.path("provider").asText()).isEqualTo(cheater.address().toString());
      assertThat(caught.path("outcome").path("refunded").asText()).isEqualTo("1000");
      assertThat(watcher.stats().caught()).isEqualTo(1);
      assertThat(watcher.stats().challenged()).isEqualTo(1);
      assertThat(watcher.stats().rewards()).isEqualTo("500");
      // The watcher re-ran both receipts; the honest one agreed and was left alone.
      assertThat(watcher.stats().rerun()).as(watcher.jobs().toString()).isEqualTo(2);
      assertThat(watcher.jobs())
          .filteredOn(j -> j.id().equals(good))
          .singleElement()
          .satisfies(j -> assertThat(j.note()).contains("every step agrees"));
      // Their blocks came over the stream, not from polling.
      assertThat(honestFeed.streamedBlocks()).isPositive();
      assertThat(watcherFeed.streamedBlocks()).isPositive();
    }
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("CHEATING");
  }

  /**
   * The watcher's real path (scan → re-run with {@code FraudFinder} → fraud proof on disk → {@code
   * challengeVCR}) against providers that each lie on one step of the trace: the first computed
   * step (1; step 0 is the committed input), a middle one and the last one a receipt can carry to
   * the chain. Each lie is found at exactly the falsified step, each challenge is upheld, each
   * cheat loses its whole bond and each poster gets its escrow back. A lie on the very last step
   * (the output) never reaches a watcher: {@code submitVCR} re-executes the last step and refuses
   * the receipt ({@code vcr.last_step_falsified}), the cheat gives up after three refusals, and
   * once the deadline has passed the watcher's own {@code expire} slashes its bond.
   */
  @Test
  void aLieOnTheFirstAMiddleAndTheLastStepIsEachCaughtAndSlashed() throws Exception {
    int length =
        ModelRegistry.bundled().resolve("digits-mlp").model().architecture().program().length();
    List<Integer> lies = List.of(1, length / 2, length - 2, length - 1);
    assertThat(lies).doesNotHaveDuplicates().allMatch(i -> i >= 1);
    Path w = key("w", "91");
    fund(w);
    List<ProviderDaemon> all = new ArrayList<>();
    List<String> jobs = new ArrayList<>();
    List<Path> posters = new ArrayList<>();
    List<Address> cheaters = new ArrayList<>();
    List<BigInteger> before = new ArrayList<>();
    try (RpcChainPort port = new RpcChainPort(URI.create(url))) {
      ProviderDaemon watcher = daemon(config("w", false, true, ""), port);
      all.add(watcher);
      for (int i = 0; i < lies.size(); i++) {
        String name = "liar" + i;
        Path k = key(name, "a" + i);
        key(name + "-tee", "b" + i);
        Path poster = key("poster-" + name, "c" + i);
        fund(k);
        fund(poster);
        posters.add(poster);
        ProviderDaemon d =
            daemon(
                config(
                    name,
                    true,
                    false,
                    "posters = [\""
                        + address(poster)
                        + "\"]\ntest_only_falsify_step = "
                        + lies.get(i)
                        + "\n"),
                port);
        d.ensureRegistered(() -> true);
        all.add(d);
        cheaters.add(d.address());
        before.add(aic(d.address()));
        jobs.add(post(poster));
      }
      for (String id : jobs.subList(0, 3)) {
        until(id, "challenged", all);
      }
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                all.forEach(ProviderDaemon::tick);
                return watcher.stats().caught() == 3;
              });
      for (int i = 0; i < 3; i++) {
        String id = jobs.get(i);
        int step = lies.get(i);
        JsonNode j = job(id);
        assertThat(j.path("provider").asText()).isEqualTo(cheaters.get(i).toString());
        assertThat(j.path("outcome").path("refunded").asText())
            .as("poster refunded")
            .isEqualTo("1000");
        assertThat(j.path("outcome").path("paid").asText()).isEqualTo("0");
        assertThat(j.path("outcome").path("rewarded").asText()).isEqualTo("500");
        // The whole bond is gone: the challenger's share rewarded, the rest burned.
        assertThat(aic(cheaters.get(i)))
            .as("liar on step %d", step)
            .isEqualTo(before.get(i).subtract(BigInteger.valueOf(1000)));
        assertThat(
                dev.aether.mesh.FraudProofJson.read(
                        watcher.store.attachment(id, "fraud").orElseThrow())
                    .step())
            .as("the proof convicts the falsified step")
            .isEqualTo(step);
        assertThat(watcher.jobs())
            .filteredOn(s -> s.id().equals(id))
            .singleElement()
            .satisfies(s -> assertThat(s.note()).contains("caught"));
      }
      assertThat(watcher.stats().challenged()).isEqualTo(3);
      assertThat(watcher.stats().rewards()).isEqualTo("1500");

      // The output lie: refused at submission, never on chain, the bond slashed at the deadline.
      String out = jobs.get(3);
      ProviderDaemon liar = all.get(4);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                liar.tick();
                return liar.jobs().stream()
                    .anyMatch(s -> s.id().equals(out) && s.phase() == JobState.Phase.DONE);
              });
      assertThat(liar.jobs())
          .filteredOn(s -> s.id().equals(out))
          .singleElement()
          .satisfies(s -> assertThat(s.note()).contains("gave up").contains("1263"));
      assertThat(status(out)).isEqualTo("accepted");
      assertThat(job(out).path("receipt").isMissingNode() || job(out).path("receipt").isNull())
          .as("no receipt on chain")
          .isTrue();
      // Past the deadline the watcher sends expire itself (nobody runs aetherctl job expire).
      chain.emptyBlockAt(RpcChainPort.quantity(job(out).path("deadlineSlot")) + 1);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                watcher.tick();
                return status(out).equals("slashed");
              });
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                watcher.tick();
                return watcher.jobs().stream()
                    .anyMatch(s -> s.id().equals(out) && s.phase() == JobState.Phase.DONE);
              });
      assertThat(watcher.jobs())
          .filteredOn(s -> s.id().equals(out))
          .singleElement()
          .satisfies(s -> assertThat(s.note()).contains("expired").contains("slashed"));
      assertThat(watcher.stats().expired()).isEqualTo(1);
      JsonNode expired = job(out);
      assertThat(expired.path("status").asText()).isEqualTo("slashed");
      assertThat(expired.path("outcome").path("refunded").asText()).isEqualTo("1000");
      assertThat(aic(cheaters.get(3))).isEqualTo(before.get(3).subtract(BigInteger.valueOf(1000)));
    }
  }

  private BigInteger aic(Address a) {
    return chain.balance(a).get(dev.aether.types.AssetId.AIC).value();
  }

  @Test
  void aThreeReplicaJobWithOneFalseReplicaSettlesForTheHonestOnes() throws Exception {
    List<ProviderDaemon> all = new ArrayList<>();
    List<Address> replicas = new ArrayList<>();
    try (RpcChainPort port = new RpcChainPort(URI.create(url))) {
      for (String[] p :
          List.of(
              new String[] {"a", "61", ""},
              new String[] {"b", "71", "test_only_falsify_step = 5\n"},
              new String[] {"c", "81", ""})) {
        Path k = key(p[0], p[1]);
        key(p[0] + "-tee", p[1].substring(0, 1) + "9");
        fund(k);
        ProviderDaemon d = daemon(config(p[0], true, false, p[2]), port);
        d.ensureRegistered(() -> true);
        all.add(d);
        replicas.add(d.address());
      }
      Path w = key("w", "91");
      fund(w);
      ProviderDaemon watcher = daemon(config("w", false, true, ""), port);
      all.add(watcher);
      String id = post(faucet, 3);
      until(id, "settled", all);
      JsonNode j = job(id);
      JsonNode members = j.path("replicas").path("members");
      assertThat(members).hasSize(3);
      for (JsonNode m : members) {
        Address who = Address.fromHex(m.path("provider").asText());
        assertThat(m.path("status").asText())
            .as("replica %s", who)
            .isEqualTo(who.equals(replicas.get(1)) ? "convicted" : "paid");
      }
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                all.forEach(ProviderDaemon::tick);
                return watcher.stats().caught() == 1 && all.get(0).stats().settled() == 1;
              });
      assertThat(watcher.stats().rerun()).isEqualTo(3);
      assertThat(new BigInteger(watcher.stats().rewards())).isPositive();
    }
  }

  /**
   * A chain port that loses a share of sends between the daemon's disk and the node (as a kill
   * right after the state was persisted would), seeded.
   */
  static final class LossyPort implements ChainPort {
    final ChainPort inner;
    final Random random;
    int lost;

    LossyPort(ChainPort inner, long seed) {
      this.inner = inner;
      this.random = new Random(seed);
    }

    @Override
    public String chainId() {
      return inner.chainId();
    }

    @Override
    public Head finalized() {
      return inner.finalized();
    }

    @Override
    public List<ChainTx> txs(long height) {
      return inner.txs(height);
    }

    @Override
    public Optional<JsonNode> job(H256 id) {
      return inner.job(id);
    }

    @Override
    public JsonNode jobParams() {
      return inner.jobParams();
    }

    @Override
    public Optional<JsonNode> provider(Address a) {
      return inner.provider(a);
    }

    @Override
    public long nonce(Address a) {
      return inner.nonce(a);
    }

    @Override
    public H256 send(Tx tx) {
      if (random.nextInt(3) == 0) {
        lost++;
        return tx.id();
      }
      return inner.send(tx);
    }

    @Override
    public Optional<JsonNode> receipt(H256 tx) {
      return inner.receipt(tx);
    }
  }

  @Test
  void aProviderRestartedAtEveryStepWithLostSendsSubmitsEachActionOnce() throws Exception {
    Path providerKey = key("restarted", "51");
    key("restarted-tee", "52");
    fund(providerKey);
    DaemonConfig c = config("restarted", true, false, "");
    try (RpcChainPort rpcPort = new RpcChainPort(URI.create(url))) {
      LossyPort port = new LossyPort(rpcPort, 3);
      ProviderDaemon first = daemon(c, rpcPort);
      first.ensureRegistered(() -> true);
      Address provider = first.address();
      long registered = rpcPort.nonce(provider);
      String id = post(faucet);
      first.close();
      int restarts = 0;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!status(id).equals("settled")) {
        assertThat(System.nanoTime()).as("settled in time").isLessThan(deadline);
        // A new process on the same state folder at every step (the old one is dropped as a kill
        // would drop it; its worker may still finish, which changes nothing on chain).
        long before = chain.slot();
        try (ProviderDaemon d = daemon(c, port)) {
          restarts++;
          d.tick();
          await().atMost(PATIENCE).until(d::idle);
        }
        if (chain.slot() == before) {
          chain.emptyBlockAt(chain.slot() + 4); // time passes: windows close, lost sends expire
        }
      }
      assertThat(port.lost).as("some sends were lost").isPositive();
      assertThat(restarts).isGreaterThan(3);
      // Exactly accept, submit and settle were included after the registration: a lost send was
      // re-sent only once it could no longer be included, and nothing was refused.
      assertThat(rpcPort.nonce(provider) - registered).isEqualTo(3);
      JsonNode j = job(id);
      assertThat(j.path("provider").asText()).isEqualTo(provider.toString());
      assertThat(j.path("outcome").path("bondReturned").asText()).isEqualTo("1000");
    }
  }
}
