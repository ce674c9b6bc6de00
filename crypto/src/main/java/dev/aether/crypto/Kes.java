package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.SumKes;

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
    return Sum6.INSTANCE;
  }

  /** A fresh key at period 0 from a 32-byte seed. */
  KesSecretKey keygen(byte[] seed);

  /** Checks {@code signature} over {@code message} at {@code period} (false if out of range). */
  boolean verify(KesVerificationKey key, int period, byte[] message, KesSignature signature);

  /** The stateless Sum6KES verifier and key generator. */
  enum Sum6 implements Kes {
    INSTANCE;

    @Override
    public KesSecretKey keygen(final byte[] seed) {
      final byte[] s = Bytes.checked("KES seed", seed, 32);
      final byte[] raw = new byte[SumKes.keySize(DEPTH)];
      SumKes.keygen(DEPTH, s, raw, 0);
      java.util.Arrays.fill(s, (byte) 0);
      return KesSecretKey.of(raw, 0);
    }

    @Override
    public boolean verify(
        final KesVerificationKey key,
        final int period,
        final byte[] message,
        final KesSignature signature) {
      return SumKes.verify(DEPTH, key.bytes(), period, message, signature.bytes());
    }
  }
}
