package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.SafetyState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  @TempDir Path dir;

  static final String VALID =
      """
      [node]
      name = "v0"
      genesis_time_ms = 1700000000000
      data_dir = "data"
      genesis = "genesis.toml"
      key_file = "keys.json"

      [p2p]
      listen = "127.0.0.1:30300"
      bootnodes = ["aa@127.0.0.1:30301"]

      [rpc]
      listen = "127.0.0.1:8545"
      rate_per_second = 0
      """;

  Path write(String text) throws Exception {
    Path f = dir.resolve("node.toml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void parsesAndResolvesPathsAgainstTheConfigFolder() throws Exception {
    NodeConfig c = NodeConfig.load(write(VALID));
    assertThat(c.name()).isEqualTo("v0");
    assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
    assertThat(c.keyFile()).contains(dir.toAbsolutePath().resolve("keys.json"));
    assertThat(c.p2pListen().getPort()).isEqualTo(30300);
    assertThat(c.rpcListen().orElseThrow().getPort()).isEqualTo(8545);
    assertThat(c.metricsListen()).isEmpty();
    assertThat(c.rpcRatePerSecond()).isZero();
    assertThat(c.bootnodes()).containsExactly("aa@127.0.0.1:30301");
    assertThat(c.injectRttMs()).isZero();
    assertThat(c.injectedOneWayDelay()).isZero();
  }

  @Test
  void injectedRttIsHalvedIntoAOneWayDelay() throws Exception {
    NodeConfig c = NodeConfig.load(write(VALID.replace("[p2p]", "[p2p]\ninject_rtt_ms = 101")));
    assertThat(c.injectRttMs()).isEqualTo(101);
    assertThat(c.injectedOneWayDelay()).isEqualTo(java.time.Duration.ofMillis(101).dividedBy(2));
    assertThat(
            NodeConfig.load(write(VALID.replace("[p2p]", "[p2p]\ninject_rtt_ms = 10000")))
                .injectRttMs())
        .isEqualTo(10_000);
  }

  @Test
  void injectedRttOutsideItsRangeOrNotAWholeNumberIsRefused() throws Exception {
    for (String bad : List.of("-1", "10001", "1.5", "\"100\"", "true")) {
      assertThatThrownBy(
              () -> NodeConfig.load(write(VALID.replace("[p2p]", "[p2p]\ninject_rtt_ms = " + bad))))
          .as(bad)
          .isInstanceOf(NodeConfig.ConfigException.class)
          .hasMessageContaining("[p2p].inject_rtt_ms")
          .hasMessageContaining("0..10000");
    }
  }

  @Test
  void everyBadValueNamesItsField() throws Exception {
    assertThatThrownBy(
            () -> NodeConfig.load(write(VALID.replace("genesis_time_ms = 1700000000000", ""))))
        .hasMessageContaining("[node].genesis_time_ms");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID.replace("127.0.0.1:30300", "nowhere"))))
        .hasMessageContaining("[p2p].listen: expected host:port");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID.replace("127.0.0.1:8545", "h:99999"))))
        .hasMessageContaining("[rpc].listen: invalid port");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID.replace("[p2p]", "[p2px]"))))
        .hasMessageContaining("[p2p]: missing section");
    assertThatThrownBy(() -> NodeConfig.load(write("[node\n")))
        .isInstanceOf(NodeConfig.ConfigException.class)
        .hasMessageContaining("not valid TOML");
    assertThatThrownBy(() -> NodeConfig.load(dir.resolve("missing.toml")))
        .hasMessageContaining("cannot read config");
  }

  @Test
  void syncSectionHasDefaultsAndRejectsBadValues() throws Exception {
    assertThat(NodeConfig.load(write(VALID)).sync()).isEqualTo(NodeConfig.Sync.DEFAULTS);
    NodeConfig.Sync s =
        NodeConfig.load(
                write(
                    VALID
                        + "\n[sync]\nsnapshot_interval = 50\nstate_sync = false\n"
                        + "state_sync_after = 200\nchunk_bits = 4\n"))
            .sync();
    assertThat(s).isEqualTo(new NodeConfig.Sync(50, false, 200, 4, 5_000));
    assertThatThrownBy(() -> NodeConfig.load(write(VALID + "\n[sync]\nchunk_bits = 30\n")))
        .hasMessageContaining("[sync].chunk_bits");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID + "\n[sync]\nstate_sync = \"yes\"\n")))
        .hasMessageContaining("[sync].state_sync");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID + "\n[sync]\nsnapshot_interval = -1\n")))
        .hasMessageContaining("[sync].snapshot_interval");
  }

  @Test
  void commandLineOverridesAreAppliedAndValidatedLikeTheFile() throws Exception {
    NodeConfig c =
        NodeConfig.load(
            write(VALID),
            List.of(
                "p2p.listen=127.0.0.1:31000",
                "sync.snapshot_interval=42",
                "metrics.listen=127.0.0.1:9999",
                "p2p.bootnodes=[\"bb@127.0.0.1:1\", \"cc@127.0.0.1:2\"]"));
    assertThat(c.p2pListen().getPort()).isEqualTo(31000);
    assertThat(c.sync().snapshotInterval()).isEqualTo(42);
    assertThat(c.metricsListen().orElseThrow().getPort()).isEqualTo(9999);
    assertThat(c.bootnodes()).containsExactly("bb@127.0.0.1:1", "cc@127.0.0.1:2");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID), List.of("p2p.listen=nowhere")))
        .hasMessageContaining("[p2p].listen");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID), List.of("listen=1")))
        .hasMessageContaining("expected section.key=value");
    assertThatThrownBy(() -> NodeConfig.load(write(VALID), List.of("sync.chunk_bits=99")))
        .hasMessageContaining("[sync].chunk_bits");
  }

  @Test
  void nodeMainTurnsNamedFlagsIntoOverrides() {
    NodeMain m = new NodeMain();
    new picocli.CommandLine(m)
        .parseArgs(
            "--config",
            "x.toml",
            "--data-dir",
            "/tmp/d",
            "--rpc-listen",
            "0.0.0.0:8600",
            "--no-state-sync",
            "--set",
            "sync.chunk_bits=8");
    assertThat(m.allOverrides())
        .containsExactly(
            "sync.chunk_bits=8",
            "node.data_dir=\"/tmp/d\"",
            "rpc.listen=\"0.0.0.0:8600\"",
            "sync.state_sync=false");
  }

  @Test
  void safetyStateSurvivesReopenAndStartsInitial() {
    SafetyStore store = new SafetyStore(dir);
    assertThat(store.load()).isEqualTo(SafetyState.INITIAL);
    store.save(new SafetyState(0, 7, 5, 6));
    store.save(new SafetyState(2, 9, 8, 9));
    assertThat(new SafetyStore(dir).load()).isEqualTo(new SafetyState(2, 9, 8, 9));
    assertThat(dir.resolve("safety.bin.tmp")).doesNotExist();
  }

  @Test
  void theDoubleSignTestSwitchIsOffByDefaultAndRefusedOffDevnet() throws Exception {
    assertThat(NodeConfig.load(write(VALID)).testDoubleSign()).isFalse();
    NodeConfig on = NodeConfig.load(write(VALID + "\n[testing]\ndouble_sign = true\n"));
    assertThat(on.testDoubleSign()).isTrue();
    assertThatThrownBy(() -> NodeConfig.load(write(VALID + "\n[testing]\ndouble_sign = 1\n")))
        .isInstanceOf(NodeConfig.ConfigException.class)
        .hasMessageContaining("[testing].double_sign");

    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("aether.root", ".."));
    String devnetText = Files.readString(root.resolve("config/genesis.toml"));
    var devnet = dev.aether.genesis.GenesisParser.parse(devnetText);
    Node.refuseTestSwitchesOffDevnet(on, devnet); // a devnet genesis with a key file: allowed
    var publicNet =
        dev.aether.genesis.GenesisParser.parse(
            devnetText
                .replace("faucet = true", "faucet = false")
                .replace("allow_dev_attestations = true", "allow_dev_attestations = false"));
    assertThatThrownBy(() -> Node.refuseTestSwitchesOffDevnet(on, publicNet))
        .isInstanceOf(NodeConfig.ConfigException.class)
        .hasMessageContaining("needs a devnet genesis");
    NodeConfig keyless =
        NodeConfig.load(
            write(
                VALID.replace("key_file = \"keys.json\"\n", "")
                    + "\n[testing]\ndouble_sign = true\n"));
    assertThatThrownBy(() -> Node.refuseTestSwitchesOffDevnet(keyless, devnet))
        .isInstanceOf(NodeConfig.ConfigException.class);
  }
}
