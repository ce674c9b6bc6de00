package dev.aether.rpc;

/**
 * Thrown by a {@link ChainBackend} that cannot answer right now: state still syncing, a height
 * already pruned. Clients see error {@code -32001} with this message, so it must not leak
 * internals.
 */
public final class BackendUnavailableException extends RuntimeException {
  public BackendUnavailableException(String message) {
    super(message, null, false, false);
  }
}
