package dev.aether.ledger.smt;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One subtree's node changes during a parallel update: reads see them first, then the shared store
 * (only read meanwhile); {@link #writeTo} hands them over afterwards, in the order they were made.
 */
final class BufferedNodes implements NodeStore {
  private final NodeStore shared;
  private final Map<ByteBuffer, Optional<byte[]>> own = new LinkedHashMap<>();

  BufferedNodes(NodeStore shared) {
    this.shared = shared;
  }

  @Override
  public Optional<byte[]> get(byte[] path) {
    Optional<byte[]> mine = own.get(ByteBuffer.wrap(path));
    return mine != null ? mine : shared.get(path);
  }

  @Override
  public void put(byte[] path, byte[] node) {
    ByteBuffer k = ByteBuffer.wrap(path.clone());
    own.remove(k); // keep the order of the last change per path
    own.put(k, Optional.of(node));
  }

  @Override
  public void delete(byte[] path) {
    ByteBuffer k = ByteBuffer.wrap(path.clone());
    own.remove(k);
    own.put(k, Optional.empty());
  }

  void writeTo(NodeStore target) {
    for (Map.Entry<ByteBuffer, Optional<byte[]>> e : own.entrySet()) {
      byte[] path = e.getKey().array();
      if (e.getValue().isPresent()) {
        target.put(path, e.getValue().get());
      } else {
        target.delete(path);
      }
    }
  }
}
