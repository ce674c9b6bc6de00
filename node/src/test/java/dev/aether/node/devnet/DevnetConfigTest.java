package dev.aether.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.node.NodeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configs the devnet launcher writes, read back the way a node reads them. */
class DevnetConfigTest {
  @TempDir Path dir;

  private Devnet devnet() {
    return new Devnet(dir, dir.resolve("devnet"), dir.resolve("genesis.toml"), 2);
  }

  @Test
  void injectedRttReachesEveryValidatorsConfig() throws Exception {
    devnet().withInjectedRtt(100).prepare(true);
    for (int i = 0; i < 2; i++) {
      NodeConfig c = NodeConfig.load(dir.resolve("devnet/v" + i + "/node.toml"));
      assertThat(c.injectRttMs()).as("v%d", i).isEqualTo(100);
      assertThat(c.bootnodes()).as("v%d", i).hasSize(1);
    }
  }

  @Test
  void withoutItTheConfigsInjectNothing() throws Exception {
    devnet().prepare(true);
    assertThat(NodeConfig.load(dir.resolve("devnet/v0/node.toml")).injectRttMs()).isZero();
    assertThatThrownBy(() -> devnet().withInjectedRtt(10_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..10000");
  }
}
