package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.node.devnet.Devnet;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on the real 4-process devnet: a load spike far past what two cores can finalize (every
 * transfer to one hot account, as the reproduction did), then the chain must keep
 * finalizing, agree on its state, and serve ordinary load again. The long version (several spikes
 * with injected latency) runs under {@code make soak}.
 */
class OverloadDevnetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(150);

  private Devnet devnet;

  @AfterEach
  void stop() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  /** Under target/, not a temporary folder: the nodes' logs stay for a post-mortem. */
  private void start(String name, long rttMs) throws IOException {
    Path root = Path.of(System.getProperty("aether.root", "../.."));
    devnet =
        new Devnet(
                root,
                Path.of("target", name).toAbsolutePath(),
                root.resolve("config/genesis.toml"),
                4)
            .withPortOffset(2_000 + (int) (ProcessHandle.current().pid() % 500) * 8)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")))
            .withInjectedRtt(rttMs);
    devnet.prepare(true);
    devnet.start();
    awaitAllFinalized(3);
  }

  private long finalized(int v) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(5))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  private void awaitAllFinalized(long height) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> List.of(0, 1, 2, 3).stream().allMatch(v -> finalized(v) >= height));
  }

  private JsonNode loadgen(String... args) throws IOException {
    CliHarness.Result r = CliHarness.run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private void spike(int tps, int seconds) throws IOException {
    loadgen(
        "loadgen",
        "--rpc",
        devnet.rpc(0).toString(),
        "--tps",
        Integer.toString(tps),
        "--duration",
        Integer.toString(seconds),
        "--hot-sink",
        "--json");
  }

  /** After a spike: more blocks become final on every validator, and their states agree. */
  private void keepsFinalizing() {
    long after = List.of(0, 1, 2, 3).stream().mapToLong(this::finalized).max().orElseThrow();
    awaitAllFinalized(after + 5);
  }

  private void servesOrdinaryLoad() throws IOException {
    JsonNode r =
        loadgen(
            "loadgen",
            "--rpc",
            devnet.rpc(1).toString(),
            "--tps",
            "10",
            "--duration",
            "8",
            "--json");
    assertThat(r.path("rejected").asLong()).isZero();
    assertThat(r.path("finalized").asLong()).isGreaterThanOrEqualTo(72);
  }

  private void statesAgreeAndNoRootMismatches() throws Exception {
    long h = List.of(0, 1, 2, 3).stream().mapToLong(this::finalized).min().orElseThrow();
    Set<String> roots = new HashSet<>();
    for (int v = 0; v < 4; v++) {
      try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(5))) {
        roots.add(c.call("aeth_getBlockByNumber", h, false).path("stateRoot").asText());
      }
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(devnet.metrics(v)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics.lines().filter(l -> l.startsWith("aether_root_mismatches_total{")))
          .allMatch(l -> l.endsWith(" 0.0"));
    }
    assertThat(roots).hasSize(1);
  }

  @Test
  void aSpikePastSaturationLeavesTheChainFinalizingAndServingLoad() throws Exception {
    start("overload-devnet", 0);
    spike(400, 8);
    keepsFinalizing();
    servesOrdinaryLoad();
    statesAgreeAndNoRootMismatches();
  }

  @Test
  @Tag("soak")
  void repeatedSpikesWithLatencyLeaveTheChainFinalizing() throws Exception {
    start("overload-soak-devnet", 100);
    for (int i = 0; i < 3; i++) {
      spike(500, 20);
      keepsFinalizing();
      servesOrdinaryLoad();
    }
    statesAgreeAndNoRootMismatches();
  }
}
