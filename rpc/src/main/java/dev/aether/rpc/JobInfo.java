package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.Objects;
import java.util.Optional;

/**
 * A job of the job-escrow program as RPC shows it ({@code aeth_getJob}): the poster's terms, where
 * it stands, the provider and its bond, the accepted receipt and — once final — where the AIC went.
 *
 * @param status posted, accepted, submitted, challenged, settled, refunded or slashed; for a
 *     replicated job open, running, settled, refunded or unresolved
 * @param receipt the accepted receipt, from {@code submitted} on (single jobs)
 * @param outcome where the escrow and bond went, once final (all zero before); for a replicated job
 *     summed over its replicas
 * @param quorum a replicated job's replicas and windows (empty for a single job)
 */
public record JobInfo(
    H256 id,
    String status,
    Address poster,
    H256 modelHash,
    H256 codeHash,
    long jUnits,
    Amount maxPrice,
    long slaMs,
    long deadlineSlot,
    Optional<H256> inputHash,
    Optional<Long> seed,
    long postedSlot,
    Optional<Address> provider,
    Amount bond,
    long acceptedSlot,
    Optional<Receipt> receipt,
    long lostChallenges,
    Outcome outcome,
    Optional<Quorum> quorum) {
  public JobInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(quorum, "quorum");
  }

  /**
   * A replicated job's replicas and windows (slots): commits until {@code deadlineSlot}, reveals
   * until {@code revealEndSlot}, challenges until {@code challengeEndSlot}, settlement from then.
   *
   * @param replicas how many providers run it
   * @param fullSlot when the last replica accepted (0 while open)
   * @param commitsClosedSlot when the last replica committed (0 until every one has)
   * @param revealsClosedSlot when the last committed replica revealed (0 until then)
   * @param revealEndSlot first slot reveals are refused in
   * @param challengeEndSlot first slot challenges are refused in
   * @param members the replicas in accept order
   */
  public record Quorum(
      int replicas,
      long fullSlot,
      long commitsClosedSlot,
      long revealsClosedSlot,
      long revealEndSlot,
      long challengeEndSlot,
      java.util.List<Member> members) {
    public Quorum {
      members = java.util.List.copyOf(members);
    }
  }

  /**
   * One replica: accepted, committed, revealed, convicted, missed, paid or released.
   *
   * @param receipt its revealed receipt ({@code windowEndSlot} 0: the job's challenge end applies)
   */
  public record Member(
      Address provider,
      Amount bond,
      long acceptedSlot,
      String status,
      Optional<H256> commitment,
      long commitSlot,
      Optional<Receipt> receipt,
      Outcome outcome) {}

  /** The accepted receipt as the chain recorded it. */
  public record Receipt(
      H256 vcrHash,
      H256 outputHash,
      Bytes commitment,
      int traceLength,
      long jUnits,
      long submittedSlot,
      long windowEndSlot) {}

  /** Where a final job's AIC went. */
  public record Outcome(
      Amount paid, Amount refunded, Amount burned, Amount rewarded, Amount bondReturned) {}
}
