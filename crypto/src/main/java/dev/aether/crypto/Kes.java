package dev.aether.crypto;

/**
 * Key-evolving signatures for validators' hot keys: Cardano's {@code Sum6KES} (sum composition of
 * Ed25519, Blake2b-256, 64 periods), byte-compatible with cardano-base. A signature names its
 * period; a key that has evolved past a period can no longer sign for it (forward security).
 */
public interface Kes {

  /** Tree depth of Sum6KES. */
  int DEPTH = 6;

  /** Periods a key covers: {@code 2^DEPTH}. */
  int PERIODS = 1 << DEPTH;

  /** The Sum6KES implementation. */
  static Kes sum6() {
    return Sum6Kes.INSTANCE;
  }

  /** A fresh key at period 0 from a 32-byte seed. */
  KesSecretKey keygen(byte[] seed);

  /** Checks {@code signature} over {@code message} at {@code period} (false if out of range). */
  boolean verify(KesVerificationKey key, int period, byte[] message, KesSignature signature);
}
