package dev.aether.network;

/** Outcome of a topic validator, with gossipsub v1.1's three-way semantics. */
public enum Validation {
  /** Valid: deliver locally and forward. */
  ACCEPT,
  /** Invalid: drop, do not forward, penalise the peer that sent it. */
  REJECT,
  /** Not useful now (e.g. stale): drop without penalty. */
  IGNORE,
  /**
   * Judged later, off the logic thread: the message waits (neither delivered nor forwarded) until
   * {@link GossipRouter#completeValidation} brings the verdict. Returned by the validators {@link
   * Network#subscribeAsync} installs; a plain validator must not return it.
   */
  DEFER
}
