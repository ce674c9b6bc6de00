package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ed25519Engine;
import java.security.SecureRandom;

/**
 * An Ed25519 key pair from a 32-byte seed (RFC 8032's private key). {@link #toString()} shows only
 * the public key; the seed leaves the object only through {@link #seed()}, for storage.
 */
public final class Ed25519KeyPair implements Signer {

  /** Seed length in bytes. */
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final Ed25519Engine.Expanded expanded;
  private final Ed25519PublicKey publicKey;

  private Ed25519KeyPair(final byte[] seed) {
    this.seed = seed;
    this.expanded = Ed25519Engine.expand(seed);
    this.publicKey = new Ed25519PublicKey(expanded.publicKey());
  }

  /** The key pair for a 32-byte seed. */
  public static Ed25519KeyPair fromSeed(final byte[] seed) {
    return new Ed25519KeyPair(Bytes.checked("Ed25519 seed", seed, SEED_LENGTH));
  }

  /** A fresh key pair from {@code random}. */
  public static Ed25519KeyPair generate(final SecureRandom random) {
    final byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return new Ed25519KeyPair(seed);
  }

  /** A copy of the secret seed, for writing a key file. */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public Ed25519Signature sign(final byte[] message) {
    return new Ed25519Signature(Ed25519Engine.sign(expanded, message));
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[publicKey=" + publicKey + ", seed=<redacted>]";
  }
}
