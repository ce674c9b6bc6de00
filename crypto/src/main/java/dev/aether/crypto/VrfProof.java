package dev.aether.crypto;

import java.util.Arrays;

/** An ECVRF proof {@code pi = Gamma(32) || c(16) || s(32)} (validated when used). */
public record VrfProof(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 80;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public VrfProof {
    bytes = Bytes.checked("VRF proof", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VrfProof other && Arrays.equals(bytes, other.bytes);
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
