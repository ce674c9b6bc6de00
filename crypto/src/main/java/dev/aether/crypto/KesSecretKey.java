package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.SumKes;

/**
 * A Sum6KES signing key at some period. Deliberately mutable: {@link #evolve()} overwrites the past
 * period's secrets in place, because forward security fails if an old copy survives. Holders should
 * therefore not clone the raw bytes except to persist the current state. {@link #toString()} never
 * shows secret material.
 */
public final class KesSecretKey {

  private final byte[] raw; // cardano-base raw serialisation, 608 bytes
  private int period;
  private final KesVerificationKey verificationKey;

  private KesSecretKey(final byte[] raw, final int period) {
    this.raw = raw;
    this.period = period;
    this.verificationKey = new KesVerificationKey(SumKes.verificationKey(Kes.DEPTH, raw, 0));
  }

  static KesSecretKey of(final byte[] raw, final int period) {
    return new KesSecretKey(raw, period);
  }

  /**
   * Restores a key from its raw form and the period it is at (the raw form, as in cardano-base,
   * does not record the period).
   */
  public static KesSecretKey fromBytes(final byte[] raw, final int period) {
    final byte[] copy = Bytes.checked("KES secret key", raw, SumKes.keySize(Kes.DEPTH));
    if (period < 0 || period >= Kes.PERIODS) {
      throw new CryptoException(new CryptoError.KesPeriod(period, 0, Kes.PERIODS));
    }
    return new KesSecretKey(copy, period);
  }

  /** The current state (raw serialisation), for writing a key file. */
  public byte[] toBytes() {
    return raw.clone();
  }

  public int period() {
    return period;
  }

  public KesVerificationKey verificationKey() {
    return verificationKey;
  }

  /** Signs at {@code period}, which must be the key's current period. */
  public KesSignature sign(final int period, final byte[] message) {
    if (period != this.period) {
      throw new CryptoException(new CryptoError.KesPeriod(period, this.period, Kes.PERIODS));
    }
    return new KesSignature(SumKes.sign(Kes.DEPTH, raw, 0, period, message));
  }

  /** The CompactSum6KES signature (288 bytes) at the current period. */
  public byte[] signCompact(final int period, final byte[] message) {
    if (period != this.period) {
      throw new CryptoException(new CryptoError.KesPeriod(period, this.period, Kes.PERIODS));
    }
    return SumKes.signCompact(Kes.DEPTH, raw, 0, period, message);
  }

  /** Moves to the next period, erasing what only past periods needed. */
  public void evolve() {
    if (period + 1 >= Kes.PERIODS) {
      throw new CryptoException(new CryptoError.KesPeriod(period + 1, period, Kes.PERIODS));
    }
    SumKes.update(Kes.DEPTH, raw, 0, period);
    period++;
  }

  /** Evolves until the key is at {@code target} (which must not be in the past). */
  public void evolveTo(final int target) {
    if (target < period || target >= Kes.PERIODS) {
      throw new CryptoException(new CryptoError.KesPeriod(target, period, Kes.PERIODS));
    }
    while (period < target) {
      evolve();
    }
  }

  @Override
  public String toString() {
    return "KesSecretKey[vk=" + verificationKey + ", period=" + period + ", secret=<redacted>]";
  }
}
