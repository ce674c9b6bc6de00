package dev.aether.crypto.internal.ed25519;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-512 over concatenated parts (the JDK's implementation). */
public final class Sha512 {

  private Sha512() {}

  public static byte[] hash(final byte[]... parts) {
    final MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-512", e);
    }
    for (final byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }
}
