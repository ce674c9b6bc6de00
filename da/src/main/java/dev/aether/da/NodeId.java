package dev.aether.da;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A node's identity in the data-availability layer: its 32-byte Ed25519 public key. Ordered
 * lexicographically by unsigned bytes, so stake tables sort the same way on every machine.
 *
 * @param key 32 bytes
 */
public record NodeId(byte[] key) implements Comparable<NodeId> {
  public NodeId {
    if (key.length != 32) {
      throw new IllegalArgumentException("node id must be 32 bytes, got " + key.length);
    }
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public int compareTo(final NodeId o) {
    return Arrays.compareUnsigned(key, o.key);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof NodeId n && Arrays.equals(key, n.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(key, 0, 6);
  }
}
