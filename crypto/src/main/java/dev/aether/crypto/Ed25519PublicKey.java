package dev.aether.crypto;

import java.util.Arrays;

/** An Ed25519 public key: the 32-byte RFC 8032 encoding of A (validated when used). */
public record Ed25519PublicKey(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 32;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public Ed25519PublicKey {
    bytes = Bytes.checked("Ed25519 public key", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(bytes, other.bytes);
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
