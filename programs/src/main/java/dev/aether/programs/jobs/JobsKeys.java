package dev.aether.programs.jobs;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;

/** Where the job-escrow program keeps its objects (each a tagged hash). */
public final class JobsKeys {
  private JobsKeys() {}

  /** A job's id: {@code SHA-256("aether/jobs/id/v1" || 0 || poster || u64 nonce)}. */
  public static H256 jobId(Address poster, long nonce) {
    return Hashing.tagged(
        "aether/jobs/id/v1", poster.hash().toArray(), new Writer(8).u64(nonce).toByteArray());
  }

  /** The job record. */
  public static H256 job(H256 id) {
    return Hashing.tagged("aether/jobs/job/v1", id.toArray());
  }

  /** A replicated (quorum) job's record ({@link QuorumJob}). */
  public static H256 quorum(H256 id) {
    return Hashing.tagged("aether/jobs/quorum/v1", id.toArray());
  }

  /** A provider's registration. */
  public static H256 provider(Address provider) {
    return Hashing.tagged("aether/jobs/provider/v1", provider.hash().toArray());
  }

  /** The list of registered providers. */
  public static H256 providers() {
    return Hashing.tagged("aether/jobs/providers/v1");
  }

  /** AIC supply accounting. */
  public static H256 supply() {
    return Hashing.tagged("aether/jobs/supply/v1");
  }

  /** The AIC/USDT price readings a stablecoin payout averages over ({@link PriceOracle}). */
  public static H256 oracle() {
    return Hashing.tagged("aether/jobs/oracle/v1");
  }

  /** The program's parameters (from genesis; governance may change them). */
  public static H256 params() {
    return Hashing.tagged("aether/jobs/params/v1");
  }
}
