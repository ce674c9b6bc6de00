package dev.aether.mempool;

/**
 * Why the mempool refused a transaction. Codes are stable: RPC returns them in the error's {@code
 * data.reason} (with {@link #retry()} in {@code data.retry}) and the CLI prints them.
 */
public enum Rejection {
  MALFORMED("mempool.malformed", "bytes are not a canonical transaction", Retry.NEVER),
  TOO_LARGE("mempool.too_large", "transaction exceeds the size limit", Retry.NEVER),
  WRONG_CHAIN("mempool.wrong_chain", "transaction is for another chain", Retry.NEVER),
  EXPIRED("mempool.expired", "validity interval ended", Retry.NEVER),
  NOT_YET_VALID(
      "mempool.not_yet_valid", "validity interval starts too far in the future", Retry.LATER),
  BAD_SIGNATURE("mempool.bad_signature", "a signature does not verify", Retry.NEVER),
  MISSING_SIGNATURE(
      "mempool.missing_signature", "the payer or an input owner did not sign", Retry.NEVER),
  FEE_TOO_LOW("mempool.fee_too_low", "fee cap below the current price", Retry.RAISE_FEE),
  UNKNOWN_PAYER("mempool.unknown_payer", "payer account does not exist", Retry.LATER),
  INSUFFICIENT_BALANCE(
      "mempool.insufficient_balance", "payer cannot cover the fee cap", Retry.LATER),
  NONCE_TOO_LOW("mempool.nonce_too_low", "nonce already used", Retry.NEVER),
  NONCE_GAP("mempool.nonce_gap", "nonce too far ahead of the account", Retry.LATER),
  UNKNOWN_INPUT("mempool.unknown_input", "an input does not exist or is spent", Retry.LATER),
  ALREADY_KNOWN("mempool.already_known", "transaction is already in the pool", Retry.NEVER),
  CONFLICT(
      "mempool.conflict",
      "conflicts with a pooled transaction that pays at least as much",
      Retry.RAISE_FEE),
  POOL_FULL("mempool.pool_full", "pool is full of transactions paying more", Retry.LATER);

  /** What a client can do about a refusal. */
  public enum Retry {
    /** The same bytes may be admitted later (an earlier nonce lands, the pool drains, ...). */
    LATER("later"),
    /** Only a new transaction with a higher fee cap can get in (re-sign it). */
    RAISE_FEE("raise_fee"),
    /** This transaction will never be admitted (already known: nothing to do). */
    NEVER("never");

    private final String code;

    Retry(String code) {
      this.code = code;
    }

    /** The stable word RPC puts in {@code data.retry}. */
    public String code() {
      return code;
    }
  }

  private final String code;
  private final String description;
  private final Retry retry;

  Rejection(String code, String description, Retry retry) {
    this.code = code;
    this.description = description;
    this.retry = retry;
  }

  /** Whether and how a client may retry. */
  public Retry retry() {
    return retry;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
