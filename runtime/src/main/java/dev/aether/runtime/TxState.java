package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One transaction's view of the state: reads and writes are checked against its declared {@link
 * AccessSet}, and writes are buffered here until the executor commits them. A {@link #nested()}
 * view buffers once more, so a call can be undone (trap, out of gas) while the fee payment on the
 * outer view stands.
 *
 * <p>Not thread-safe: one transaction runs on one thread.
 */
public final class TxState {
  private final StateReader under;
  private final AccessSet access;
  private final TxState parent;
  private final TreeMap<H256, Optional<Bytes>> writes = new TreeMap<>();

  public TxState(StateReader under, AccessSet access) {
    this(under, access, null);
  }

  private TxState(StateReader under, AccessSet access, TxState parent) {
    this.under = under;
    this.access = access;
    this.parent = parent;
  }

  public AccessSet access() {
    return access;
  }

  /** The current value of {@code key}, including this transaction's own buffered writes. */
  public Optional<Bytes> get(H256 key) {
    if (!access.mayRead(key)) {
      throw new RuntimeError.AccessViolation(key, false);
    }
    return lookup(key);
  }

  private Optional<Bytes> lookup(H256 key) {
    Optional<Bytes> mine = writes.get(key);
    if (mine != null) {
      return mine;
    }
    return parent != null ? parent.lookup(key) : under.get(key);
  }

  public void put(H256 key, Bytes value) {
    checkWrite(key);
    writes.put(key, Optional.of(value));
  }

  public void delete(H256 key) {
    checkWrite(key);
    writes.put(key, Optional.empty());
  }

  private void checkWrite(H256 key) {
    if (!access.mayWrite(key)) {
      throw new RuntimeError.AccessViolation(key, true);
    }
  }

  /** A view whose writes reach this one only on {@link #commit()}. */
  public TxState nested() {
    return new TxState(under, access, this);
  }

  /** Moves this nested view's writes into its parent. */
  public void commit() {
    if (parent == null) {
      throw new IllegalStateException("only a nested view commits into its parent");
    }
    parent.writes.putAll(writes);
    writes.clear();
  }

  /** The buffered writes, by key; an empty value deletes the key. */
  public SortedMap<H256, Optional<Bytes>> writes() {
    return Collections.unmodifiableSortedMap(writes);
  }
}
