package dev.aether.ledger;

import dev.aether.types.Event;
import java.util.List;
import java.util.Optional;

/**
 * What running a transaction's calls produced: metered steps and memory (priced by the fee schedule
 * even when execution failed), events, and the failure if any. On failure the ledger discards the
 * transaction's changes and events but still charges the fee.
 *
 * @param steps metered execution steps
 * @param memBytes peak memory in bytes
 * @param events events emitted, in order
 * @param failure why execution failed, if it did
 */
public record ExecutionResult(
    long steps, long memBytes, List<Event> events, Optional<LedgerError> failure) {
  /** Nothing ran (a transaction without calls). */
  public static final ExecutionResult NOTHING =
      new ExecutionResult(0, 0, List.of(), Optional.empty());

  public ExecutionResult {
    events = List.copyOf(events);
    java.util.Objects.requireNonNull(failure, "failure");
  }

  public static ExecutionResult success(long steps, long memBytes, List<Event> events) {
    return new ExecutionResult(steps, memBytes, events, Optional.empty());
  }

  public static ExecutionResult failed(long steps, long memBytes, LedgerError error) {
    return new ExecutionResult(steps, memBytes, List.of(), Optional.of(error));
  }
}
