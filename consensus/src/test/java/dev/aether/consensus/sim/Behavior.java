package dev.aether.consensus.sim;

/** How a simulated validator behaves. Byzantine ones together hold less than a third of stake. */
public enum Behavior {
  HONEST,
  /** Sends two different signed proposals for its round, one to each half of the network. */
  EQUIVOCATING_LEADER,
  /** Signs a second vote for another block of the same round and sends it to half the network. */
  DOUBLE_VOTER,
  /** Never sends votes or timeouts. */
  WITHHOLD_VOTES,
  /** Replays old proposals, votes and timeouts it received to random validators. */
  STALE_REPLAY;

  public boolean byzantine() {
    return this != HONEST;
  }
}
