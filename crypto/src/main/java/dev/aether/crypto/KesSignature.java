package dev.aether.crypto;

import java.util.Arrays;

/** A Sum6KES signature: the leaf Ed25519 signature, then (vk0, vk1) of each of the 6 levels. */
public record KesSignature(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 448;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public KesSignature {
    bytes = Bytes.checked("KES signature", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof KesSignature other && Arrays.equals(bytes, other.bytes);
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
