package dev.aether.cli;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.Genesis;
import dev.aether.types.H256;

/**
 * The initial state root for a genesis configuration: the ledger's Sparse Merkle root over the
 * balances and every native program's genesis objects — what the node's genesis block commits to.
 */
final class GenesisState {
  private GenesisState() {}

  static H256 root(GenesisConfig config) {
    return Genesis.stateRoot(dev.aether.node.NodeGenesis.allocation(config));
  }
}
