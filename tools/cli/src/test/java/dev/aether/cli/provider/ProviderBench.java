package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.Job;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider benchmarks of docs/BENCHMARKS.md ({@code make bench-providers}), a load generator
 * rather than a timed test:
 *
 * <ol>
 *   <li><b>Compute</b>: per shipped model, a provider's whole job ({@link ProviderRuntime#run}:
 *       traced run, KZG trace commitment, quote after the run, signed receipt) against the untraced
 *       engine run of the same job (baseline), interleaved; jobs/s per provider with one job at a
 *       time and one engine thread.
 *   <li><b>End to end</b>: a 4-validator devnet (processes, QUIC, RocksDB) with an injected RTT,
 *       one provider daemon; for each job, post → its receipt final on chain (settle-ready: only
 *       the challenge window is left), against a plain transfer's submit → final on the same devnet
 *       (baseline), interleaved; then a burst of jobs to measure the daemon's jobs/s.
 * </ol>
 *
 * <p>Args: {@code [rounds=10] [e2eJobs=5] [burst=6] [rttMs=100]}; {@code e2eJobs=0} skips the
 * devnet.
 */
public final class ProviderBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("aether.root", "."));

  private ProviderBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int burst = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    long rtt = args.length > 3 ? Long.parseLong(args[3]) : 100;
    System.out.printf(
        "machine: %d CPUs visible to the JVM, %s %s; load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Files.readString(Path.of("/proc/loadavg")).trim());
    compute(rounds);
    if (jobs > 0) {
      endToEnd(jobs, burst, rtt);
    }
    System.exit(0); // the devnet's processes are stopped; nothing else should hold the JVM
  }

  // ------------------------------------------------------------------------- compute

  private static void compute(int rounds) {
    ModelRegistry reg = ModelRegistry.bundled();
    byte[] artifact = "bench runtime artifact".getBytes(StandardCharsets.UTF_8);
    byte[] code = RuntimeArtifact.codeHash(artifact);
    DevAttester tee = new DevAttester(new byte[32], RuntimeArtifact.devMeasurement(artifact));
    Ed25519Key key = Ed25519Key.fromSeed(new byte[32]);
    try (Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      Engine engine = new Engine(par);
      ProviderRuntime provider = new ProviderRuntime(reg, engine, kzg, key, tee, code);
      System.out.println(
          "| model | untraced run (baseline) min / median | provider job min / median |"
              + " provider / untraced (median) | jobs/s per provider (median) |");
      for (ModelRegistry.Entry e : reg.list()) {
        Model m = e.model();
        Tensor input = m.architecture().encodeInput(e.sampleInput());
        Job job = new Job(new byte[32], m.modelHashHex(), e.sampleInput(), 1);
        Runnable untraced =
            () -> engine.run(m.architecture().program(), m.weights(), input, 1, StepObserver.NONE);
        Runnable traced = () -> provider.run(job).publish();
        untraced.run(); // warm-up
        traced.run();
        long[] u = new long[rounds];
        long[] t = new long[rounds];
        for (int r = 0; r < rounds; r++) {
          u[r] = time(untraced);
          t[r] = time(traced);
        }
        Arrays.sort(u);
        Arrays.sort(t);
        System.out.printf(
            "| %s | %.2f / %.2f ms | %.2f / %.2f ms | %.2f× | %.1f |%n",
            m.name(),
            u[0] / 1e6,
            u[rounds / 2] / 1e6,
            t[0] / 1e6,
            t[rounds / 2] / 1e6,
            (double) t[rounds / 2] / u[rounds / 2],
            1e9 / t[rounds / 2]);
      }
    }
  }

  private static long time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return System.nanoTime() - t0;
  }

  // ------------------------------------------------------------------------- end to end

  private static void endToEnd(int jobs, int burst, long rtt) throws Exception {
    Path dir = ROOT.resolve("target/bench-providers").toAbsolutePath();
    Files.createDirectories(dir);
    Devnet devnet =
        new Devnet(ROOT, dir.resolve("devnet"), ROOT.resolve("config/genesis.toml"), 4)
            .withPortOffset(3_000 + (int) (ProcessHandle.current().pid() % 500) * 8)
            .withInjectedRtt(rtt)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")));
    devnet.prepare(true);
    devnet.start();
    AtomicBoolean go = new AtomicBoolean(true);
    Thread loop = null;
    ProviderDaemon daemon = null;
    try {
      String rpc = devnet.rpc(0).toString();
      waitFor(Duration.ofSeconds(300), () -> finalized(rpc) >= 2);
      Path faucet =
          Files.writeString(
              dir.resolve("faucet.json"),
              "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
      Path artifact = Files.writeString(dir.resolve("runtime.jar"), "bench runtime artifact");
      Path key =
          Files.writeString(
              dir.resolve("provider.json"), "{\"ed25519_seed\": \"0x" + "b1".repeat(32) + "\"}");
      Files.writeString(
          dir.resolve("provider-tee.json"), "{\"ed25519_seed\": \"0x" + "b2".repeat(32) + "\"}");
      String provider = Address.ofPublicKey(KeyFiles.ed25519(key).publicKey().bytes()).toString();
      ctl(rpc, "transfer", "--key", faucet.toString(), "--to", provider, "--amount", "1000000000");
      ctl(
          rpc,
          "transfer",
          "--key",
          faucet.toString(),
          "--to",
          provider,
          "--amount",
          "1000000",
          "--asset",
          "AIC");
      Path toml =
          Files.writeString(
              dir.resolve("provider.toml"),
              "rpc = \""
                  + rpc
                  + "\"\nkey = \"provider.json\"\nstate_dir = \"state-"
                  + System.nanoTime()
                  + "\"\nruntime_artifact = \"runtime.jar\"\ntee_key = \"provider-tee.json\"\n"
                  + "poll_ms = 100\nmax_queue = "
                  + Math.max(4, burst)
                  + "\n");
      DaemonConfig c = DaemonConfig.read(toml);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      daemon =
          new ProviderDaemon(
              c,
              new RpcChainPort(c.rpc()),
              KeyFiles.ed25519(key),
              ModelRegistry.bundled(),
              RuntimeArtifact.codeHash(artifact),
              Optional.of(
                  ProviderTee.dev(
                      new DevAttester(
                          KeyFiles.ed25519(c.teeKey().orElseThrow()).seed(),
                          RuntimeArtifact.devMeasurement(artifact)))),
              new Random(1),
              new PrintStream(log, true, StandardCharsets.UTF_8));
      ProviderDaemon d = daemon;
      loop =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      d.run(go::get);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      waitFor(
          Duration.ofSeconds(120),
          () ->
              JSON.readTree(ctl(rpc, "provider", "show", "--provider", provider, "--json"))
                  .path("registered")
                  .asBoolean(),
          true);
      String code = "0x" + Hashing.hex(RuntimeArtifact.codeHash(artifact));
      // One warm-up job and transfer (JIT, connections), not counted.
      transfer(rpc, faucet);
      waitStatus(rpc, post(rpc, faucet, code), "submitted");

      long[] base = new long[jobs];
      long[] e2e = new long[jobs];
      for (int i = 0; i < jobs; i++) {
        long t0 = System.nanoTime();
        transfer(rpc, faucet);
        base[i] = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        String id = post(rpc, faucet, code);
        waitStatus(rpc, id, "submitted");
        e2e[i] = System.nanoTime() - t1;
      }
      Arrays.sort(base);
      Arrays.sort(e2e);
      System.out.printf(
          "%nend to end, 4-validator devnet, injected RTT %d ms, digits-mlp, %d jobs one at a time%n",
          rtt, jobs);
      System.out.println(
          "| measure | min | median | max | / baseline (median) |\n|---|---|---|---|---|");
      System.out.printf(
          "| transfer submit → final (baseline) | %.0f ms | %.0f ms | %.0f ms | 1.00 |%n",
          base[0] / 1e6, base[jobs / 2] / 1e6, base[jobs - 1] / 1e6);
      System.out.printf(
          "| job post → receipt final (settle-ready) | %.0f ms | %.0f ms | %.0f ms | %.2f× |%n",
          e2e[0] / 1e6,
          e2e[jobs / 2] / 1e6,
          e2e[jobs - 1] / 1e6,
          (double) e2e[jobs / 2] / base[jobs / 2]);

      if (burst > 0) {
        List<String> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
          ids.add(post(rpc, faucet, code));
        }
        long posted = System.nanoTime();
        for (String id : ids) {
          waitStatus(rpc, id, "submitted");
        }
        long ready = System.nanoTime();
        for (String id : ids) {
          waitStatus(rpc, id, "settled");
        }
        long settled = System.nanoTime();
        System.out.printf(
            "%nburst of %d jobs to one provider: posted in %.1f s; all settle-ready after %.1f s"
                + " (%.2f jobs/s); all settled after %.1f s (%.2f jobs/s, challenge window"
                + " included)%n",
            burst,
            (posted - t0) / 1e9,
            (ready - t0) / 1e9,
            burst / ((ready - t0) / 1e9),
            (settled - t0) / 1e9,
            burst / ((settled - t0) / 1e9));
      }
    } finally {
      go.set(false);
      if (loop != null) {
        loop.join(30_000);
      }
      if (daemon != null) {
        daemon.close();
      }
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  private static String ctl(String rpc, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = rpc;
    CliHarness.Result r = CliHarness.run(all);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": " + r.out() + r.err());
    }
    return r.out();
  }

  private static void transfer(String rpc, Path faucet) {
    ctl(
        rpc,
        "transfer",
        "--key",
        faucet.toString(),
        "--to",
        DevnetGenesis.faucetAddress().toString(),
        "--amount",
        "1");
  }

  private static String post(String rpc, Path poster, String code) {
    String out =
        ctl(
            rpc,
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
    Matcher m = Pattern.compile("job (0x[0-9a-f]{64})").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException(out);
    }
    return m.group(1);
  }

  private static void waitStatus(String rpc, String id, String want) throws Exception {
    waitFor(
        Duration.ofSeconds(120),
        () ->
            JSON.readTree(ctl(rpc, "job", "get", "--job", id, "--json"))
                .path("status")
                .asText()
                .equals(want));
  }

  private static long finalized(String rpc) {
    try (RpcClient c = new RpcClient(URI.create(rpc), Duration.ofSeconds(5))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Duration atMost, Check c) throws Exception {
    waitFor(atMost, c, false);
  }

  /** Polls {@code c} every 20 ms until it holds (a load generator's wait, not a test's). */
  private static void waitFor(Duration atMost, Check c, boolean ignoreErrors) throws Exception {
    long end = System.nanoTime() + atMost.toNanos();
    while (true) {
      try {
        if (c.ok()) {
          return;
        }
      } catch (IllegalStateException e) {
        if (!ignoreErrors) {
          throw e;
        }
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out after " + atMost);
      }
      Thread.sleep(20);
    }
  }
}
