package dev.aether.ledger;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link StateStore} in memory, for tests and benchmarks. Writes are applied under a lock so a
 * reader never sees half of a {@link WriteSet}.
 */
public final class MemoryStateStore implements StateStore {
  private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> columns =
      new EnumMap<>(Column.class);
  // Readers share; a WriteSet excludes them so it is seen whole or not at all.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  public MemoryStateStore() {
    for (Column c : Column.values()) {
      columns.put(c, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(columns.get(column).get(key)).map(byte[]::clone);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(Column column, byte[] from, byte[] to, EntryVisitor visitor) {
    lock.readLock().lock();
    try {
      for (Map.Entry<byte[], byte[]> e :
          columns.get(column).subMap(from, true, to, false).entrySet()) {
        if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
          return;
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A copy (tests and benchmarks only: memory stores are small). */
  @Override
  public StateStore snapshot() {
    MemoryStateStore copy = new MemoryStateStore();
    lock.readLock().lock();
    try {
      for (Column c : Column.values()) {
        copy.columns.get(c).putAll(columns.get(c));
      }
    } finally {
      lock.readLock().unlock();
    }
    return copy;
  }

  @Override
  public void write(WriteSet writes) {
    lock.writeLock().lock();
    try {
      for (WriteSet.Op op : writes.ops()) {
        var map = columns.get(op.column());
        if (op.value().isPresent()) {
          map.put(op.key(), op.value().get());
        } else {
          map.remove(op.key());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Number of entries in a column (for tests and benchmarks). */
  public int size(Column column) {
    return columns.get(column).size();
  }

  @Override
  public void close() {}
}
