package dev.aether.crypto;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What every secret-key class shares: uses of the secret run under a read lock, so any number of
 * threads can sign at once, and {@code close()} takes the write lock, so it waits for signatures in
 * progress and no signature ever reads a half-erased key (two signatures of one message with one
 * nonce and partly different scalars would disclose the difference). After close, every use fails
 * with {@code CRYPTO_KEY_CLOSED}.
 */
final class SecretGuard {

  private final String what;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  SecretGuard(final String what) {
    this.what = what;
  }

  /** Runs {@code use} while the secret is intact, or throws {@code CRYPTO_KEY_CLOSED}. */
  <T> T use(final Supplier<T> use) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new CryptoException(new CryptoError.KeyClosed(what));
      }
      return use.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs {@code use} exclusively (KES evolution mutates the secret in place). */
  <T> T exclusive(final Supplier<T> use) {
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new CryptoException(new CryptoError.KeyClosed(what));
      }
      return use.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code wipe} once, after every use in progress has finished; later calls do nothing. */
  void close(final Runnable wipe) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        wipe.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }
}
