package dev.aether.programs.jobs;

import dev.aether.compute.proof.ProofRejection;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import java.util.Locale;

/**
 * Why the job-escrow program refused a transaction. Each reason has a stable number (the receipt's
 * {@code errorCode}, in the program's range 1200..1299) and a stable name ({@code jobs.<name>}). A
 * refused transaction pays its fee and changes nothing else. A receipt refused by {@code submitVCR}
 * carries the verifier's own code ({@code vcr.*}, numbers 1250 + reason), a refused fraud proof its
 * code ({@code proof.*}, numbers 1280 + reason) — the same codes {@code aetherctl mesh} prints.
 */
public enum JobsError {
  MALFORMED_ARGS(1200, "the call's arguments do not decode"),
  UNKNOWN_JOB(1201, "no job with this id"),
  WRONG_STATUS(1202, "the job is not in a status that allows this (a final status never changes)"),
  NOT_POSTER(1203, "only the job's poster may do this"),
  NOT_PROVIDER(1204, "only the job's provider may do this"),
  PROVIDER_NOT_REGISTERED(1205, "the provider is not registered"),
  DEADLINE_PASSED(1206, "the job's deadline slot has passed"),
  DEADLINE_NOT_PASSED(1207, "the job's deadline slot has not passed yet"),
  WINDOW_OPEN(1208, "the receipt's challenge window is still open"),
  WINDOW_CLOSED(1209, "the receipt's challenge window has closed"),
  BOND_TOO_LOW(1210, "the bond is below [jobs].min_bond_ratio × max_price"),
  PRICE_BELOW_BURN(1211, "max_price is below j_units × [jobs].burn_per_j_unit"),
  ZERO_AMOUNT(1212, "j_units and max_price must be positive"),
  DEADLINE_IN_PAST(1213, "the deadline slot is not after the current slot"),
  CODE_NOT_REGISTERED(1214, "the provider did not register the job's code_hash"),
  DEV_TEE_DISALLOWED(1215, "development TEEs are allowed only on a devnet"),
  BAD_REGISTRATION(1216, "the registration is malformed (sizes, counts, kinds)"),
  TOO_MANY_PROVIDERS(1217, "the registry holds [jobs].max_providers providers"),
  NOT_KEY_OWNER(1218, "a provider registers the key of the account that signs"),
  SELF_CHALLENGE(1219, "a provider cannot challenge its own receipt"),
  JOB_EXISTS(1220, "a job with this id exists"),
  OVERFLOW(1221, "an amount would pass 2^128 - 1"),
  BAD_REPLICAS(1222, "a job asks for 1 replica or 3 to 5"),
  QUORUM_NEEDS_FIXED_INPUT(1223, "a replicated job fixes its input hash and seed"),
  INPUT_NOT_BOUND(1224, "an input carried on chain needs the input_hash it hashes to"),
  ALREADY_REPLICA(1225, "the provider already holds a replica of this job"),
  NOT_QUORUM(1226, "this call is for replicated jobs"),
  NOT_REPLICA(1227, "the provider holds no replica of this job"),
  COMMITS_CLOSED(1228, "commits are closed: the deadline passed"),
  REVEALS_NOT_OPEN(1229, "reveals open when every replica committed or the deadline passed"),
  REVEALS_CLOSED(1230, "the reveal window has closed"),
  REVEAL_MISMATCH(1231, "the receipt and salt do not hash to the replica's commitment"),
  ONE_POST_PER_TX(1232, "a transaction posts at most one job (the id comes from its nonce)"),
  STABLE_SINGLE_ONLY(1233, "a stablecoin payout settles a single-provider job"),
  NO_TWAP(
      1234,
      "no AIC/USDT price reading is [jobs].twap_window_slots old yet: call observePrice and wait"),
  ORACLE_TOO_SOON(1235, "the newest price reading is less than a quarter window old"),
  PRICE_DEVIATION(
      1236, "the AIC/USDT spot price is too far below its average to buy the payout: try later"),
  PAYOUT_TOO_SMALL(1237, "the payout is worth less than one USDT base unit");

  /** First number of the program's range. */
  public static final int FIRST = 1200;

  /** Last number of the program's range. */
  public static final int LAST = 1299;

  /** Numbers of receipt rejections: {@code VCR_BASE + ReceiptRejection.ordinal()}. */
  public static final int VCR_BASE = 1250;

  /** Numbers of fraud-proof rejections: {@code PROOF_BASE + ProofRejection.ordinal()}. */
  public static final int PROOF_BASE = 1280;

  private final int number;
  private final String description;

  JobsError(int number, String description) {
    this.number = number;
    this.description = description;
  }

  /** Stable receipt error code. */
  public int number() {
    return number;
  }

  /** Stable name, e.g. {@code jobs.window_open}. */
  public String code() {
    return "jobs." + name().toLowerCase(Locale.ROOT);
  }

  /** What the reason means, for people. */
  public String description() {
    return description;
  }

  /** The exception that fails the transaction with this reason. */
  public LedgerException refuse(String detail) {
    return new LedgerException(
        new LedgerError.ExecutionFailed(number, code(), description + ": " + detail));
  }

  /** A receipt refused by the verifier. */
  static LedgerException refuse(ReceiptRejection r, String detail) {
    return new LedgerException(
        new LedgerError.ExecutionFailed(VCR_BASE + r.ordinal(), r.code(), detail));
  }

  /** A fraud proof that shows nothing. */
  static LedgerException refuse(ProofRejection r, String detail) {
    return new LedgerException(
        new LedgerError.ExecutionFailed(PROOF_BASE + r.ordinal(), r.code(), detail));
  }
}
