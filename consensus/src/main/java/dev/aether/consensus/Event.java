package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Timeout;
import dev.aether.types.Tx;
import dev.aether.types.Vote;
import java.util.List;

/**
 * Everything that can happen to consensus. Each event carries the consensus-clock time at which it
 * happens; consensus reads no clock of its own.
 */
public sealed interface Event {
  long nowMs();

  /** The node starts (or restarts from persisted safety state). */
  record Start(long nowMs) implements Event {}

  record TimerFired(Timer timer, long nowMs) implements Event {}

  /** A proposal from the network, or a block fetched after {@link Action.FetchBlock}. */
  record ProposalReceived(Block block, long nowMs) implements Event {}

  record VoteReceived(Vote vote, long nowMs) implements Event {}

  record TimeoutReceived(Timeout timeout, long nowMs) implements Event {}

  /**
   * Equivocation evidence gossiped by another node (or read from a slashing transaction). Once it
   * verifies, the offender's proposals get no vote: it is provably Byzantine.
   */
  record EvidenceReceived(Evidence evidence, long nowMs) implements Event {}

  /** The answer to {@link Action.ExecuteBlock}: the roots the execution produced. */
  record BlockExecuted(H256 blockId, H256 stateRoot, H256 receiptsRoot, long nowMs)
      implements Event {}

  /** The block could not be executed (an invalid transaction, over a limit): never vote for it. */
  record BlockInvalid(H256 blockId, long nowMs) implements Event {}

  /** The answer to {@link Action.RequestPayload}. */
  record PayloadReady(
      PayloadRequest request,
      List<Tx> txs,
      H256 txRoot,
      H256 stateRoot,
      H256 receiptsRoot,
      H256 shredRoot,
      long nowMs)
      implements Event {
    public PayloadReady {
      txs = List.copyOf(txs);
    }
  }
}
