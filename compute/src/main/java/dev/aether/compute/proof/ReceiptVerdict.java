package dev.aether.compute.proof;

/** The outcome of checking a receipt. */
public sealed interface ReceiptVerdict {
  /** Whether the receipt was accepted. */
  boolean isValid();

  /**
   * Accepted.
   *
   * @param jUnits the model's J-units (what the job is metered at)
   * @param traceLength the number of steps of the published trace
   */
  record Accepted(long jUnits, int traceLength) implements ReceiptVerdict {
    @Override
    public boolean isValid() {
      return true;
    }
  }

  /** Refused for {@code reason}. */
  record Rejected(ReceiptRejection reason, String detail) implements ReceiptVerdict {
    @Override
    public boolean isValid() {
      return false;
    }
  }
}
