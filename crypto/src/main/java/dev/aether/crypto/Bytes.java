package dev.aether.crypto;

import java.util.HexFormat;
import java.util.Objects;

/** Small byte-array helpers shared by the value types (package-private on purpose). */
final class Bytes {

  private static final HexFormat HEX = HexFormat.of();

  private Bytes() {}

  /** Copies {@code bytes} after checking its length; the copy makes the value immutable. */
  static byte[] checked(final String what, final byte[] bytes, final int length) {
    Objects.requireNonNull(bytes, what);
    if (bytes.length != length) {
      throw CryptoException.badLength(what, length, bytes.length);
    }
    return bytes.clone();
  }

  static String hex(final byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }
}
