package dev.aether.verifiers.tee;

/**
 * The verifiers module's one error type: evidence or collateral that cannot be parsed or used. It
 * always carries a stable {@link Reason}; the message is one human-readable line.
 *
 * <p>Parsers throw it (and nothing else) for any input; {@link TeeVerifier#verify} never throws it
 * but returns it as a {@link Verdict.Invalid}.
 */
public final class TeeException extends Exception {

  private final Reason reason;

  /**
   * Creates an error.
   *
   * @param reason the stable reason code
   * @param message one line saying what was wrong
   */
  public TeeException(final Reason reason, final String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The stable reason. */
  public Reason reason() {
    return reason;
  }
}
