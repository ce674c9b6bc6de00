package dev.aether.runtime.wasm;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 verification (RFC 8032) with the JDK's provider, for the {@code ed25519_verify} host
 * function. The JDK rejects non-canonical S and bad key encodings the same way everywhere; keeping
 * this to one small class makes it easy to switch to the crypto module's batch verifier.
 */
final class Ed25519 {
  /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      byte[] spki = new byte[SPKI_PREFIX.length + 32];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, 32);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(key);
      v.update(message);
      return v.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // malformed key or signature: simply not valid
    }
  }
}
