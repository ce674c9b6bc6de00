package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.ChainParams;
import dev.aether.ledger.RocksStateStore;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.programs.governance.GovView;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aetherctl gov rehearse} on a node directory whose RocksDB state holds an open proposal
 * (made through the CLI against a real ledger over that store): the fork executes the proposal at
 * once and keeps producing blocks under it; an upgrade this binary does not support halts the fork
 * and the command says so; the node's own state is left as it was.
 */
class GovRehearseTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  GenesisConfig genesis;
  Path nodeDir;
  Path faucet;

  @BeforeEach
  void node() throws Exception {
    Path genesisFile = AmmGovCommandsTest.ROOT.resolve("config/genesis.toml").toAbsolutePath();
    genesis = GenesisParser.parse(genesisFile);
    nodeDir = dir.resolve("v0");
    Files.createDirectories(nodeDir.resolve("data"));
    Files.writeString(
        nodeDir.resolve("node.toml"),
        "[node]\nname = \"v0\"\ngenesis_time_ms = 1700000000000\ndata_dir = \"data\"\ngenesis = \""
            + genesisFile.toString().replace("\\", "/")
            + "\"\n\n[p2p]\nlisten = \"127.0.0.1:0\"\n");
    faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
  }

  /** Submits a proposal through the CLI against a ledger over the node's store; returns its id. */
  private long propose(String... kind) throws Exception {
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      LedgerBackend chain = new LedgerBackend(genesis, store);
      try (RpcServer rpc =
          RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000))) {
        String[] args =
            concat(
                new String[] {"gov", "propose", "--title", "rehearse me"},
                kind,
                new String[] {
                  "--deposit",
                  genesis.governance().minDeposit().toString(),
                  "--key",
                  faucet.toString(),
                  "--json",
                  "--rpc",
                  "http://127.0.0.1:" + rpc.address().getPort()
                });
        CliHarness.Result r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return JSON.readTree(r.out()).path("proposal").asLong();
      }
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  private String status(long id) {
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      LedgerBackend chain = new LedgerBackend(genesis, store);
      return new GovView(chain.ledger().state()).proposal(id).orElseThrow().status().name();
    }
  }

  @Test
  void aFeeChangeIsAppliedAtOnceAndTheForkKeepsExecutingUnderIt() throws Exception {
    long a = genesis.fees().a();
    long id = propose("--param", "fees.a=" + (2 * a));
    CliHarness.Result r =
        CliHarness.run(
            "gov",
            "rehearse",
            "--proposal",
            Long.toString(id),
            "--node-dir",
            nodeDir.toString(),
            "--blocks",
            "4",
            "--txs",
            "5",
            "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("keptExecuting").asBoolean()).isTrue();
    assertThat(j.path("outcome").asText()).startsWith("executed: parameters in force");
    assertThat(j.path("changed").path("fees.a").path("after").asText())
        .isEqualTo(Long.toString(2 * a));
    assertThat(j.path("perBlock")).hasSize(5);
    assertThat(j.path("txsIncluded").asInt()).isEqualTo(20);
    // Every loaded block charged the new base fee: a transfer costs more than fees.a = 2a.
    for (int i = 1; i < 5; i++) {
      assertThat(j.path("perBlock").get(i).path("included").asInt()).isEqualTo(5);
      assertThat(Long.parseLong(j.path("perBlock").get(i).path("feePerTx").asText()))
          .isGreaterThan(2 * a);
    }
    // The node's own state is untouched: the proposal is still being voted on there.
    assertThat(status(id)).isEqualTo("VOTING");
    CliHarness.Result human =
        CliHarness.run(
            "gov", "rehearse", "--proposal", Long.toString(id), "--node-dir", nodeDir.toString());
    assertThat(human.exitCode()).isZero();
    assertThat(human.out()).contains("fees.a: " + a + " -> " + (2 * a)).contains("kept executing");
  }

  @Test
  void anUpgradeThisBinaryDoesNotSupportHaltsTheForkAndFailsTheRehearsal() throws Exception {
    int next = ChainParams.PROTOCOL_VERSION + 1;
    long id =
        propose(
            "--upgrade-version",
            Integer.toString(next),
            "--upgrade-height",
            "100000",
            "--release",
            "aether v" + next);
    CliHarness.Result r =
        CliHarness.run(
            "gov",
            "rehearse",
            "--proposal",
            Long.toString(id),
            "--node-dir",
            nodeDir.toString(),
            "--blocks",
            "3");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("HALTED at height").contains("did NOT keep executing");
    assertThat(r.out()).containsIgnoringCase("version " + next);
    assertThat(status(id)).isEqualTo("VOTING");
  }

  @Test
  void aMissingProposalOrNodeDirectoryIsAClearError() throws Exception {
    propose("--param", "fees.a=1");
    CliHarness.Result missing =
        CliHarness.run("gov", "rehearse", "--proposal", "99", "--node-dir", nodeDir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: proposal 99 is not in the node's state");
    CliHarness.Result noDir =
        CliHarness.run(
            "gov", "rehearse", "--proposal", "1", "--node-dir", dir.resolve("nope").toString());
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).startsWith("error: no node.toml in");
    assertThat(noDir.err()).doesNotContain("Exception");
  }
}
