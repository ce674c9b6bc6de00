package dev.aether.consensus.sim;

/**
 * How a simulated validator behaves. A Byzantine validator does not run the honest state machine
 * with a flag: it follows the chain with a non-voting {@link dev.aether.consensus.Consensus} (to
 * know rounds, certificates and nonces, as any attacker can) and crafts every message it sends
 * itself, signed with its own real key, through an {@link Attack}. The Byzantine validators of a
 * run form one coalition that pools what its members hear ({@link Intel}). Together they hold less
 * than a third of the stake.
 */
public enum Behavior {
  HONEST,
  /** Signs two different blocks for its round and sends one to each half; votes for both. */
  EQUIVOCATING_LEADER,
  /** Votes for the round's first proposal and, to half the network, for another block too. */
  DOUBLE_VOTER,
  /** Sends nothing: no proposals, votes or timeouts, serves no blocks. */
  WITHHOLD_VOTES,
  /** Replays old proposals, votes, timeouts and evidence, from any round, to random validators. */
  STALE_REPLAY,
  /** Proposes on a stale QC justified by a stale, forged or legitimately cherry-picked TC. */
  STALE_QC_PROPOSER,
  /** Times out carrying lowered, forged, malformed or mismatched QCs, also for future rounds. */
  TIMEOUT_FORGER,
  /**
   * Votes for blocks on a conflicting fork in later rounds and for future rounds, and sends its
   * votes for the round's best block to a random subset only, so QCs form at some nodes only.
   */
  FORK_VOTER,
  /** Extends the same parent in consecutive rounds (conflicting blocks) and votes for both. */
  CROSS_ROUND_EQUIVOCATOR,
  /** Sends undecodable, mutated, oversized and semantically absurd messages through the codec. */
  GARBAGE,
  /**
   * Proposes with the earliest slot since the parent it can win — an old slot outranks the current
   * slot's proposals — to half of the validators only, to split the round's votes.
   */
  SPLIT_PROPOSER,
  /**
   * After each timeout, proposes on the QC just below the TC's highest report (a fork only a
   * validator ignoring its lock would vote for), votes for its forks, and sends its votes for the
   * main chain to one validator only, so commits happen at some validators and not others.
   */
  LOCK_BREAKER;

  public boolean byzantine() {
    return this != HONEST;
  }

  /** The attack that plays this behaviour (HONEST has none). */
  Attack attack() {
    return switch (this) {
      case HONEST -> throw new IllegalStateException("honest validators run Consensus");
      case EQUIVOCATING_LEADER -> new EquivocateAttack();
      case DOUBLE_VOTER -> new DoubleVoteAttack();
      case WITHHOLD_VOTES -> new WithholdAttack();
      case STALE_REPLAY -> new ReplayAttack();
      case STALE_QC_PROPOSER -> new StaleQcAttack();
      case TIMEOUT_FORGER -> new ForgeTimeoutAttack();
      case FORK_VOTER -> new ForkVoteAttack();
      case CROSS_ROUND_EQUIVOCATOR -> new CrossRoundAttack();
      case GARBAGE -> new GarbageAttack();
      case SPLIT_PROPOSER -> new SplitAttack();
      case LOCK_BREAKER -> new LockBreakerAttack();
    };
  }
}
