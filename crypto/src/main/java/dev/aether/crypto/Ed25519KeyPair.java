package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ed25519Engine;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An Ed25519 key pair from a 32-byte seed (RFC 8032's private key). {@link #toString()} shows only
 * the public key; the seed leaves the object only through {@link #seed()}, for storage.
 *
 * <p>{@link #close()} overwrites the seed, the clamped scalar and the nonce prefix with zeros;
 * signing afterwards fails with {@code CRYPTO_KEY_CLOSED}. What close cannot reach is listed in
 * docs/crypto.md ("Secrets in memory"): copies handed out by {@link #seed()}, and copies the JVM
 * itself may have made.
 */
public final class Ed25519KeyPair implements Signer, AutoCloseable {

  /** Seed length in bytes. */
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final Ed25519Engine.Expanded expanded;
  private final Ed25519PublicKey publicKey;
  private final SecretGuard guard = new SecretGuard("Ed25519 key");

  private Ed25519KeyPair(final byte[] seed) {
    this.seed = seed;
    this.expanded = Ed25519Engine.expand(seed);
    this.publicKey = new Ed25519PublicKey(expanded.publicKey());
  }

  /** The key pair for a 32-byte seed (the argument is copied; the caller may wipe its array). */
  public static Ed25519KeyPair fromSeed(final byte[] seed) {
    return new Ed25519KeyPair(Bytes.checked("Ed25519 seed", seed, SEED_LENGTH));
  }

  /** A fresh key pair from {@code random}. */
  public static Ed25519KeyPair generate(final SecureRandom random) {
    final byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return new Ed25519KeyPair(seed);
  }

  /** A copy of the secret seed, for writing a key file; the caller should wipe it after use. */
  public byte[] seed() {
    return guard.use(seed::clone);
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public Ed25519Signature sign(final byte[] message) {
    return guard.use(() -> new Ed25519Signature(Ed25519Engine.sign(expanded, message)));
  }

  /** Whether {@link #close()} has erased the secret. */
  public boolean isClosed() {
    return guard.isClosed();
  }

  /** Erases the secret (idempotent; waits for signatures in progress). */
  @Override
  public void close() {
    guard.close(
        () -> {
          Arrays.fill(seed, (byte) 0);
          expanded.wipe();
        });
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[publicKey=" + publicKey + ", seed=<redacted>]";
  }
}
