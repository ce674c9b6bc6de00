package dev.aether.crypto;

import java.util.Arrays;

/** A Sum6KES verification key: Blake2b-256 of the root's two child keys. */
public record KesVerificationKey(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 32;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public KesVerificationKey {
    bytes = Bytes.checked("KES verification key", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof KesVerificationKey other && Arrays.equals(bytes, other.bytes);
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
