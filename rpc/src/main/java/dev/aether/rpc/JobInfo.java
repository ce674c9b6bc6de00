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
 * @param status posted, accepted, submitted, challenged, settled, refunded or slashed
 * @param receipt the accepted receipt, from {@code submitted} on
 * @param outcome where the escrow and bond went, once final (all zero before)
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
    Outcome outcome) {
  public JobInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }

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
