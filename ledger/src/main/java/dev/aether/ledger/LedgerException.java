package dev.aether.ledger;

/**
 * Carries a {@link LedgerError} out of deep code (state access inside a program, a proof check). No
 * stack trace: these are expected outcomes of bad input, not bugs.
 */
public final class LedgerException extends RuntimeException {
  private final transient LedgerError error;

  public LedgerException(LedgerError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public LedgerError error() {
    return error;
  }
}
