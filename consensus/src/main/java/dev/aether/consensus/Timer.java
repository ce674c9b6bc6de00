package dev.aether.consensus;

/**
 * The timers consensus asks its driver to set; each comes back as {@link Event.TimerFired}. Round
 * timers name their consensus epoch too: rounds start again in every epoch, so a timer of an epoch
 * that has ended must not fire into the next one's round of the same number.
 */
public sealed interface Timer {
  /** Fires at the start of {@code slot}: lottery check and proposal. */
  record SlotStart(long slot) implements Timer {}

  /** Round {@code round} of {@code epoch} has taken too long: time out (again). */
  record RoundTimeout(long epoch, long round) implements Timer {}

  /** The vote window of {@code round} closes: vote for the best proposal seen. */
  record VoteWindow(long epoch, long round) implements Timer {}

  /**
   * The best proposal of {@code round} still had not executed one more window after the vote window
   * closed: vote for the best executed one instead.
   */
  record VoteDeadline(long epoch, long round) implements Timer {}
}
