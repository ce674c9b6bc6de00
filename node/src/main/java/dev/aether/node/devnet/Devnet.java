package dev.aether.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Hex;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local devnet of validator processes on loopback, laid out under one folder:
 *
 * <pre>
 * devnet/devnet.json        genesis time, validator count
 * devnet/genesis.toml       with withEpochSlots: the source genesis with other epochs, which the nodes load
 * devnet/faucet.json        the funded devnet key (public seed!)
 * devnet/vN/keys.json       validator N's keys (0600)
 * devnet/vN/node.toml       its config; data in devnet/vN/data, log in devnet/vN/node.log
 * devnet/vN/node.pid        while it runs
 * </pre>
 *
 * Validator 0 serves JSON-RPC on {@link #RPC_PORT}; validator N on {@code RPC_PORT + N}.
 */
public final class Devnet {
  public static final int RPC_PORT = 8545;
  public static final int P2P_PORT = 30300;
  public static final int METRICS_PORT = 9100;
  public static final int GRPC_PORT = 9200;

  /** The indexer's explorer, GraphQL and REST port (docs/indexer.md). */
  public static final int EXPLORER_PORT = 8080;

  private int explorerPort = EXPLORER_PORT;
  private boolean indexer;
  private int rpcPort = RPC_PORT;
  private int p2pPort = P2P_PORT;
  private int metricsPort = METRICS_PORT;
  private int grpcPort = GRPC_PORT;
  private List<String> launcher = List.of();

  /** Devnet snapshots every 100 heights (~1 min) so state sync is there to try. */
  private long snapshotInterval = 100;

  private long injectRttMs;

  /**
   * Slots per epoch written into the devnet's genesis copy; 0 keeps the source genesis' own (the
   * repository's devnet genesis has 40-slot, 20 s epochs, so a joining validator starts within a
   * minute: a set counts two epochs after the staking transaction).
   */
  private long epochSlots;

  /** Extra node.toml lines per validator (test switches), by validator index. */
  private final java.util.Map<Integer, String> extraConfig = new java.util.TreeMap<>();

  /** Per validator: a lower protocol version its node claims (an "old binary"). */
  private final java.util.Map<Integer, Integer> protocolMax = new java.util.TreeMap<>();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Path dir;
  private final Path genesis;
  private final int validators;

  /**
   * @param home the repository (holds node/target/aether-node.jar)
   * @param dir the devnet folder
   * @param genesis the genesis file every validator loads
   */
  public Devnet(Path home, Path dir, Path genesis, int validators) {
    this.home = home;
    this.dir = dir.toAbsolutePath();
    this.genesis = genesis.toAbsolutePath();
    this.validators = validators;
  }

  /** Moves every port by {@code offset} (tests run beside a user's devnet). */
  public Devnet withPortOffset(int offset) {
    rpcPort = RPC_PORT + offset;
    p2pPort = P2P_PORT + offset;
    metricsPort = METRICS_PORT + offset;
    grpcPort = GRPC_PORT + offset;
    explorerPort = EXPLORER_PORT + offset;
    return this;
  }

  /**
   * Also runs {@code aether-indexer} beside the validators (following validator 0's block stream,
   * data under {@code devnet/indexer}), serving the explorer on {@link #explorer()}.
   */
  public Devnet withIndexer(boolean on) {
    indexer = on;
    return this;
  }

  /** The explorer's URL (when the devnet runs the indexer). */
  public URI explorer() {
    return URI.create("http://127.0.0.1:" + explorerPort + "/");
  }

  /**
   * Launches nodes with {@code java <args> dev.aether.node.NodeMain} instead of the built jar
   * (tests use their own class path).
   */
  public Devnet withLauncher(List<String> javaArgs) {
    launcher = List.copyOf(javaArgs);
    return this;
  }

  /**
   * Snapshot every {@code interval} heights, and state-sync a node at least that far behind (tests
   * use a small interval to exercise state sync within a minute).
   */
  public Devnet withSnapshotInterval(long interval) {
    snapshotInterval = interval;
    return this;
  }

  /**
   * Test/devnet only: every validator's {@code node.toml} gets {@code [p2p] inject_rtt_ms = ms}, so
   * each one holds its outbound frames {@code ms / 2} and validators see {@code ms} of extra round
   * trip (in-process stand-in for netem; docs/node.md). 0, the default, injects nothing.
   */
  public Devnet withInjectedRtt(long ms) {
    if (ms < 0 || ms > dev.aether.node.NodeConfig.MAX_INJECT_RTT_MS) {
      throw new IllegalArgumentException(
          "injected RTT must be 0.."
              + dev.aether.node.NodeConfig.MAX_INJECT_RTT_MS
              + " ms, got "
              + ms);
    }
    injectRttMs = ms;
    return this;
  }

  /**
   * Epochs of {@code slots} slots in the devnet's genesis copy (0, the default: the source genesis'
   * own value).
   */
  public Devnet withEpochSlots(long slots) {
    if (slots != 0 && slots < 3) {
      throw new IllegalArgumentException("epochs need at least 3 slots");
    }
    epochSlots = slots;
    return this;
  }

  /** Appends {@code toml} to validator {@code i}'s node.toml (a test switch section). */
  public Devnet withExtraConfig(int i, String toml) {
    extraConfig.put(i, toml);
    return this;
  }

  /**
   * Devnet only: validator {@code validator} runs as a binary that implements protocol versions up
   * to {@code version} only ({@code -Daether.protocol.max}), to rehearse a governance upgrade: at
   * the upgrade's height it halts with one line naming the version to run.
   */
  public Devnet withOldBinary(int validator, int version) {
    protocolMax.put(validator, version);
    return this;
  }

  public Path dir() {
    return dir;
  }

  /** The genesis file the devnet's nodes load: the source, or its copy with other epochs. */
  public Path genesisFile() {
    return epochSlots > 0 ? dir.resolve("genesis.toml") : genesis;
  }

  public URI rpc() {
    return rpc(0);
  }

  /** Validator {@code validator}'s Prometheus endpoint. */
  public URI metrics(int validator) {
    return URI.create("http://127.0.0.1:" + (metricsPort + validator) + "/metrics");
  }

  public URI rpc(int validator) {
    return URI.create("http://127.0.0.1:" + (rpcPort + validator));
  }

  /** Starts validator {@code i} alone (after {@link #kill}). */
  public Process start(int i) throws IOException {
    return launch(i);
  }

  /** SIGKILLs validator {@code i}: no shutdown hook runs, as in a crash. */
  public void kill(int i) throws IOException {
    Path v = dir.resolve("v" + i);
    Optional<ProcessHandle> h = pid(v).flatMap(ProcessHandle::of);
    if (h.isPresent()) {
      h.get().destroyForcibly();
      h.get().onExit().join();
    }
    Files.deleteIfExists(v.resolve("node.pid"));
  }

  /** Deletes validator {@code i}'s data directory (it must be stopped). */
  public void wipe(int i) throws IOException {
    deleteTree(dir.resolve("v" + i).resolve("data"));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Writes keys and configs (wiping an old devnet when {@code fresh}). */
  public void prepare(boolean fresh) throws IOException {
    if (fresh && Files.exists(dir)) {
      stop(Duration.ofSeconds(10));
      deleteTree(dir);
    }
    Files.createDirectories(dir);
    Path meta = dir.resolve("devnet.json");
    long genesisTime;
    if (Files.exists(meta)) {
      genesisTime = JSON.readTree(meta.toFile()).path("genesis_time_ms").asLong();
    } else {
      // Slot 0 starts two seconds from now, giving every process time to come up.
      genesisTime = System.currentTimeMillis() + 2_000;
      ObjectNode m = JSON.createObjectNode();
      m.put("genesis_time_ms", genesisTime);
      m.put("validators", validators);
      Files.writeString(meta, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
    }
    Path faucet = dir.resolve("faucet.json");
    if (!Files.exists(faucet)) {
      ObjectNode f = JSON.createObjectNode();
      f.put("note", "devnet faucet key: public, for local devnets only");
      f.put("ed25519_seed", DevnetGenesis.faucetSeedHex());
      f.put("address", DevnetGenesis.faucetAddress().toString());
      Files.writeString(faucet, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(f));
    }
    writeGenesis();
    for (int i = 0; i < validators; i++) {
      Path v = dir.resolve("v" + i);
      Files.createDirectories(v);
      Path keys = v.resolve("keys.json");
      if (!Files.exists(keys)) {
        ValidatorKeys.devnet(i).write(keys);
      }
      writeNodeConfig(i, genesisTime, "keys.json");
    }
  }

  /**
   * Writes the devnet's own genesis, the source with {@code [chain] epoch_slots} replaced, when
   * {@link #withEpochSlots} asked for other epochs.
   */
  private void writeGenesis() throws IOException {
    if (epochSlots > 0) {
      String text = Files.readString(genesis);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?m)^epoch_slots\\s*=\\s*[0-9_]+").matcher(text);
      if (!m.find()) {
        throw new IOException(genesis + " has no [chain] epoch_slots line to set");
      }
      text =
          m.replaceFirst(
              "epoch_slots = "
                  + epochSlots
                  + " # set by aetherctl devnet --epoch-slots; source: "
                  + genesis.getFileName());
      Files.writeString(genesisFile(), text);
    }
  }

  /**
   * Writes {@code v<i>/node.toml}: ports {@code base + i}, bootnodes the devnet's validators, the
   * devnet genesis and the key file {@code keyFile} (relative to {@code v<i>}).
   */
  private void writeNodeConfig(int i, long genesisTime, String keyFile) throws IOException {
    Path v = dir.resolve("v" + i);
    Files.createDirectories(v);
    StringBuilder boot = new StringBuilder();
    for (int j = 0; j < validators; j++) {
      if (j != i) {
        if (boot.length() > 0) {
          boot.append(", ");
        }
        String id = Hex.encode(ValidatorKeys.devnet(j).node().publicKey().bytes()).substring(2);
        boot.append('"').append(id).append("@127.0.0.1:").append(p2pPort + j).append('"');
      }
    }
    String toml =
        "[node]\n"
            + "name = \"validator-"
            + i
            + "\"\n"
            + "genesis_time_ms = "
            + genesisTime
            + "\n"
            + "data_dir = \"data\"\n"
            + "genesis = \""
            + genesisFile()
            + "\"\n"
            + "key_file = \""
            + keyFile
            + "\"\n\n"
            + "[p2p]\n"
            + "listen = \"127.0.0.1:"
            + (p2pPort + i)
            + "\"\n"
            + "bootnodes = ["
            + boot
            + "]\n"
            + (injectRttMs > 0
                ? "inject_rtt_ms = " + injectRttMs + " # devnet only: in-process latency\n"
                : "")
            + "\n"
            + "[rpc]\n"
            + "listen = \"127.0.0.1:"
            + (rpcPort + i)
            + "\"\n"
            + "rate_per_second = 0 # devnet: no limit (the load generator polls hard)\n\n"
            + "[grpc]\n"
            + "listen = \"127.0.0.1:"
            + (grpcPort + i)
            + "\"\n\n"
            + "[metrics]\n"
            + "listen = \"127.0.0.1:"
            + (metricsPort + i)
            + "\"\n\n"
            + "[sync]\n"
            + "snapshot_interval = "
            + snapshotInterval
            + "\n"
            + "state_sync_after = "
            + Math.max(1, snapshotInterval)
            + "\n"
            + extraConfig.getOrDefault(i, "");
    Files.writeString(v.resolve("node.toml"), toml);
  }

  /**
   * Adds validator {@code i} (at or past the genesis validators) to a running devnet: copies its
   * key file into {@code v<i>/}, writes its config (same layout and ports as the others) and starts
   * it. It follows the chain as a full node until the staking program puts its cold key in an
   * epoch's validator set; from that epoch on it votes and proposes.
   */
  public Process join(int i, Path keyFile) throws IOException {
    if (i < validators) {
      throw new IllegalArgumentException("validator " + i + " is one of the genesis validators");
    }
    long genesisTime =
        JSON.readTree(dir.resolve("devnet.json").toFile()).path("genesis_time_ms").asLong();
    Path v = dir.resolve("v" + i);
    Files.createDirectories(v);
    Path keys = v.resolve("keys.json");
    if (!Files.exists(keys)) {
      Files.copy(keyFile, keys);
    }
    writeNodeConfig(i, genesisTime, "keys.json");
    return launch(i);
  }

  /** Starts every validator that is not already running (and the indexer, if asked for). */
  public List<Process> start() throws IOException {
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Path v = dir.resolve("v" + i);
      if (pid(v).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      started.add(launch(i));
    }
    if (indexer && !indexerRunning()) {
      startIndexer();
    }
    return started;
  }

  /** Starts the indexer process (its data and log under {@code devnet/indexer}). */
  public Process startIndexer() throws IOException {
    Path d = dir.resolve("indexer");
    Files.createDirectories(d);
    List<String> cmd = java();
    cmd.add("-Xmx384m");
    if (launcher.isEmpty()) {
      Path jar = home.resolve("indexer/target/aether-indexer.jar");
      if (!Files.exists(jar)) {
        throw new IOException("the indexer is not built: " + jar + " is missing (run make build)");
      }
      cmd.add("-jar");
      cmd.add(jar.toString());
    } else {
      cmd.addAll(launcher);
      cmd.add("dev.aether.indexer.IndexerMain");
    }
    cmd.addAll(
        List.of(
            "--grpc", "127.0.0.1:" + grpcPort,
            "--rpc", rpc(0).toString(),
            "--listen", "127.0.0.1:" + explorerPort,
            "--data", d.resolve("data").toString(),
            "--genesis", genesis.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .directory(d.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("indexer.log").toFile()))
            .start();
    Files.writeString(d.resolve("indexer.pid"), Long.toString(p.pid()));
    return p;
  }

  /** SIGKILLs the indexer, as in a crash (its PostgreSQL keeps running until the next start). */
  public void killIndexer() throws IOException {
    Path d = dir.resolve("indexer");
    Optional<ProcessHandle> h = pid(d, "indexer.pid").flatMap(ProcessHandle::of);
    if (h.isPresent()) {
      h.get().destroyForcibly();
      h.get().onExit().join();
    }
    Files.deleteIfExists(d.resolve("indexer.pid"));
  }

  /** Whether the indexer process is alive. */
  public boolean indexerRunning() {
    return pid(dir.resolve("indexer"), "indexer.pid")
        .flatMap(ProcessHandle::of)
        .map(ProcessHandle::isAlive)
        .orElse(false);
  }

  private static List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-XX:+UseSerialGC");
    return cmd;
  }

  private Process launch(int i) throws IOException {
    Path v = dir.resolve("v" + i);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("--sun-misc-unsafe-memory-access=allow");
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    // Chicory rejects some malformed modules only through asserts (docs/runtime.md).
    cmd.add("-ea:com.dylibso.chicory...");
    cmd.add("-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    if (protocolMax.containsKey(i)) {
      cmd.add("-Daether.protocol.max=" + protocolMax.get(i));
    }
    if (launcher.isEmpty()) {
      Path jar = home.resolve("node/target/aether-node.jar");
      if (!Files.exists(jar)) {
        throw new IOException("node is not built: " + jar + " is missing (run make build)");
      }
      cmd.add("-jar");
      cmd.add(jar.toString());
    } else {
      cmd.addAll(launcher);
      cmd.add("dev.aether.node.NodeMain");
    }
    cmd.add("--config");
    cmd.add(v.resolve("node.toml").toString());
    cmd.add("--log-level");
    cmd.add(System.getenv().getOrDefault("AETHER_LOG", "INFO"));
    Process p =
        new ProcessBuilder(cmd)
            .directory(v.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(v.resolve("node.log").toFile()))
            .start();
    Files.writeString(v.resolve("node.pid"), Long.toString(p.pid()));
    return p;
  }

  private static Optional<Long> pid(Path v) {
    return pid(v, "node.pid");
  }

  private static Optional<Long> pid(Path v, String file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(v.resolve(file)).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Node folders {@code v0, v1, ...}: the genesis validators and any that joined. */
  private int nodes() {
    int n = validators;
    while (Files.isDirectory(dir.resolve("v" + n))) {
      n++;
    }
    return n;
  }

  /** Sends SIGTERM to every node and waits for them to exit; returns how many stopped. */
  public int stop(Duration wait) throws IOException {
    int stopped = 0;
    for (int i = 0; i < nodes(); i++) {
      Path v = dir.resolve("v" + i);
      Optional<ProcessHandle> h = pid(v).flatMap(ProcessHandle::of);
      if (h.isPresent() && h.get().isAlive()) {
        h.get().destroy();
        try {
          h.get().onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          h.get().destroyForcibly();
        }
        stopped++;
      }
      Files.deleteIfExists(v.resolve("node.pid"));
    }
    stopIndexer(wait);
    return stopped;
  }

  /** SIGTERMs the indexer (it stops its PostgreSQL) and waits for it. */
  public void stopIndexer(Duration wait) throws IOException {
    Path d = dir.resolve("indexer");
    Optional<ProcessHandle> h = pid(d, "indexer.pid").flatMap(ProcessHandle::of);
    if (h.isPresent() && h.get().isAlive()) {
      h.get().destroy();
      try {
        h.get().onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.get().destroyForcibly();
      }
    }
    Files.deleteIfExists(d.resolve("indexer.pid"));
  }

  /** Running validators' count. */
  public int running() {
    int n = 0;
    for (int i = 0; i < validators; i++) {
      if (pid(dir.resolve("v" + i))
          .flatMap(ProcessHandle::of)
          .map(ProcessHandle::isAlive)
          .orElse(false)) {
        n++;
      }
    }
    return n;
  }

  /** One status line: finalized height, txs in the last block, running validators. */
  public String statusLine(RpcClient client, long[] lastTotals) {
    try {
      JsonNode b = client.call("aeth_getBlockByNumber", "finalized", false);
      long height = quantity(b.path("height"));
      long slot = quantity(b.path("slot"));
      return String.format(
          "slot %d | finalized height %d | validators up %d/%d | rpc %s",
          slot, height, running(), validators, rpc());
    } catch (RuntimeException e) {
      return String.format(
          "validators up %d/%d | rpc %s not answering yet (%s)",
          running(), validators, rpc(), e.getMessage());
    }
  }

  /** A JSON-RPC quantity: {@code "0x1a"} or a plain number. */
  public static long quantity(JsonNode n) {
    String t = n.asText();
    return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : n.asLong();
  }

  /** Prints the addresses a user needs. */
  public void printWelcome(PrintStream out) {
    out.println("Aether devnet: " + validators + " validators under " + dir);
    out.println("  JSON-RPC:    " + rpc());
    out.println(
        "  faucet key:  "
            + dir.resolve("faucet.json")
            + " (address "
            + DevnetGenesis.faucetAddress()
            + ")");
    out.println("  metrics:     http://127.0.0.1:" + metricsPort + "/metrics");
    out.println("  block stream (gRPC): 127.0.0.1:" + grpcPort);
    if (indexer) {
      out.println("  explorer:    " + explorer() + "  (GraphQL: " + explorer() + "graphql)");
    }
    out.println("  logs:        " + dir.resolve("v0/node.log") + " ...");
  }
}
