package dev.aether.ledger;

import dev.aether.types.H256;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state while a block executes: the block's changes so far, over its parent (the committed
 * store, or another {@code BlockState}). A parallel executor may {@link #fork()} a child per
 * transaction, run children concurrently (the parent is only read meanwhile), and {@link
 * #absorb(BlockState)} their changes back in block order.
 */
public final class BlockState implements StateReader {
  private final StateReader parent;
  // Sorted so that the changes reach the tree and the write batch in a deterministic order.
  private final TreeMap<H256, Optional<StateObject>> changes = new TreeMap<>();

  public BlockState(StateReader parent) {
    this.parent = parent;
  }

  @Override
  public Optional<StateObject> get(H256 key) {
    Optional<StateObject> local = changes.get(key);
    return local != null ? local : parent.get(key);
  }

  public void put(H256 key, StateObject value) {
    changes.put(key, Optional.of(value));
  }

  public void delete(H256 key) {
    changes.put(key, Optional.empty());
  }

  /** A child whose reads fall through to this state and whose writes stay in the child. */
  public BlockState fork() {
    return new BlockState(this);
  }

  /** Applies a child's changes here (after any earlier child's, for serial equivalence). */
  public void absorb(BlockState child) {
    if (child.parent != this) {
      throw new IllegalArgumentException("can only absorb a fork of this state");
    }
    changes.putAll(child.changes);
  }

  /** The changes made here, in key order (empty value = delete). */
  public SortedMap<H256, Optional<StateObject>> changes() {
    return Collections.unmodifiableSortedMap(changes);
  }

  void applyAll(Map<H256, Optional<StateObject>> more) {
    changes.putAll(more);
  }
}
