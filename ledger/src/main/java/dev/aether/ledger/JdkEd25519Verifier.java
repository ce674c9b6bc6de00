package dev.aether.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 (RFC 8032) through the JDK's {@code java.security} provider: the verifier the ledger uses
 * until the node passes the crypto module's batch verifier.
 */
public final class JdkEd25519Verifier implements SignatureVerifier {
  // SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410): the raw 32 bytes follow.
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      byte[] spki = new byte[X509_PREFIX.length + 32];
      System.arraycopy(X509_PREFIX, 0, spki, 0, X509_PREFIX.length);
      System.arraycopy(publicKey, 0, spki, X509_PREFIX.length, 32);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A key that is not a curve point, or a non-canonical signature: simply invalid.
      return false;
    }
  }
}
