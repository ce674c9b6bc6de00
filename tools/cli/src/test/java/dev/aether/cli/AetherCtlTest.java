package dev.aether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AetherCtlTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));

  @Test
  void helpListsSubcommands() {
    CliHarness.Result r = CliHarness.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("version").contains("genesis");
  }

  @Test
  void versionPrintsToolAndJavaVersion() {
    CliHarness.Result r = CliHarness.run("version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("aetherctl ").contains("java 25");
  }

  @Test
  void genesisHashOfTheRepositoryGenesisIsStableAcrossRuns() {
    Path genesis = ROOT.resolve("config/genesis.toml");
    CliHarness.Result first = CliHarness.run("genesis", "hash", genesis.toString());
    CliHarness.Result second = CliHarness.run("genesis", "hash", genesis.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).matches("0x[0-9a-f]{64}\\s*");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void invalidGenesisGivesOneLineNamingTheFieldAndExitTwo(@TempDir Path dir) throws Exception {
    String text =
        Files.readString(ROOT.resolve("config/genesis.toml")).replace("a = 10_000", "a = -3");
    Path bad = dir.resolve("bad.toml");
    Files.writeString(bad, text);
    CliHarness.Result r = CliHarness.run("genesis", "hash", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("error: invalid genesis")
        .contains("[fees].a")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliHarness.Result r = CliHarness.run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: unknown command 'frobnicate' for 'aetherctl'");
  }

  @Test
  void missingFileIsAClearError() {
    CliHarness.Result r = CliHarness.run("genesis", "hash", "/nonexistent/genesis.toml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read").doesNotContain("at dev.aether");
  }

  @Test
  void devnetGenesisMatchesTheValidatorsInTheRepositoryGenesis() throws Exception {
    CliHarness.Result r = CliHarness.run("devnet", "genesis", "--validators", "4");
    assertThat(r.exitCode()).isZero();
    String repo = Files.readString(ROOT.resolve("config/genesis.toml"));
    assertThat(repo).endsWith(r.out());
  }

  @Test
  void chainCommandsWithoutANodeFailInOneLine() {
    CliHarness.Result r =
        CliHarness.run("balance", "0x" + "11".repeat(32), "--rpc", "http://127.0.0.1:1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("error: aeth_getBalance via http://127.0.0.1:1")
        .doesNotContain("\n");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(CliHarness.run("balance", "0x12").exitCode()).isEqualTo(2);
    assertThat(CliHarness.run("submit-tx", "/nonexistent.json").exitCode()).isEqualTo(2);
    assertThat(CliHarness.run("block", "get", "tomorrow").exitCode()).isEqualTo(2);
    assertThat(CliHarness.run("loadgen", "--tps", "0").exitCode()).isEqualTo(2);
  }

  @Test
  void devnetRefusesAnInjectedRttOutOfRangeBeforeWritingAnything(@TempDir Path dir) {
    for (String cmd : new String[] {"up", "run"}) {
      for (String rtt : new String[] {"-1", "10001"}) {
        Path devnet = dir.resolve(cmd + rtt);
        CliHarness.Result r =
            CliHarness.run("devnet", cmd, "--dir", devnet.toString(), "--rtt-ms", rtt);
        assertThat(r.exitCode()).as(cmd + " " + rtt).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --rtt-ms must be 0..10000");
        assertThat(devnet).doesNotExist();
      }
    }
  }

  @Test
  void submitTxExampleFileIsWellFormed() throws Exception {
    var spec =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(ROOT.resolve("tests/txs/genesis_stakes.json").toFile());
    assertThat(spec.path("actions")).hasSize(8);
    assertThat(spec.path("key").asText()).isEqualTo("devnet-faucet");
  }
}
