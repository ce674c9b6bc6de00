package dev.aether.consensus.sim;

/**
 * One Byzantine strategy, played by one coalition member through its {@link Adversary} handle. It
 * never touches another validator's state: it can only send messages it built and signed with its
 * own key, or replay and mutate messages it heard.
 */
interface Attack {
  /** At the start of every slot of the member's local clock. */
  void onSlot(Adversary a, long slot);

  /** For every message the member receives (already recorded in the coalition's {@link Intel}). */
  default void onMessage(Adversary a, Object message) {}

  /** Whether the member answers block requests (with the blocks its follower knows). */
  default boolean servesBlocks() {
    return true;
  }
}
