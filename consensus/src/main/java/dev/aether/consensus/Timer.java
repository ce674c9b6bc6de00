package dev.aether.consensus;

/** The timers consensus asks its driver to set; each comes back as {@link Event.TimerFired}. */
public sealed interface Timer {
  /** Fires at the start of {@code slot}: lottery check and proposal. */
  record SlotStart(long slot) implements Timer {}

  /** Round {@code round} has taken too long: time out (again). */
  record RoundTimeout(long round) implements Timer {}

  /** The vote window of {@code round} closes: vote for the best proposal seen. */
  record VoteWindow(long round) implements Timer {}

  /**
   * The best proposal of {@code round} still had not executed one more window after the vote window
   * closed: vote for the best executed one instead.
   */
  record VoteDeadline(long round) implements Timer {}
}
