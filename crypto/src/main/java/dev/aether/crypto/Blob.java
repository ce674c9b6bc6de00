package dev.aether.crypto;

import java.util.Arrays;

/**
 * An EIP-4844 blob: 4096 field elements of 32 bytes big-endian (131072 bytes). Each element must be
 * below the BLS12-381 scalar modulus; that is checked by the {@link Kzg} call that uses it.
 *
 * <p>A final class rather than a record so the 128 KiB payload is copied once on the way in and not
 * on every internal use.
 */
public final class Blob {

  /** Field elements per blob. */
  public static final int FIELD_ELEMENTS = 4096;

  /** Encoded length in bytes. */
  public static final int LENGTH = FIELD_ELEMENTS * 32;

  private final byte[] bytes;

  private Blob(final byte[] bytes) {
    this.bytes = bytes;
  }

  /** Checks the length and copies {@code bytes}. */
  public static Blob of(final byte[] bytes) {
    return new Blob(Bytes.checked("blob", bytes, LENGTH));
  }

  /** A copy of the encoding. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The encoding without a copy, for the native call only. */
  byte[] unsafeBytes() {
    return bytes;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Blob other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Blob[" + LENGTH + " bytes]";
  }
}
