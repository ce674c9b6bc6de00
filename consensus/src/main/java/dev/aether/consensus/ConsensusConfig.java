package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.Objects;

/**
 * What every node of a chain agrees on before the first block: protocol constants, the genesis
 * block (height 0, round 0, slot 0) and where validator sets come from — plus where this node
 * resumes: {@code root}, genesis on a fresh start, else a {@link Checkpoint} of a committed block
 * (the node's own head after a restart, or a state-sync target). The genesis epoch nonce is not a
 * parameter: it is derived from the genesis block ({@link #genesisNonce()}), so a node and the
 * simulator cannot disagree on it.
 */
public record ConsensusConfig(
    ConsensusParams params, Block genesis, ValidatorSetSource validators, Checkpoint root) {
  public ConsensusConfig {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(root, "root");
    if (genesis.header().height() != 0 || genesis.header().round() != 0) {
      throw new IllegalArgumentException("genesis must have height 0 and round 0");
    }
    if (root.height() == 0 && !root.id().equals(genesis.id())) {
      throw new IllegalArgumentException("a height-0 root must be the genesis block");
    }
  }

  /** A fresh start from genesis. */
  public ConsensusConfig(ConsensusParams params, Block genesis, ValidatorSetSource validators) {
    this(params, genesis, validators, Checkpoint.genesis(genesis));
  }

  /** The genesis epoch nonce {@code eta_0}: {@link EpochNonce#genesis(Block)} of the genesis. */
  public H256 genesisNonce() {
    return EpochNonce.genesis(genesis);
  }

  /** The same chain, resumed from {@code checkpoint}. */
  public ConsensusConfig withRoot(Checkpoint checkpoint) {
    return new ConsensusConfig(params, genesis, validators, checkpoint);
  }
}
