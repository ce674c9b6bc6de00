package dev.aether.consensus.crypto;

import dev.aether.consensus.ConsensusParams;
import dev.aether.crypto.KesSecretKey;
import dev.aether.types.Bytes;
import dev.aether.types.OpCert;
import java.util.Objects;
import java.util.Optional;

/**
 * A validator's hot KES key with the operational certificate its cold key issued for it. Signing
 * for absolute KES period {@code p} evolves the key to {@code p - cert.startPeriod()} first and
 * hands the evolved key to a {@link Store} <em>before</em> signing, so the periods left behind are
 * gone from disk as well as from memory (forward security survives a stolen disk). Thread-safe.
 */
public final class HotKey {
  /** Where the evolved key goes; must be durable and atomic when it returns. */
  @FunctionalInterface
  public interface Store {
    /** Persists {@code key} (already evolved) with {@code cert}; throws if it cannot. */
    void save(OpCert cert, KesSecretKey key);

    /** A store that keeps nothing (tests, throwaway keys). */
    Store NONE = (cert, key) -> {};
  }

  private final Store store;
  private OpCert cert;
  private KesSecretKey key;

  /**
   * @throws IllegalArgumentException if {@code key} is not the certificate's hot key
   */
  public HotKey(OpCert cert, KesSecretKey key, Store store) {
    this.store = Objects.requireNonNull(store, "store");
    check(cert, key);
    this.cert = cert;
    this.key = key;
  }

  private static void check(OpCert cert, KesSecretKey key) {
    if (!Bytes.of(key.verificationKey().bytes()).equals(cert.hotKey())) {
      throw new IllegalArgumentException("the KES key is not the certificate's hot key");
    }
  }

  /** The certificate in use. */
  public synchronized OpCert cert() {
    return cert;
  }

  /** The hot key's own evolution (0 .. 63). */
  public synchronized int evolution() {
    return key.period();
  }

  /** The last absolute KES period this key can sign. */
  public synchronized int lastPeriod() {
    return cert.startPeriod() + ConsensusParams.KES_EVOLUTIONS - 1;
  }

  /**
   * The certificate that signs absolute period {@code period}, unless the key does not cover it
   * (before its start, past its 64 evolutions, or already evolved beyond it).
   */
  public synchronized Optional<OpCert> certFor(int period) {
    long rel = (long) period - cert.startPeriod();
    if (rel < key.period() || rel >= ConsensusParams.KES_EVOLUTIONS) {
      return Optional.empty();
    }
    return Optional.of(cert);
  }

  /**
   * Evolves the key to absolute period {@code period} (if it covers it and is behind) and persists
   * it. The node calls this as periods pass, so an idle key does not keep old periods either.
   */
  public synchronized void advanceTo(int period) {
    long rel = (long) period - cert.startPeriod();
    if (rel > key.period()) {
      key.evolveTo((int) Math.min(rel, ConsensusParams.KES_EVOLUTIONS - 1));
      store.save(cert, key);
    }
  }

  /**
   * Signs {@code message} for absolute period {@code period} under {@code expected} (the
   * certificate the header carries).
   *
   * @throws IllegalStateException if the key was rotated away from {@code expected} or does not
   *     cover {@code period}
   */
  public synchronized Bytes sign(OpCert expected, int period, byte[] message) {
    if (!cert.equals(expected) || certFor(period).isEmpty()) {
      throw new IllegalStateException("hot key does not cover KES period " + period);
    }
    int rel = period - cert.startPeriod();
    if (key.period() < rel) {
      key.evolveTo(rel);
      store.save(cert, key);
    }
    return Bytes.of(key.sign(rel, message).bytes());
  }

  /**
   * Switches to a newer certificate and its fresh hot key (the operator rotated).
   *
   * @throws IllegalArgumentException unless {@code next} has a higher counter and names {@code
   *     nextKey}
   */
  public synchronized void rotate(OpCert next, KesSecretKey nextKey) {
    check(next, nextKey);
    if (next.counter() <= cert.counter()) {
      throw new IllegalArgumentException(
          "certificate counter " + next.counter() + " is not above " + cert.counter());
    }
    cert = next;
    key = nextKey;
    store.save(cert, key);
  }
}
