package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.Objects;

/**
 * What every node of a chain agrees on before the first block: protocol constants, the genesis
 * block (height 0, round 0, slot 0), the genesis epoch nonce and where validator sets come from.
 */
public record ConsensusConfig(
    ConsensusParams params, Block genesis, H256 genesisNonce, ValidatorSetSource validators) {
  public ConsensusConfig {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(genesisNonce, "genesisNonce");
    Objects.requireNonNull(validators, "validators");
    if (genesis.header().height() != 0 || genesis.header().round() != 0) {
      throw new IllegalArgumentException("genesis must have height 0 and round 0");
    }
  }
}
