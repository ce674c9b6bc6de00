package dev.aether.ledger.smt;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link NodeStore} in a hash map (lookups only, so iteration order never matters). */
public final class InMemoryNodeStore implements NodeStore {
  private final Map<ByteBuffer, byte[]> nodes = new HashMap<>();

  @Override
  public Optional<byte[]> get(byte[] path) {
    return Optional.ofNullable(nodes.get(ByteBuffer.wrap(path)));
  }

  @Override
  public void put(byte[] path, byte[] node) {
    nodes.put(ByteBuffer.wrap(path.clone()), node);
  }

  @Override
  public void delete(byte[] path) {
    nodes.remove(ByteBuffer.wrap(path));
  }

  /** Number of stored nodes: grows with the number of keys, not with 2^256. */
  public int size() {
    return nodes.size();
  }
}
