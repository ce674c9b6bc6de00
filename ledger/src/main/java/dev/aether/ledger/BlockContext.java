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
 * @param proposer the proposer's index in the validator set of the block's consensus epoch ({@link
 *     Header#proposer()}, set {@code epoch}), or {@code -1} when unknown (tests, tools)
 * @param parentQc the quorum certificate the block carries ({@link Header#parentQc()}): whose votes
 *     certified its parent, the participation record the staking program counts downtime from; its
 *     signers index the set of {@link QuorumCert#epoch()}; empty when unknown
 * @param epoch the block's consensus epoch ({@link Header#epoch()}): the set its proposer index
 *     refers to. It can lag the slot's epoch — the block that ends an epoch lies past its slots
 *     (docs/adr/0025) — so never derive it from the slot; {@code -1} when unknown
 * @param multipliers the fee multipliers of this block, read from its parent's state by the ledger
 *     ({@link FeeMarket#pricesAfter}); callers pass {@link FeeMultipliers#NONE} and the ledger
 *     replaces it before any transaction runs
 * @param params the chain's active parameters ({@link ChainParams}) as the block's parent state
 *     holds them, set by the ledger with the multipliers; empty where the state holds none (then
 *     the ledger's and runtime's configuration applies) and before the ledger priced the context
 */
public record BlockContext(
    long height,
    long slot,
    boolean signaturesVerified,
    int proposer,
    Optional<QuorumCert> parentQc,
    long epoch,
    FeeMultipliers multipliers,
    Optional<ChainParams> params) {
  public BlockContext {
    Objects.requireNonNull(parentQc, "parentQc");
    Objects.requireNonNull(multipliers, "multipliers");
    Objects.requireNonNull(params, "params");
    if (proposer < -1 || epoch < -1) {
      throw new IllegalArgumentException("proposer and epoch must be >= -1");
    }
  }

  /** A context without parameters (the ledger adds them when it prices the context). */
  public BlockContext(
      long height,
      long slot,
      boolean signaturesVerified,
      int proposer,
      Optional<QuorumCert> parentQc,
      long epoch,
      FeeMultipliers multipliers) {
    this(
        height, slot, signaturesVerified, proposer, parentQc, epoch, multipliers, Optional.empty());
  }

  /** A context without proposer or participation information, priced by the ledger. */
  public BlockContext(long height, long slot, boolean signaturesVerified) {
    this(height, slot, signaturesVerified, -1, Optional.empty(), -1, FeeMultipliers.NONE);
  }

  /** A context without proposer or participation information, priced with {@code multipliers}. */
  public BlockContext(
      long height, long slot, boolean signaturesVerified, FeeMultipliers multipliers) {
    this(height, slot, signaturesVerified, -1, Optional.empty(), -1, multipliers);
  }

  /** A context with proposer and parent QC but no consensus epoch (tests that predate it). */
  public BlockContext(
      long height,
      long slot,
      boolean signaturesVerified,
      int proposer,
      Optional<QuorumCert> parentQc) {
    this(height, slot, signaturesVerified, proposer, parentQc, -1, FeeMultipliers.NONE);
  }

  /** A context with proposer, parent QC and consensus epoch, priced by the ledger. */
  public BlockContext(
      long height,
      long slot,
      boolean signaturesVerified,
      int proposer,
      Optional<QuorumCert> parentQc,
      long epoch) {
    this(height, slot, signaturesVerified, proposer, parentQc, epoch, FeeMultipliers.NONE);
  }

  /**
   * The context of a block with header {@code h}: height, slot, proposer, parent QC and consensus
   * epoch.
   */
  public static BlockContext of(Header h, boolean signaturesVerified) {
    return new BlockContext(
        h.height(),
        h.slot(),
        signaturesVerified,
        h.proposer(),
        Optional.of(h.parentQc()),
        h.epoch());
  }

  /** This context priced with {@code m}. */
  public BlockContext withMultipliers(FeeMultipliers m) {
    return new BlockContext(height, slot, signaturesVerified, proposer, parentQc, epoch, m, params);
  }

  /** This context under the parameters {@code p} (read from the parent state by the ledger). */
  public BlockContext withParams(Optional<ChainParams> p) {
    return new BlockContext(
        height, slot, signaturesVerified, proposer, parentQc, epoch, multipliers, p);
  }

  /** The fee formula in force: the parameters' if present, else {@code configured}. */
  public FeeSchedule feesOr(FeeSchedule configured) {
    return params.isPresent() ? params.get().fees() : configured;
  }
}
