package dev.aether.verifiers.tee;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/** Raw 32-byte Ed25519 public keys to and from the JDK's key objects. */
final class Ed25519Keys {

  /**
   * DER SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410): SEQUENCE, AlgorithmIdentifier, BIT
   * STRING.
   */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519Keys() {}

  static Optional<PublicKey> fromRaw(final byte[] raw) {
    if (raw.length != 32) {
      return Optional.empty();
    }
    final byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
    try {
      return Optional.of(
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static byte[] toRaw(final PublicKey key) {
    final byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}
