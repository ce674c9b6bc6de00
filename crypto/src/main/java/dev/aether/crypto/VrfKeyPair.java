package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ecvrf;
import java.security.SecureRandom;

/**
 * An ECVRF key pair from a 32-byte seed (derived as in RFC 8032, so it is shaped like an Ed25519
 * key, but a validator uses a separate seed for each role). {@link #toString()} shows only the
 * public key.
 */
public final class VrfKeyPair {

  private final byte[] seed;
  private final VrfPublicKey publicKey;

  private VrfKeyPair(final byte[] seed) {
    this.seed = seed;
    this.publicKey = new VrfPublicKey(Ecvrf.publicKey(seed));
  }

  public static VrfKeyPair fromSeed(final byte[] seed) {
    return new VrfKeyPair(Bytes.checked("VRF seed", seed, 32));
  }

  public static VrfKeyPair generate(final SecureRandom random) {
    final byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new VrfKeyPair(seed);
  }

  /** A copy of the secret seed, for writing a key file. */
  public byte[] seed() {
    return seed.clone();
  }

  public VrfPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "VrfKeyPair[publicKey=" + publicKey + ", seed=<redacted>]";
  }
}
