package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.cli.chain.LedgerBackend;
import dev.aether.genesis.GenesisParser;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsProgram;
import dev.aether.rpc.ChainBackend;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.rpc.SubmitResult;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.Tx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code aether-provider} process ({@code aetherctl provider daemon --config}, a separate
 * JVM) killed with SIGKILL at chosen instants of a job's life and restarted from its own state
 * folder, against the real ledger and job escrow behind real JSON-RPC. A gate in front of the node
 * holds the daemon's {@code submitVCR} or {@code settle} on its way in, so a kill lands exactly
 * after the run (receipt and transaction persisted, transaction not yet on chain) or before the
 * settlement; the held transaction is then either lost with the process or delivered after it died.
 * Afterwards every job is settled (one final state), the provider sent exactly one accept, one
 * submit and one settle per job (no double submission, nothing refused), and its AIC balance is its
 * starting balance plus exactly what it was paid (every bond came back).
 */
class ProviderDaemonKillTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(180);

  @TempDir Path dir;
  LedgerBackend chain;
  Gate gate;
  RpcServer rpc;
  String url;
  Path faucet;
  Path artifact;
  Path config;
  Path log;
  Process daemon;
  int starts;

  @BeforeEach
  void start() throws Exception {
    chain = new LedgerBackend(GenesisParser.parse(ROOT.resolve("config/genesis.toml")));
    gate = new Gate(chain);
    ChainBackend gated =
        (ChainBackend)
            Proxy.newProxyInstance(
                ChainBackend.class.getClassLoader(), new Class<?>[] {ChainBackend.class}, gate);
    rpc = RpcServer.start(gated, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000));
    url = "http://127.0.0.1:" + rpc.address().getPort();
    faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    artifact = Files.writeString(dir.resolve("runtime.jar"), "kill test runtime artifact");
    log = dir.resolve("daemon.log");
  }

  @AfterEach
  void stop() throws Exception {
    gate.releaseAll(false);
    if (daemon != null) {
      daemon.destroyForcibly().waitFor();
    }
    rpc.close();
    if (Files.exists(log)) {
      System.err.print(Files.readString(log)); // the daemon's own account of each life
    }
  }

  /**
   * Holds transactions carrying a chosen job-program call on their way into the node until the test
   * delivers or drops them; everything else passes straight through to the real backend.
   */
  static final class Gate implements InvocationHandler {
    record Held(String method, CompletableFuture<Boolean> deliver) {}

    final ChainBackend inner;
    volatile String hold;
    final LinkedBlockingQueue<Held> held = new LinkedBlockingQueue<>();

    Gate(ChainBackend inner) {
      this.inner = inner;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      if (m.getName().equals("submitTransaction") && hold != null) {
        String method = jobsMethod((byte[]) args[0]);
        if (hold.equals(method)) {
          Held h = new Held(method, new CompletableFuture<>());
          held.add(h);
          if (!h.deliver().get()) {
            return new SubmitResult.Rejected("test.lost", "lost with the killed process");
          }
        }
      }
      try {
        return m.invoke(inner, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    void releaseAll(boolean deliver) {
      hold = null;
      for (Held h = held.poll(); h != null; h = held.poll()) {
        h.deliver().complete(deliver);
      }
    }

    private static String jobsMethod(byte[] raw) {
      try {
        for (Call c : Tx.CODEC.decode(raw).body().calls()) {
          if (c.program().equals(JobsProgram.ID)) {
            return c.method();
          }
        }
      } catch (RuntimeException e) {
        return "";
      }
      return "";
    }
  }

  // ------------------------------------------------------------------------- the process

  private void startDaemon() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.aether.cli.AetherCtl",
            "provider",
            "daemon",
            "--config",
            config.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Files.writeString(
        log,
        "---- daemon start " + ++starts + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    daemon = pb.start();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed; waits until the process is gone. */
  private void kill() throws Exception {
    daemon.destroyForcibly();
    assertThat(daemon.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).as("killed, not exited").isEqualTo(137);
    daemon = null;
  }

  /** Whether the daemon's {@code life}-th start has got past its registration check. */
  private boolean up(int life) throws Exception {
    assertAlive();
    String all = Files.readString(log);
    int from = all.indexOf("---- daemon start " + life + "\n");
    return from >= 0 && all.indexOf(" registered ", from) > 0;
  }

  private void assertAlive() {
    assertThat(daemon.isAlive()).as("the daemon process is running (see its log)").isTrue();
  }

  // ------------------------------------------------------------------------- the chain

  private CliHarness.Result ctl(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    CliHarness.Result r = CliHarness.run(all);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.out() + r.err()).isZero();
    return r;
  }

  private JsonNode job(String id) throws Exception {
    return JSON.readTree(ctl("job", "get", "--job", id, "--json").out());
  }

  private String status(String id) throws Exception {
    return job(id).path("status").asText();
  }

  private String post() {
    CliHarness.Result r =
        ctl(
            "job",
            "post",
            "--key",
            faucet.toString(),
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
            "+600slots");
    Matcher m = Pattern.compile("job (0x[0-9a-f]{64})").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  private BigInteger aic(Address a) {
    return chain.balance(a).get(AssetId.AIC).value();
  }

  /**
   * Moves the chain's time on when the daemon waits on it: to the end of a receipt's challenge
   * window, or — when nothing has been included for a while (a transaction lost with a killed
   * process waits until a finalized block passes its validity) — by 25 slots.
   */
  private final class Clock {
    long lastSlot = -1;
    long lastChange = System.nanoTime();

    void drive(String id) throws Exception {
      long slot = chain.slot();
      if (slot != lastSlot) {
        lastSlot = slot;
        lastChange = System.nanoTime();
      }
      JsonNode j = job(id);
      if (j.path("status").asText().equals("submitted")) {
        long windowEnd = RpcChainPort.quantity(j.path("receipt").path("windowEndSlot"));
        if (slot < windowEnd) {
          chain.emptyBlockAt(windowEnd);
          return;
        }
      }
      if (System.nanoTime() - lastChange > Duration.ofSeconds(3).toNanos()) {
        chain.emptyBlockAt(slot + ProviderDaemon.TX_VALIDITY_SLOTS + 5);
      }
    }
  }

  private void untilStatus(String id, String want, Clock clock) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertAlive();
              if (clock != null) {
                clock.drive(id);
              }
              return status(id).equals(want);
            });
  }

  // ------------------------------------------------------------------------- the kills

  /** Where in a job's life the process dies, and what becomes of a transaction it was sending. */
  enum Kill {
    /** Its {@code acceptJob} is on chain; it is running the job (its submission is held). */
    AFTER_ACCEPT(JobsCalls.SUBMIT_VCR, false),
    /** The run is done, receipt and transaction on disk, the submission lost on the way. */
    AFTER_RUN_SUBMISSION_LOST(JobsCalls.SUBMIT_VCR, false),
    /** The run is done and the submission reaches the chain only after the process died. */
    AFTER_RUN_SUBMISSION_DELIVERED(JobsCalls.SUBMIT_VCR, true),
    /** The receipt is on chain, the challenge window open: before settling. */
    AFTER_SUBMIT(null, false),
    /** Its {@code settle} is lost with the process. */
    SETTLING_LOST(JobsCalls.SETTLE, false),
    /** Its {@code settle} is included after the process died. */
    SETTLING_DELIVERED(JobsCalls.SETTLE, true);

    final String hold;
    final boolean deliver;

    Kill(String hold, boolean deliver) {
      this.hold = hold;
      this.deliver = deliver;
    }
  }

  @Test
  void aProviderProcessKilledAtEachStepOfAJobSettlesEveryJobOnceWithEveryBondBack()
      throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("provider.json"), "{\"ed25519_seed\": \"0x" + "a1".repeat(32) + "\"}");
    Files.writeString(
        dir.resolve("provider-tee.json"), "{\"ed25519_seed\": \"0x" + "a2".repeat(32) + "\"}");
    Address provider = Address.ofPublicKey(KeyFiles.ed25519(key).publicKey().bytes());
    ctl(
        "transfer",
        "--key",
        faucet.toString(),
        "--to",
        provider.toString(),
        "--amount",
        "1000000000");
    ctl(
        "transfer",
        "--key",
        faucet.toString(),
        "--to",
        provider.toString(),
        "--amount",
        "100000",
        "--asset",
        "AIC");
    config =
        Files.writeString(
            dir.resolve("provider.toml"),
            "rpc = \""
                + url
                + "\"\nkey = \"provider.json\"\nstate_dir = \"state\"\n"
                + "roles = [\"provider\"]\nruntime_artifact = \"runtime.jar\"\n"
                + "tee = \"dev\"\ntee_key = \"provider-tee.json\"\npoll_ms = 100\n"
                + "posters = [\""
                + DevnetGenesis.faucetAddress()
                + "\"]\n");
    startDaemon();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertAlive();
              return chain.provider(provider).isPresent();
            });
    try (RpcChainPort port = new RpcChainPort(URI.create(url))) {
      long registered = port.nonce(provider);
      BigInteger aicBefore = aic(provider);
      BigInteger paid = BigInteger.ZERO;
      List<String> ids = new ArrayList<>();

      for (Kill k : Kill.values()) {
        gate.hold = k.hold;
        String id = post();
        ids.add(id);
        Path receipt = dir.resolve("state").resolve("jobs").resolve(id + ".vcr.json");
        switch (k) {
          case AFTER_ACCEPT -> untilStatus(id, "accepted", null);
          case AFTER_RUN_SUBMISSION_LOST,
              AFTER_RUN_SUBMISSION_DELIVERED,
              SETTLING_LOST,
              SETTLING_DELIVERED ->
              await()
                  .atMost(PATIENCE)
                  .pollInterval(Duration.ofMillis(100))
                  .until(
                      () -> {
                        assertAlive();
                        if (k.hold.equals(JobsCalls.SETTLE) && status(id).equals("submitted")) {
                          new Clock().drive(id); // the window must pass for it to settle
                        }
                        return !gate.held.isEmpty();
                      });
          case AFTER_SUBMIT -> untilStatus(id, "submitted", null);
        }
        if (k == Kill.AFTER_RUN_SUBMISSION_LOST || k == Kill.AFTER_RUN_SUBMISSION_DELIVERED) {
          assertThat(receipt).as("the receipt is on disk before it is submitted").exists();
        }
        kill();
        String before = status(id);
        gate.releaseAll(k.deliver);
        if (k.deliver) {
          await()
              .atMost(PATIENCE)
              .until(() -> !status(id).equals(before)); // landed while the daemon was dead
        }
        startDaemon();
        untilStatus(id, "settled", new Clock());
        JsonNode j = job(id);
        assertThat(j.path("provider").asText()).as(k.name()).isEqualTo(provider.toString());
        assertThat(j.path("outcome").path("bondReturned").asText()).as(k.name()).isEqualTo("1000");
        BigInteger p = new BigInteger(j.path("outcome").path("paid").asText());
        assertThat(p).as(k.name()).isPositive();
        paid = paid.add(p);
      }

      // A last job with the process killed at seeded random instants of its lives (counted from
      // the moment each life has checked its registration) until the job is settled.
      Random random = new Random(19);
      String last = post();
      ids.add(last);
      Clock clock = new Clock();
      int randomKills = 0;
      while (!status(last).equals("settled")) {
        int life = starts;
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> up(life));
        long at = System.nanoTime() + Duration.ofMillis(random.nextInt(1_500)).toNanos();
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  clock.drive(last);
                  return System.nanoTime() >= at || status(last).equals("settled");
                });
        if (!status(last).equals("settled") && randomKills < 5) {
          kill();
          randomKills++;
          startDaemon();
        }
      }
      assertThat(randomKills).isPositive();
      paid = paid.add(new BigInteger(job(last).path("outcome").path("paid").asText()));
      assertThat(job(last).path("outcome").path("bondReturned").asText()).isEqualTo("1000");

      // Every job settled, each action sent once and nothing refused.
      for (String id : ids) {
        assertThat(status(id)).as(id).isEqualTo("settled");
      }
      Map<String, Integer> sent = new TreeMap<>();
      long head = port.finalized().height();
      for (long h = 1; h <= head; h++) {
        for (ChainPort.ChainTx tx : port.txs(h)) {
          if (tx.payer().equals(provider)) {
            for (Call c : tx.calls()) {
              sent.merge(c.method(), 1, Integer::sum);
            }
          }
        }
      }
      int n = ids.size();
      assertThat(sent)
          .containsEntry(JobsCalls.ACCEPT_JOB, n)
          .containsEntry(JobsCalls.SUBMIT_VCR, n)
          .containsEntry(JobsCalls.SETTLE, n);
      assertThat(port.nonce(provider) - registered).as("no other transaction").isEqualTo(3L * n);
      // Every bond came back and the provider holds exactly what it was paid on top.
      assertThat(aic(provider)).isEqualTo(aicBefore.add(paid));

      // Its own books agree with the chain.
      kill();
      JsonNode st =
          JSON.readTree(
              CliHarness.run("provider", "daemon", "--config", config.toString(), "--status")
                  .out());
      assertThat(st.path("stats").path("settled").asInt()).isEqualTo(n);
      assertThat(new BigInteger(st.path("stats").path("earned").asText())).isEqualTo(paid);
    }
  }
}
