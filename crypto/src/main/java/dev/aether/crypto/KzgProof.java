package dev.aether.crypto;

import java.util.Arrays;

/** A KZG opening proof: a 48-byte compressed BLS12-381 G1 point (validated when used). */
public record KzgProof(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 48;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public KzgProof {
    bytes = Bytes.checked("KZG proof", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof KzgProof other && Arrays.equals(bytes, other.bytes);
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
