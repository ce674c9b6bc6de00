package dev.aether.crypto;

import java.util.Arrays;

/** A SHA-256 digest. */
public record Sha256Digest(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 32;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public Sha256Digest {
    bytes = Bytes.checked("SHA-256 digest", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Sha256Digest other && Arrays.equals(bytes, other.bytes);
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
