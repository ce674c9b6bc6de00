package dev.aether.ledger;

import java.util.Optional;

/**
 * Ordered key-value storage under the ledger: lookups, ordered scans and atomic multi-column
 * writes. Keys compare as unsigned bytes. Implementations: {@link MemoryStateStore} for tests,
 * {@link RocksStateStore} for nodes. Reads may come from several threads at once (parallel
 * execution); writes come from one.
 */
public interface StateStore extends AutoCloseable {
  Optional<byte[]> get(Column column, byte[] key);

  /**
   * Visits the entries with {@code from <= key < to} in ascending key order until the visitor
   * returns false.
   */
  void scan(Column column, byte[] from, byte[] to, EntryVisitor visitor);

  /** Applies every operation of {@code writes} atomically and durably. */
  void write(WriteSet writes);

  /**
   * A read-only view of the store as it is now, unaffected by later writes, until closed. Readers
   * (RPC) use it to see one commit whole without holding up the writer; its {@link #write} throws.
   */
  StateStore snapshot();

  @Override
  void close();

  /** Receives scanned entries. */
  @FunctionalInterface
  interface EntryVisitor {
    /** Returns false to stop the scan. */
    boolean visit(byte[] key, byte[] value);
  }
}
