package dev.aether.crypto;

import java.util.Arrays;

/** An Ed25519 signature: {@code R || S}, 64 bytes (validated when used). */
public record Ed25519Signature(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 64;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public Ed25519Signature {
    bytes = Bytes.checked("Ed25519 signature", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Ed25519Signature other && Arrays.equals(bytes, other.bytes);
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
