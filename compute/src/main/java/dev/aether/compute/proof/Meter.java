package dev.aether.compute.proof;

/**
 * Where verification charges its metered steps, before doing the work they pay for. The job-escrow
 * program passes the transaction's meter (which stops the transaction when its fee cap is reached);
 * off-chain callers pass {@link #NONE}.
 */
@FunctionalInterface
public interface Meter {
  /** A meter that counts nothing. */
  Meter NONE = steps -> {};

  /**
   * Charges {@code steps} metered steps.
   *
   * @throws RuntimeException whatever the caller's meter throws when the budget is exhausted
   */
  void charge(long steps);
}
