package dev.aether.crypto;

/**
 * The RFC 9381 suites over edwards25519. Aether's leader election uses {@link #ELL2} (see
 * docs/crypto.md): its hash to curve runs in time independent of the input and it is the suite
 * Cardano's Praos moved to.
 */
public enum VrfSuite {
  /** {@code ECVRF-EDWARDS25519-SHA512-TAI} (suite byte 0x03), try-and-increment. */
  TAI,
  /** {@code ECVRF-EDWARDS25519-SHA512-ELL2} (suite byte 0x04), Elligator 2. */
  ELL2;

  /** The suite the chain uses for leader election and epoch randomness. */
  public static final VrfSuite LEADER_ELECTION = ELL2;
}
