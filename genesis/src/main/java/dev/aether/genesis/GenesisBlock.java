package dev.aether.genesis;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import java.util.List;
import java.util.Optional;

/**
 * The genesis block: height, slot and round 0, no parent, no transactions. Its {@code txRoot} holds
 * the hash of the canonical configuration and its {@code stateRoot} the root of the initial state
 * built from it, so the block and its hash are a pure function of {@code genesis.toml}.
 */
public final class GenesisBlock {
  private GenesisBlock() {}

  public static Block of(GenesisConfig config, H256 initialStateRoot) {
    Header header =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            config.configHash(),
            initialStateRoot,
            H256.ZERO,
            H256.ZERO,
            QuorumCert.genesis(H256.ZERO),
            Optional.empty());
    return new Block(header, List.of(), Bytes.EMPTY);
  }
}
