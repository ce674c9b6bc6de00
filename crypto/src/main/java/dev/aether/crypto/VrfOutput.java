package dev.aether.crypto;

import java.util.Arrays;

/** An ECVRF output {@code beta}: 64 bytes, uniformly distributed for a fixed key and input. */
public record VrfOutput(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 64;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public VrfOutput {
    bytes = Bytes.checked("VRF output", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VrfOutput other && Arrays.equals(bytes, other.bytes);
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
