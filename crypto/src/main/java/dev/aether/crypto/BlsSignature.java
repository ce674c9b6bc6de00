package dev.aether.crypto;

import java.util.Arrays;

/** A BLS12-381 signature: compressed G2 point, 96 bytes (validated when used). */
public record BlsSignature(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 96;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public BlsSignature {
    bytes = Bytes.checked("BLS signature", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BlsSignature other && Arrays.equals(bytes, other.bytes);
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
