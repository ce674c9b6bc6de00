package dev.aether.cli;

import dev.aether.genesis.GenesisConfig;
import dev.aether.types.H256;

/**
 * The initial state root for a genesis configuration. Until the ledger module computes the Sparse
 * Merkle root of the initial state, genesis commits to the state through the configuration hash
 * alone and the state root field is zero (docs/adr/0002-genesis-commitment.md).
 */
final class GenesisState {
  private GenesisState() {}

  static H256 root(GenesisConfig config) {
    return H256.ZERO;
  }
}
