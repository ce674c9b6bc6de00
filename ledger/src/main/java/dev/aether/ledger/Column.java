package dev.aether.ledger;

/** The key spaces of a {@link StateStore}; RocksDB keeps each in its own column family. */
public enum Column {
  /** Head pointer and other single values. */
  META("meta"),
  /** Block headers by height (u64 big-endian). */
  HEADERS("headers"),
  /** Whole blocks by height (u64 big-endian). */
  BLOCKS("blocks"),
  /** State objects by 32-byte state key. */
  STATE("state"),
  /** Sparse Merkle Tree nodes by path (32-byte masked prefix, u16 depth). */
  NODES("nodes"),
  /** Receipts by transaction id, with the height and index of their block. */
  RECEIPTS("receipts");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  public String familyName() {
    return familyName;
  }
}
