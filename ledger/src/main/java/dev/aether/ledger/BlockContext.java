package dev.aether.ledger;

import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import java.util.Objects;
import java.util.Optional;

/**
 * What a block's transactions are checked and run against.
 *
 * @param height the block's height
 * @param slot the block's slot (checked against validity intervals)
 * @param signaturesVerified true when every transaction signature was already verified (in a batch,
 *     by the node); the rules then only check that the required signers are present
 * @param proposer the proposer's index in the validator set of the block's epoch ({@link
 *     Header#proposer()}), or {@code -1} when unknown (tests, tools)
 * @param parentQc the quorum certificate the block carries ({@link Header#parentQc()}): whose votes
 *     certified its parent, the participation record the staking program counts downtime from;
 *     empty when unknown
 */
public record BlockContext(
    long height,
    long slot,
    boolean signaturesVerified,
    int proposer,
    Optional<QuorumCert> parentQc) {
  public BlockContext {
    Objects.requireNonNull(parentQc, "parentQc");
    if (proposer < -1) {
      throw new IllegalArgumentException("proposer must be >= -1, got " + proposer);
    }
  }

  /** A context without proposer or participation information. */
  public BlockContext(long height, long slot, boolean signaturesVerified) {
    this(height, slot, signaturesVerified, -1, Optional.empty());
  }

  /** The context of a block with header {@code h}: height, slot, proposer and parent QC. */
  public static BlockContext of(Header h, boolean signaturesVerified) {
    return new BlockContext(
        h.height(), h.slot(), signaturesVerified, h.proposer(), Optional.of(h.parentQc()));
  }
}
