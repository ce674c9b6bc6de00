package dev.aether.mempool;

/**
 * Why the mempool refused a transaction. Codes are stable: RPC returns them in the error's {@code
 * data.reason} and the CLI prints them.
 */
public enum Rejection {
  MALFORMED("mempool.malformed", "bytes are not a canonical transaction"),
  TOO_LARGE("mempool.too_large", "transaction exceeds the size limit"),
  WRONG_CHAIN("mempool.wrong_chain", "transaction is for another chain"),
  EXPIRED("mempool.expired", "validity interval ended"),
  NOT_YET_VALID("mempool.not_yet_valid", "validity interval starts too far in the future"),
  BAD_SIGNATURE("mempool.bad_signature", "a signature does not verify"),
  MISSING_SIGNATURE("mempool.missing_signature", "the payer or an input owner did not sign"),
  FEE_TOO_LOW("mempool.fee_too_low", "fee cap below the current price"),
  UNKNOWN_PAYER("mempool.unknown_payer", "payer account does not exist"),
  INSUFFICIENT_BALANCE("mempool.insufficient_balance", "payer cannot cover the fee cap"),
  NONCE_TOO_LOW("mempool.nonce_too_low", "nonce already used"),
  NONCE_GAP("mempool.nonce_gap", "nonce too far ahead of the account"),
  UNKNOWN_INPUT("mempool.unknown_input", "an input does not exist or is spent"),
  ALREADY_KNOWN("mempool.already_known", "transaction is already in the pool"),
  CONFLICT("mempool.conflict", "conflicts with a pooled transaction that pays at least as much"),
  POOL_FULL("mempool.pool_full", "pool is full of transactions paying more");

  private final String code;
  private final String description;

  Rejection(String code, String description) {
    this.code = code;
    this.description = description;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
