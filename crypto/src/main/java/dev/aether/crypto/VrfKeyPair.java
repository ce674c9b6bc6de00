package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ecvrf;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;

/**
 * An ECVRF key pair from a 32-byte seed (derived as in RFC 8032, so it is shaped like an Ed25519
 * key, but a validator uses a separate seed for each role). {@link #toString()} shows only the
 * public key. {@link #close()} overwrites the seed with zeros; proving afterwards fails with {@code
 * CRYPTO_KEY_CLOSED}.
 */
public final class VrfKeyPair implements AutoCloseable {

  private final byte[] seed;
  private final VrfPublicKey publicKey;
  private final SecretGuard guard = new SecretGuard("VRF key");

  private VrfKeyPair(final byte[] seed) {
    this.seed = seed;
    this.publicKey = new VrfPublicKey(Ecvrf.publicKey(seed));
  }

  /** The key pair for a 32-byte seed (the argument is copied; the caller may wipe its array). */
  public static VrfKeyPair fromSeed(final byte[] seed) {
    return new VrfKeyPair(Bytes.checked("VRF seed", seed, 32));
  }

  public static VrfKeyPair generate(final SecureRandom random) {
    final byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new VrfKeyPair(seed);
  }

  /** A copy of the secret seed, for writing a key file; the caller should wipe it after use. */
  public byte[] seed() {
    return guard.use(seed::clone);
  }

  /** Runs {@code prover} over the seed itself (no copy), while the key is open. */
  <T> T withSeed(final Function<byte[], T> prover) {
    return guard.use(() -> prover.apply(seed));
  }

  public VrfPublicKey publicKey() {
    return publicKey;
  }

  /** Whether {@link #close()} has erased the secret. */
  public boolean isClosed() {
    return guard.isClosed();
  }

  /** Erases the seed (idempotent; waits for proofs in progress). */
  @Override
  public void close() {
    guard.close(() -> Arrays.fill(seed, (byte) 0));
  }

  @Override
  public String toString() {
    return "VrfKeyPair[publicKey=" + publicKey + ", seed=<redacted>]";
  }
}
