package dev.aether.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.node.devnet.Devnet;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's commands, pasted in order on a fresh devnet, all work: every {@code ```sh} block
 * after "The two commands" runs, as written, in one {@code bash -euo pipefail} session in a folder
 * laid out like a checkout ({@code bin/}, {@code config/}, ... linked; {@code devnet/} the running
 * devnet's folder), with {@code AETHER_RPC} pointing at the devnet's node (its ports are offset so
 * the test can run beside a user's devnet). Runs after {@code package} (failsafe), because the
 * commands use {@code bin/aetherctl}, which launches the packaged jar.
 */
class ReadmeCommandsIT {
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");

  private Devnet devnet;

  @AfterEach
  void stop() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(15));
    }
  }

  /** Every sh block of the README but the first (make devnet / make test themselves). */
  static List<String> commandBlocks(String readme) {
    List<String> blocks = new ArrayList<>();
    Matcher m = SH_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("README sh blocks").hasSizeGreaterThan(1);
    assertThat(blocks.getFirst()).contains("make devnet").contains("make test");
    return blocks.subList(1, blocks.size());
  }

  private long finalized(int v) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(5))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  @Test
  void everyReadmeCommandWorksPastedInOrderOnAFreshDevnet() throws Exception {
    Path root = Path.of(System.getProperty("aether.root", "../..")).toAbsolutePath().normalize();
    List<String> blocks = commandBlocks(Files.readString(root.resolve("README.md")));

    Path work = Path.of("target", "readme-session").toAbsolutePath();
    if (Files.exists(work)) {
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(work);
    for (String linked : List.of("bin", "config", "tests", "contracts", "ai-mesh", "testdata")) {
      Files.createSymbolicLink(work.resolve(linked), root.resolve(linked));
    }
    devnet =
        new Devnet(root, work.resolve("devnet"), root.resolve("config/genesis.toml"), 4)
            .withPortOffset(7_000 + (int) (ProcessHandle.current().pid() % 500) * 8)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")));
    devnet.prepare(true);
    devnet.start();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> List.of(0, 1, 2, 3).stream().allMatch(v -> finalized(v) >= 2));

    String script = "set -euo pipefail\nset -x\n" + String.join("\n", blocks);
    Files.writeString(work.resolve("readme.sh"), script);
    ProcessBuilder pb =
        new ProcessBuilder("bash", work.resolve("readme.sh").toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("readme.log").toFile());
    pb.environment().put("AETHER_RPC", devnet.rpc(0).toString());
    Process p = pb.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String log = Files.readString(work.resolve("readme.log"), StandardCharsets.UTF_8);
    assertThat(done).as("README commands finished within 10 minutes:\n%s", log).isTrue();
    assertThat(p.exitValue()).as("README commands, pasted in order:\n%s", log).isZero();
  }
}
