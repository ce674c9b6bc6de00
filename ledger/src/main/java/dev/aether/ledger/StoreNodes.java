package dev.aether.ledger;

import dev.aether.ledger.smt.NodeStore;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tree nodes of a block in progress: changes held in memory over the committed {@link
 * Column#NODES}, written into the block's {@link WriteSet} on commit.
 */
final class StoreNodes implements NodeStore {
  private final StateStore store;
  private final Optional<StoreNodes> parent;
  private final Map<ByteBuffer, Optional<byte[]>> pending = new HashMap<>();

  StoreNodes(StateStore store) {
    this(store, Optional.empty());
  }

  /** Tree nodes over those of a parent block that is executed but not yet committed. */
  StoreNodes(StateStore store, Optional<StoreNodes> parent) {
    this.store = store;
    this.parent = parent;
  }

  @Override
  public Optional<byte[]> get(byte[] path) {
    Optional<byte[]> p = pending.get(ByteBuffer.wrap(path));
    if (p != null) {
      return p;
    }
    return parent.isPresent() ? parent.get().get(path) : store.get(Column.NODES, path);
  }

  @Override
  public void put(byte[] path, byte[] node) {
    pending.put(ByteBuffer.wrap(path.clone()), Optional.of(node));
  }

  @Override
  public void delete(byte[] path) {
    pending.put(ByteBuffer.wrap(path.clone()), Optional.empty());
  }

  void writeTo(WriteSet ws) {
    // Keys are distinct, so the batch's order does not change what it stores.
    for (Map.Entry<ByteBuffer, Optional<byte[]>> e : pending.entrySet()) {
      byte[] k = e.getKey().array();
      if (e.getValue().isPresent()) {
        ws.put(Column.NODES, k, e.getValue().get());
      } else {
        ws.delete(Column.NODES, k);
      }
    }
  }

  int pendingCount() {
    return pending.size();
  }
}
