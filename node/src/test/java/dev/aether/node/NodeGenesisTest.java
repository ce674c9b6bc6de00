package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.EpochNonce;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.types.Block;
import dev.aether.types.Hashing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The node derives the genesis epoch nonce the way the simulator does: through {@link
 * ConsensusConfig}, which has no other way to get one than {@link EpochNonce#genesis(Block)}. (The
 * node used to take the raw genesis block id, the simulator a hash of a made-up chain id.)
 */
class NodeGenesisTest {
  @Test
  void genesisNonceIsTheSharedFunctionOfTheGenesisBlock() throws Exception {
    GenesisConfig g =
        GenesisParser.parse(
            Path.of(System.getProperty("aether.root", "..")).resolve("config/genesis.toml"));
    Block genesis = NodeGenesis.block(g);
    ConsensusConfig config = NodeGenesis.consensus(g, genesis);

    assertThat(config.genesisNonce()).isEqualTo(EpochNonce.genesis(genesis));
    assertThat(config.genesisNonce())
        .isEqualTo(Hashing.tagged("aether/eta0/v1", genesis.id().toArray()));
    assertThat(config.genesisNonce()).isNotEqualTo(genesis.id());
    // The first epoch's lottery (the root checkpoint) is drawn with it.
    assertThat(config.root().eta()).isEqualTo(config.genesisNonce());
  }
}
