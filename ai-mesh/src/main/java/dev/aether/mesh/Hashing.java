package dev.aether.mesh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and hex helpers shared by the mesh. */
public final class Hashing {
  private static final HexFormat HEX = HexFormat.of();

  private Hashing() {}

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Parses hex (an optional {@code 0x} prefix allowed) of exactly {@code length} bytes (any length
   * if negative).
   *
   * @throws MeshException.BadReceipt if it is not
   */
  public static byte[] unhex(String s, int length, String what) {
    String h = s.startsWith("0x") ? s.substring(2) : s;
    try {
      byte[] b = HEX.parseHex(h);
      if (length >= 0 && b.length != length) {
        throw new MeshException.BadReceipt(what + " must be " + length + " bytes", null);
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new MeshException.BadReceipt(what + " is not hex", e);
    }
  }
}
