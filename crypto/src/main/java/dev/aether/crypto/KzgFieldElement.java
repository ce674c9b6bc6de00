package dev.aether.crypto;

import java.util.Arrays;

/** A BLS12-381 scalar-field element, 32 bytes big-endian (checked &lt; modulus when used). */
public record KzgFieldElement(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 32;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public KzgFieldElement {
    bytes = Bytes.checked("KZG field element", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof KzgFieldElement other && Arrays.equals(bytes, other.bytes);
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
