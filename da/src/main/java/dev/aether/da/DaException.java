package dev.aether.da;

/** Carries a {@link DaError} out of an operation whose input was rejected. */
public final class DaException extends Exception {
  private final transient DaError error;

  public DaException(final DaError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  /** The typed error, for callers that switch on it (e.g. to penalise a peer). */
  public DaError error() {
    return error;
  }
}
