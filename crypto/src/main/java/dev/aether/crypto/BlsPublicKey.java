package dev.aether.crypto;

import java.util.Arrays;

/** A BLS12-381 public key: compressed G1 point, 48 bytes (validated when used). */
public record BlsPublicKey(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 48;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public BlsPublicKey {
    bytes = Bytes.checked("BLS public key", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BlsPublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Bytes.hex(bytes);
  }
}
