package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.SumKes;
import java.util.Arrays;

/**
 * A Sum6KES signing key at some period. Deliberately mutable: {@link #evolve()} overwrites the past
 * period's secrets in place, because forward security fails if an old copy survives. Holders should
 * therefore not clone the raw bytes except to persist the current state. {@link #toString()} never
 * shows secret material. {@link #close()} overwrites the whole key with zeros; signing or evolving
 * afterwards fails with {@code CRYPTO_KEY_CLOSED}. Signing may run on several threads at once;
 * evolving and closing wait for them.
 */
public final class KesSecretKey implements AutoCloseable {

  private final byte[] raw; // cardano-base raw serialisation, 608 bytes
  private volatile int period; // written only under the guard's write lock
  private final KesVerificationKey verificationKey;
  private final SecretGuard guard = new SecretGuard("KES key");

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
   * does not record the period). The argument is copied; the caller may wipe its array.
   */
  public static KesSecretKey fromBytes(final byte[] raw, final int period) {
    final byte[] copy = Bytes.checked("KES secret key", raw, SumKes.keySize(Kes.DEPTH));
    if (period < 0 || period >= Kes.PERIODS) {
      Arrays.fill(copy, (byte) 0);
      throw new CryptoException(new CryptoError.KesPeriod(period, 0, Kes.PERIODS));
    }
    return new KesSecretKey(copy, period);
  }

  /** The current state (raw serialisation), for writing a key file; the caller should wipe it. */
  public byte[] toBytes() {
    return guard.use(raw::clone);
  }

  public int period() {
    return period;
  }

  public KesVerificationKey verificationKey() {
    return verificationKey;
  }

  /** Signs at {@code period}, which must be the key's current period. */
  public KesSignature sign(final int period, final byte[] message) {
    return guard.use(
        () -> {
          checkCurrent(period);
          return new KesSignature(SumKes.sign(Kes.DEPTH, raw, 0, period, message));
        });
  }

  /** The CompactSum6KES signature (288 bytes) at the current period. */
  public byte[] signCompact(final int period, final byte[] message) {
    return guard.use(
        () -> {
          checkCurrent(period);
          return SumKes.signCompact(Kes.DEPTH, raw, 0, period, message);
        });
  }

  private void checkCurrent(final int requested) {
    if (requested != this.period) {
      throw new CryptoException(new CryptoError.KesPeriod(requested, this.period, Kes.PERIODS));
    }
  }

  /** Moves to the next period, erasing what only past periods needed. */
  public void evolve() {
    guard.exclusive(
        () -> {
          if (period + 1 >= Kes.PERIODS) {
            throw new CryptoException(new CryptoError.KesPeriod(period + 1, period, Kes.PERIODS));
          }
          SumKes.update(Kes.DEPTH, raw, 0, period);
          period++;
          return null;
        });
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

  /** Whether {@link #close()} has erased the secret. */
  public boolean isClosed() {
    return guard.isClosed();
  }

  /** Erases the key (idempotent; waits for signatures in progress). */
  @Override
  public void close() {
    guard.close(() -> Arrays.fill(raw, (byte) 0));
  }

  @Override
  public String toString() {
    return "KesSecretKey[vk=" + verificationKey + ", period=" + period + ", secret=<redacted>]";
  }
}
