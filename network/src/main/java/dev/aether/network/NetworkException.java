package dev.aether.network;

/** Carries a {@link NetworkError} out of an operation that was refused. */
public final class NetworkException extends Exception {
  private final transient NetworkError error;

  public NetworkException(final NetworkError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public NetworkException(final NetworkError error, final Throwable cause) {
    super(error.code() + ": " + error.message(), cause, false, false);
    this.error = error;
  }

  /** The typed error. */
  public NetworkError error() {
    return error;
  }
}
