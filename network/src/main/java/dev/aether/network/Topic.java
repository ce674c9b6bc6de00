package dev.aether.network;

import java.util.Optional;

/** The gossip topics of the Aether network, with their one-byte wire codes. */
public enum Topic {
  /** Transactions on their way to the leader's mempool. */
  TX(1),
  /** Signed block headers (carry the shred root). */
  HEADER(2),
  /** Consensus votes. */
  VOTE(3),
  /** Shreds gossiped outside the Turbine tree (e.g. repairs re-broadcast). */
  SHRED(4);

  private final int code;

  Topic(final int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /**
   * True for the topics consensus lives on (headers, votes, shreds). Their inbound budget is kept
   * apart from transactions', so no volume of client transactions can crowd out a vote.
   */
  public boolean isConsensus() {
    return this != TX;
  }

  static Optional<Topic> fromCode(final int code) {
    for (final Topic t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
