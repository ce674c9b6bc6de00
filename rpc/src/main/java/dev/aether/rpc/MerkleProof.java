package dev.aether.rpc;

import dev.aether.types.H256;
import java.util.List;

/**
 * An inclusion proof for one leaf of a binary Merkle tree, as the ledger builds it: the leaf's
 * index and the sibling hashes from the leaf up to the root. RPC carries it without interpreting
 * it; the ledger module defines how to fold it into a root.
 */
public record MerkleProof(long index, List<H256> siblings) {
  public MerkleProof {
    if (index < 0) {
      throw new IllegalArgumentException("leaf index must be non-negative");
    }
    siblings = List.copyOf(siblings);
  }
}
