package dev.aether.crypto;

import java.util.Arrays;

/** An ECVRF public key: a 32-byte edwards25519 point encoding (validated when used). */
public record VrfPublicKey(byte[] bytes) {

  /** Encoded length in bytes. */
  public static final int LENGTH = 32;

  /** Checks the length and copies, so the value cannot change under its holder. */
  public VrfPublicKey {
    bytes = Bytes.checked("VRF public key", bytes, LENGTH);
  }

  /** A copy of the encoding. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VrfPublicKey other && Arrays.equals(bytes, other.bytes);
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
