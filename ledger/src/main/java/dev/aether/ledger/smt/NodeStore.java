package dev.aether.ledger.smt;

import java.util.Optional;

/**
 * Where a {@link SparseMerkleTree} keeps its nodes, addressed by path (see {@link
 * SparseMerkleTree#pathKey}). The ledger passes an overlay whose changes join the block's atomic
 * write; tests and benchmarks use {@link InMemoryNodeStore}.
 */
public interface NodeStore {
  Optional<byte[]> get(byte[] path);

  void put(byte[] path, byte[] node);

  void delete(byte[] path);
}
