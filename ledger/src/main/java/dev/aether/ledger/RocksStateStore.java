package dev.aether.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's {@link StateStore}: RocksDB with one column family per {@link Column}. Each {@link
 * #write} is a single {@link WriteBatch} applied through the write-ahead log, so a process killed
 * at any instant reopens with every batch either fully present or absent; with {@code sync} (the
 * default) an acknowledged batch also survives power loss.
 */
public final class RocksStateStore implements StateStore {
  static {
    RocksDB.loadLibrary();
  }

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> allHandles;
  private final Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);

  /** Snapshot reads share it; {@link #close} takes it alone, so no read outlives the database. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private volatile boolean closed;

  private RocksStateStore(Path dir, boolean sync) throws RocksDBException {
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    cfOptions = new ColumnFamilyOptions();
    writeOptions = new WriteOptions().setSync(sync);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (Column c : Column.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              c.familyName().getBytes(StandardCharsets.US_ASCII), cfOptions));
    }
    allHandles = new ArrayList<>();
    db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
    Column[] cols = Column.values();
    for (int i = 0; i < cols.length; i++) {
      handles.put(cols[i], allHandles.get(i + 1));
    }
  }

  /** Opens (creating if needed) the store in {@code dir}, with synced writes. */
  public static RocksStateStore open(Path dir) {
    return open(dir, true);
  }

  /** Opens the store; {@code sync=false} trades power-loss durability for commit latency. */
  public static RocksStateStore open(Path dir, boolean sync) {
    try {
      Files.createDirectories(dir);
      return new RocksStateStore(dir, sync);
    } catch (RocksDBException | java.io.IOException e) {
      throw failure("open " + dir, e);
    }
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    try {
      return Optional.ofNullable(db.get(handles.get(column), key));
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  @Override
  public void scan(Column column, byte[] from, byte[] to, EntryVisitor visitor) {
    try (RocksIterator it = db.newIterator(handles.get(column))) {
      for (it.seek(from); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (Arrays.compareUnsigned(k, to) >= 0 || !visitor.visit(k, it.value())) {
          return;
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public void write(WriteSet writes) {
    try (WriteBatch batch = new WriteBatch()) {
      for (WriteSet.Op op : writes.ops()) {
        ColumnFamilyHandle h = handles.get(op.column());
        if (op.value().isPresent()) {
          batch.put(h, op.key(), op.value().get());
        } else {
          batch.delete(h, op.key());
        }
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  /**
   * A RocksDB snapshot: reads see the store as of this call. Closing it releases the snapshot;
   * reading it after the store closed throws a {@link LedgerException} (never touches freed native
   * memory).
   */
  @Override
  public StateStore snapshot() {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw failure("snapshot", new IllegalStateException("store closed"));
      }
      return new Snapshot(db.getSnapshot());
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** A read-only view pinned to a RocksDB snapshot. */
  private final class Snapshot implements StateStore {
    private final org.rocksdb.Snapshot snapshot;
    private final org.rocksdb.ReadOptions options;
    private boolean released;

    Snapshot(org.rocksdb.Snapshot snapshot) {
      this.snapshot = snapshot;
      this.options = new org.rocksdb.ReadOptions().setSnapshot(snapshot);
    }

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
      lifecycle.readLock().lock();
      try {
        open();
        return Optional.ofNullable(db.get(handles.get(column), options, key));
      } catch (RocksDBException e) {
        throw failure("get", e);
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    @Override
    public void scan(Column column, byte[] from, byte[] to, EntryVisitor visitor) {
      lifecycle.readLock().lock();
      try {
        open();
        try (RocksIterator it = db.newIterator(handles.get(column), options)) {
          for (it.seek(from); it.isValid(); it.next()) {
            byte[] k = it.key();
            if (Arrays.compareUnsigned(k, to) >= 0 || !visitor.visit(k, it.value())) {
              return;
            }
          }
          it.status();
        }
      } catch (RocksDBException e) {
        throw failure("scan", e);
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    private void open() {
      if (closed || released) {
        throw failure("read", new IllegalStateException("store or snapshot closed"));
      }
    }

    @Override
    public void write(WriteSet writes) {
      throw new UnsupportedOperationException("a snapshot is read-only");
    }

    @Override
    public StateStore snapshot() {
      throw new UnsupportedOperationException("already a snapshot");
    }

    @Override
    public void close() {
      lifecycle.readLock().lock();
      try {
        if (!released && !closed) {
          db.releaseSnapshot(snapshot);
          options.close();
        }
        released = true;
      } finally {
        lifecycle.readLock().unlock();
      }
    }
  }

  /**
   * A consistent point-in-time copy of the whole store in {@code target} (hard links where the file
   * system allows), openable with {@link #open(Path)}: the epoch snapshot.
   */
  public void checkpoint(Path target) {
    try (Checkpoint cp = Checkpoint.create(db)) {
      cp.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw failure("checkpoint to " + target, e);
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lifecycle.writeLock().unlock();
    }
    for (ColumnFamilyHandle h : allHandles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    cfOptions.close();
    dbOptions.close();
  }

  private static LedgerException failure(String what, Exception e) {
    return new LedgerException(new LedgerError.StoreFailure(what + ": " + e.getMessage()));
  }
}
