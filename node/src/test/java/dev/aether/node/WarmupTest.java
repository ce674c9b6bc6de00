package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.LedgerConfig;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Receipt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {
  @Test
  void warmUpRunsRealTransfersUnderTheChainsRules() throws Exception {
    GenesisConfig g =
        GenesisParser.parse(
            Path.of(System.getProperty("aether.root", "..")).resolve("config/genesis.toml"));
    LedgerConfig config = LedgerConfig.fromGenesis(g);
    try (ParallelExecutor executor = new ParallelExecutor(2)) {
      List<Receipt> receipts =
          Warmup.run(
              config,
              ContractCalls.genesis(config.fees(), g.chain().epochSlots()),
              executor,
              50,
              2);
      assertThat(receipts).hasSize(50);
      assertThat(receipts).allMatch(r -> r.status() == Receipt.Status.SUCCESS);
    }
  }
}
