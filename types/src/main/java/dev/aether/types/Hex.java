package dev.aether.types;

import java.util.HexFormat;

/** Hex for people: {@code 0x}-prefixed lowercase out, optional prefix and either case in. */
public final class Hex {
  private Hex() {}

  public static String encode(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  /**
   * @throws IllegalArgumentException with a message naming the problem when {@code hex} is not an
   *     even-length hex string
   */
  public static byte[] decode(String hex) {
    String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (s.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has odd length " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("invalid hex character '" + s.charAt(i) + "'");
      }
    }
    return HexFormat.of().parseHex(s);
  }
}
