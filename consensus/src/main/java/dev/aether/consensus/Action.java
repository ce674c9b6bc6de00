package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;

/**
 * What consensus asks its driver to do, in order. Order matters: a {@link PersistSafety} always
 * precedes the vote or timeout it protects, and the driver must finish it (fsync) before sending
 * anything that follows it.
 */
public sealed interface Action {
  /** Gossip a signed proposal (topic {@code header}; the body travels as shreds). */
  record BroadcastProposal(Block block) implements Action {}

  /**
   * Gossip a vote (topic {@code vote}). Leaders are secret until they propose (VRF lottery), so
   * votes go to everyone and every node aggregates the QC itself.
   */
  record BroadcastVote(Vote vote) implements Action {}

  record BroadcastTimeout(Timeout timeout) implements Action {}

  /**
   * Ask {@code from} (a validator that must have it) for a block we lack; answer arrives as a
   * proposal.
   */
  record FetchBlock(H256 blockId, int from) implements Action {}

  /** Build a payload for our own proposal; answer with {@link Event.PayloadReady}. */
  record RequestPayload(PayloadRequest request) implements Action {}

  /** Execute a received block on its parent's state; answer with {@link Event.BlockExecuted}. */
  record ExecuteBlock(Block block) implements Action {}

  record SetTimer(Timer timer, long atMs) implements Action {}

  /** {@code block} is final. Commits come in chain order, each the child of the one before. */
  record CommitBlock(Block block) implements Action {}

  /**
   * Signed proof of equivocation, for the staking program to slash; the driver also gossips it to
   * the other validators ({@link Event.EvidenceReceived}). The same proof comes again, at most once
   * a round, while its offender keeps proposing (so that validators that missed it converge):
   * whoever turns it into a slashing transaction deduplicates by {@code Evidence.id}, as it must
   * anyway since every validator reports the same offence.
   */
  record EvidenceFound(Evidence evidence) implements Action {}

  /**
   * Consensus entered epoch {@code epoch}, validated by {@code set}, on top of {@code root} (the
   * final block that ended the previous epoch; genesis or the resume point at start). The driver
   * re-targets what follows the set: peers, stake quotas, Turbine trees.
   */
  record EpochStarted(long epoch, ValidatorSet set, Block root) implements Action {}

  /** Write the safety state durably before performing any later action of this batch. */
  record PersistSafety(SafetyState state) implements Action {}

  /** An input was refused; for metrics and peer scoring. Nothing changed. */
  record Rejected(ConsensusError error) implements Action {}
}
