package dev.aether.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 (FIPS 180-4) through the JDK: state roots, receipts and ids. */
public final class Sha256 {

  private Sha256() {}

  /** The digest of the concatenation of {@code parts}. */
  public static Sha256Digest hash(final byte[]... parts) {
    final MessageDigest md = digest();
    for (final byte[] p : parts) {
      md.update(p);
    }
    return new Sha256Digest(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }
}
