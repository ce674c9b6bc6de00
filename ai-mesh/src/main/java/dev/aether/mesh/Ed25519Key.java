package dev.aether.mesh;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 signing key (RFC 8032, via BouncyCastle) for receipts and dev quotes. */
public final class Ed25519Key {
  private final Ed25519PrivateKeyParameters key;

  private Ed25519Key(Ed25519PrivateKeyParameters key) {
    this.key = key;
  }

  /** The key whose 32-byte RFC 8032 seed is {@code seed}. */
  public static Ed25519Key fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("Ed25519 seeds are 32 bytes");
    }
    return new Ed25519Key(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** A fresh random key. */
  public static Ed25519Key generate(SecureRandom random) {
    return new Ed25519Key(new Ed25519PrivateKeyParameters(random));
  }

  /** The 32-byte public key. */
  public byte[] publicKey() {
    return key.generatePublicKey().getEncoded();
  }

  /** A 64-byte signature over {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, key);
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  /** Whether {@code signature} is {@code publicKey}'s over {@code message}. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      Ed25519Signer s = new Ed25519Signer();
      s.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      s.update(message, 0, message.length);
      return s.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
