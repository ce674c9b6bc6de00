package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real validator processes on loopback (real QUIC, RocksDB, BLS, VRF, KES): transactions
 * become final, every node reaches the same state root, the chain survives a SIGKILLed validator,
 * the killed one and one with a wiped data directory catch up, and bad RPC input is answered with
 * an error while the node keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetProcessTest {
  static final Duration PATIENCE = Duration.ofSeconds(150);

  /** Small, so a wiped node is far enough behind to state-sync within the test. */
  static final long SNAPSHOT_INTERVAL = 10;

  @TempDir static Path dir;
  static Devnet devnet;
  static Path root;
  static int portOffset;

  @BeforeAll
  static void startDevnet() throws IOException {
    root = Path.of(System.getProperty("aether.root", ".."));
    portOffset = 1_000 + (int) (ProcessHandle.current().pid() % 500) * 8;
    devnet =
        new Devnet(root, dir.resolve("devnet"), root.resolve("config/genesis.toml"), 4)
            .withPortOffset(portOffset)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")))
            .withSnapshotInterval(SNAPSHOT_INTERVAL);
    devnet.prepare(true);
    devnet.start();
  }

  @AfterAll
  static void stopDevnet() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  static long finalized(int v) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(3))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  static JsonNode block(int v, long height) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(3))) {
      return c.call("aeth_getBlockByNumber", height, false);
    }
  }

  static void awaitFinalized(int v, long height) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> finalized(v) >= height);
  }

  @Test
  @Order(1)
  void transactionSubmittedViaRpcBecomesFinalWithAVerifiableReceipt() {
    awaitFinalized(0, 2);
    Ed25519KeyPair faucet = DevnetGenesis.faucetKey();
    Address from = DevnetGenesis.faucetAddress();
    Address to = Address.ofPublicKey(new byte[32]);
    try (RpcClient c = new RpcClient(devnet.rpc(1), Duration.ofSeconds(5))) {
      Tx tx = faucetTransfer(c, to, 777);
      String id = c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText();
      assertThat(id).isEqualTo(tx.id().toHex());
      lastTx = id;
    }
    try (RpcClient c0 = new RpcClient(devnet.rpc(0), Duration.ofSeconds(5))) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !c0.call("aeth_getTransactionReceipt", tx_id()).isNull());
      JsonNode r = c0.call("aeth_getTransactionReceipt", tx_id());
      assertThat(r.path("status").asText()).isEqualTo("success");
      JsonNode b = c0.call("aeth_getBlockByNumber", r.path("blockHeight").asLong(), false);
      assertThat(r.path("receiptsRoot").asText()).isEqualTo(b.path("receiptsRoot").asText());
      assertThat(c0.call("aeth_getBalance", to.toString()).path("AIC").asText()).isEqualTo("777");
    }
  }

  private static String lastTx;

  /** A signed transfer of {@code amount} AIC from the devnet faucet, at its next nonce. */
  static Tx faucetTransfer(RpcClient c, Address to, long amount) {
    Address from = DevnetGenesis.faucetAddress();
    long nonce = Devnet.quantity(c.call("aeth_getAccount", from.toString()).path("nonce"));
    return BankProgram.signed(
        DevnetGenesis.faucetKey(),
        BankProgram.transferBody(
            "aether-dev-1", from, nonce, to, Value.of(AssetId.AIC, amount), 1_000_000, 1_000_000));
  }

  private static String tx_id() {
    return lastTx;
  }

  @Test
  @Order(2)
  void everyNodeReachesTheSameStateRoots() throws Exception {
    long h = finalized(0);
    for (int v = 0; v < 4; v++) {
      awaitFinalized(v, h);
    }
    Set<String> roots = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int v = 0; v < 4; v++) {
      JsonNode b = block(v, h);
      roots.add(b.path("stateRoot").asText());
      ids.add(b.path("hash").asText());
    }
    assertThat(roots).hasSize(1);
    assertThat(ids).hasSize(1);
    // The transaction's block body travelled as Turbine shreds, rebuilt by the other validators
    // (not fetched whole).
    double rebuilt = 0;
    for (int v = 0; v < 4; v++) {
      rebuilt += metric(v, "aether_block_bodies_rebuilt_total");
    }
    assertThat(rebuilt).isGreaterThanOrEqualTo(2);
  }

  static double metric(int v, String name) throws Exception {
    String text =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(devnet.metrics(v)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  @Order(3)
  void chainKeepsFinalizingWithOneValidatorKilledAndTheRestartedOneCatchesUp() throws IOException {
    devnet.kill(3);
    long before = finalized(0);
    awaitFinalized(0, before + 3);
    devnet.start(3);
    long target = finalized(0);
    awaitFinalized(3, target);
    assertSameBlockAtHead(3);
    // It resumed consensus at its own last checkpoint, not by replaying from genesis.
    assertThat(log(3)).contains("consensus resumes at height");
  }

  @Test
  @Order(4)
  void nodeWithWipedDataDirectoryStateSyncsFromAVouchedSnapshotAndRejoins() throws IOException {
    awaitFinalized(0, 3 * SNAPSHOT_INTERVAL);
    devnet.kill(2);
    devnet.wipe(2);
    devnet.start(2);
    long target = finalized(0);
    awaitFinalized(2, target);
    assertSameBlockAtHead(2);
    // It took the snapshot (verified chunk by chunk), not every block since genesis: the early
    // blocks its peers hold are absent on it.
    assertThat(log(2)).contains("state synced to height");
    assertThat(block(0, 1).path("hash").isTextual()).isTrue();
    assertThat(block(2, 1).isNull()).as("block 1 on the state-synced node").isTrue();
    // And it keeps following the chain as a validator, and says it is in step.
    awaitFinalized(2, target + 5);
    try (RpcClient c = new RpcClient(devnet.rpc(2), Duration.ofSeconds(3))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> c.call("aeth_syncing").isBoolean() && !c.call("aeth_syncing").asBoolean());
    }
  }

  /**
   * Validator {@code v}'s final block equals validator 0's at that height (compared at {@code v}'s
   * own head: a node that state-synced stores no blocks below its snapshot, which may be above a
   * height read before it started).
   */
  static void assertSameBlockAtHead(int v) {
    long h = finalized(v);
    awaitFinalized(0, h);
    JsonNode mine = block(v, h);
    assertThat(mine.path("hash").asText())
        .isNotEmpty()
        .isEqualTo(block(0, h).path("hash").asText());
    assertThat(mine.path("stateRoot").asText()).isEqualTo(block(0, h).path("stateRoot").asText());
  }

  static String log(int v) throws IOException {
    return java.nio.file.Files.readString(devnet.dir().resolve("v" + v).resolve("node.log"));
  }

  @Test
  @Order(5)
  void malformedRpcInputGetsAnErrorAndTheNodeKeepsServing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = devnet.rpc(0);
    for (String body :
        List.of(
            "{not json",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"aeth_nope\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"aeth_sendRawTransaction\",\"params\":[\"0xzz\"]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"aeth_sendRawTransaction\",\"params\":[\"0x00\"]}")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("\"error\"").doesNotContain("Exception");
    }
    assertThat(finalized(0)).isGreaterThan(0);
  }

  @Test
  @Order(6)
  void fullNodeWithoutKeysStateSyncsFollowsTheChainAndRelaysTransactions() throws Exception {
    // Ports after the validators' (the test's port block holds 8 per kind).
    int offset = portOffset + 4;
    Path f = dir.resolve("full");
    java.nio.file.Files.createDirectories(f);
    long genesisTime =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(devnet.dir().resolve("devnet.json").toFile())
            .path("genesis_time_ms")
            .asLong();
    StringBuilder boot = new StringBuilder();
    for (int j = 0; j < 4; j++) {
      String id =
          Hex.encode(dev.aether.node.keys.ValidatorKeys.devnet(j).node().publicKey().bytes())
              .substring(2);
      boot.append(j == 0 ? "" : ", ")
          .append('"')
          .append(id)
          .append("@127.0.0.1:")
          .append(Devnet.P2P_PORT + portOffset + j)
          .append('"');
    }
    java.nio.file.Files.writeString(
        f.resolve("node.toml"),
        "[node]\nname = \"full-0\"\ngenesis_time_ms = "
            + genesisTime
            + "\ndata_dir = \"data\"\ngenesis = \""
            + devnet.genesisFile()
            + "\"\n\n[p2p]\nlisten = \"127.0.0.1:"
            + (Devnet.P2P_PORT + offset)
            + "\"\nbootnodes = ["
            + boot
            + "]\n\n[rpc]\nlisten = \"127.0.0.1:"
            + (Devnet.RPC_PORT + offset)
            + "\"\nrate_per_second = 0\n\n[sync]\nsnapshot_interval = "
            + SNAPSHOT_INTERVAL
            + "\nstate_sync_after = "
            + SNAPSHOT_INTERVAL
            + "\n");
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-ea:com.dylibso.chicory...",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.aether.node.NodeMain",
            "--config",
            f.resolve("node.toml").toString()));
    Process full =
        new ProcessBuilder(cmd)
            .directory(f.toFile())
            .redirectErrorStream(true)
            .redirectOutput(f.resolve("node.log").toFile())
            .start();
    URI fullRpc = URI.create("http://127.0.0.1:" + (Devnet.RPC_PORT + offset));
    try (RpcClient c = new RpcClient(fullRpc, Duration.ofSeconds(3))) {
      long target = finalized(0);
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () ->
                  Devnet.quantity(
                          c.call("aeth_getBlockByNumber", "finalized", false).path("height"))
                      >= target);
      // Compare at the full node's own final height: it may have state-synced past target, and
      // it stores no blocks below its snapshot.
      long h = Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
      awaitFinalized(0, h);
      assertThat(c.call("aeth_getBlockByNumber", h, false).path("stateRoot").asText())
          .isEqualTo(block(0, h).path("stateRoot").asText())
          .isNotEmpty();
      assertThat(java.nio.file.Files.readString(f.resolve("node.log")))
          .contains("running as full node")
          .doesNotContain("is not a genesis validator")
          .contains("state synced to height");
      // A transaction sent to the full node reaches the validators by gossip and becomes final.
      Address to =
          Address.ofPublicKey(
              new byte[] {
                9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
                9, 9, 9, 9
              });
      Tx tx = faucetTransfer(c, to, 555);
      c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx)));
      try (RpcClient c0 = new RpcClient(devnet.rpc(0), Duration.ofSeconds(3))) {
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> !c0.call("aeth_getTransactionReceipt", tx.id().toHex()).isNull());
      }
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !c.call("aeth_getTransactionReceipt", tx.id().toHex()).isNull());
    } finally {
      full.destroy();
      full.waitFor();
    }
  }
}
