package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The people's path on the real 4-process devnet, through aetherctl only: deploy the SDK's counter
 * and token examples, call them in transactions whose access sets the node computed by simulation,
 * query them read-only, read a storage slot and the events — what docs/contracts.md walks a
 * newcomer through.
 */
class ContractDevnetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(150);

  private Devnet devnet;
  private String rpc;
  private Path key;

  @AfterEach
  void stop() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  private long finalized(int v) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(5))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  private JsonNode ok(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--rpc", rpc, "--json"));
    CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as("aetherctl %s: %s", String.join(" ", args), r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void deployCallQueryAndReadStateThroughTheCli() throws Exception {
    Path root = Path.of(System.getProperty("aether.root", "../.."));
    Path dir = Path.of("target", "contract-devnet").toAbsolutePath();
    devnet =
        new Devnet(root, dir, root.resolve("config/genesis.toml"), 4)
            .withPortOffset(6_000 + (int) (ProcessHandle.current().pid() % 500) * 8)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")));
    devnet.prepare(true);
    devnet.start();
    rpc = devnet.rpc(0).toString();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> List.of(0, 1, 2, 3).stream().allMatch(v -> finalized(v) >= 2));
    key = dir.resolve("faucet.json");
    Files.writeString(key, "{\"ed25519_seed\":\"" + DevnetGenesis.faucetSeedHex() + "\"}");

    // Counter: deploy, increment twice (access by simulation), query, storage, logs.
    Path counterWasm = root.resolve("contracts/build/counter.wasm");
    JsonNode deployed =
        ok("contract", "deploy", "--wasm", counterWasm.toString(), "--from", key.toString());
    String counter = deployed.path("contract").asText();
    assertThat(deployed.path("receipt").path("status").asText()).isEqualTo("success");
    for (int i = 0; i < 2; i++) {
      JsonNode inc =
          ok(
              "contract",
              "call",
              "--contract",
              counter,
              "--method",
              "increment",
              "--from",
              key.toString());
      assertThat(inc.path("receipt").path("status").asText()).isEqualTo("success");
      assertThat(inc.path("access").path("complete").asBoolean()).isTrue();
    }
    JsonNode got =
        ok("contract", "query", "--contract", counter, "--method", "get", "--returns", "u64");
    assertThat(got.path("decoded").get(0).asText()).isEqualTo("2");
    JsonNode slot =
        ok("contract", "storage", "--contract", counter, "--key", "count", "--returns", "u64");
    assertThat(slot.path("decoded").get(0).asText()).isEqualTo("2");
    JsonNode logs = ok("contract", "logs", "--contract", counter, "--topic", "incremented");
    assertThat(logs).hasSize(2);

    // Token: typed arguments in, typed return data out; an overdraft is refused before sending.
    Path tokenWasm = root.resolve("contracts/build/token.wasm");
    String token =
        ok("contract", "deploy", "--wasm", tokenWasm.toString(), "--from", key.toString())
            .path("contract")
            .asText();
    ok(
        "contract",
        "call",
        "--contract",
        token,
        "--method",
        "init",
        "--from",
        key.toString(),
        "--args",
        "[\"Aether Gold\", \"AGD\", {\"amount\": 1000}]");
    String bob = "0x" + "0b".repeat(32);
    ok(
        "contract",
        "call",
        "--contract",
        token,
        "--method",
        "transfer",
        "--from",
        key.toString(),
        "--args",
        "[\"" + bob + "\", {\"amount\": 250}]");
    JsonNode bal =
        ok(
            "contract",
            "query",
            "--contract",
            token,
            "--method",
            "balance_of",
            "--args",
            "[\"" + bob + "\"]",
            "--returns",
            "amount");
    assertThat(bal.path("decoded").get(0).asText()).isEqualTo("250");
    CliHarness.Result over =
        CliHarness.run(
            "contract",
            "call",
            "--contract",
            token,
            "--method",
            "transfer",
            "--from",
            key.toString(),
            "--args",
            "[\"" + bob + "\", {\"amount\": 5000}]",
            "--rpc",
            rpc);
    assertThat(over.exitCode()).isEqualTo(1);
    assertThat(over.err()).startsWith("error: ").contains("would fail");
  }
}
