package dev.aether.programs.amm;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the AMM program refused a transaction (or the pure calculator an input). Each reason has a
 * stable number (the receipt's {@code errorCode}, in the AMM's range 1400..1499) and a stable name
 * ({@code amm.<name>}) that RPC and the CLI show. A refused transaction pays its fee and changes
 * nothing else.
 */
public enum AmmError {
  MALFORMED_ARGS(1400, "the call's arguments do not decode"),
  SAME_ASSET(1401, "a pool needs two different assets"),
  POOL_EXISTS(1402, "a pool for this pair exists already (one pool per pair)"),
  UNKNOWN_POOL(1403, "no pool for this pair"),
  TOO_MANY_POOLS(1404, "the registry holds [amm].max_pools pools"),
  ZERO_AMOUNT(1405, "the amount must be positive"),
  INSUFFICIENT_LIQUIDITY(1406, "the pool's reserves cannot pay this (empty, or all of a reserve)"),
  INSUFFICIENT_OUTPUT(1407, "the output is below min_out"),
  EXCESSIVE_INPUT(1408, "the input needed is above max_in"),
  EXPIRED(1409, "the deadline slot has passed"),
  OVERFLOW(1410, "a result does not fit in u128 (refused, never wrapped)"),
  INSUFFICIENT_LIQUIDITY_MINTED(1411, "the deposit is worth no LP shares"),
  INSUFFICIENT_LIQUIDITY_BURNED(1412, "the LP shares are worth nothing of one reserve"),
  DEPOSIT_BELOW_MINIMUM(1413, "the proportional deposit is below the amount minimum given"),
  BAD_PATH(1414, "a route needs 2 to 4 assets, each adjacent pair a pool, no asset twice"),
  FEE_OUT_OF_RANGE(1415, "fee_bps must be 0..9999 (pools: 1..[amm] maximum)"),
  WITHDRAWAL_BELOW_MINIMUM(1416, "the amounts withdrawn are below the minimums given"),
  INVARIANT_VIOLATED(1417, "x·y would decrease (a guard that no correct input reaches)"),
  BAD_TWAP_WINDOW(1418, "a TWAP needs a later observation than the first");

  /** The first number of the range reserved for the AMM program. */
  public static final int FIRST = 1400;

  /** The last number of the range reserved for the AMM program. */
  public static final int LAST = 1499;

  private final int number;
  private final String description;

  AmmError(int number, String description) {
    this.number = number;
    this.description = description;
  }

  /** Stable receipt error code. */
  public int number() {
    return number;
  }

  /** Stable name, e.g. {@code amm.insufficient_output}. */
  public String code() {
    return "amm." + name().toLowerCase(Locale.ROOT);
  }

  /** What the reason means, for people. */
  public String description() {
    return description;
  }

  /** The ledger error a refused transaction's receipt records. */
  public LedgerError toLedgerError(String detail) {
    return new LedgerError.ExecutionFailed(number, code(), description + ": " + detail);
  }

  /** The exception that fails the transaction (or the calculation) with this reason. */
  public LedgerException refuse(String detail) {
    return new LedgerException(toLedgerError(detail));
  }

  /** The reason with receipt code {@code number}, if it is one of the AMM's. */
  public static Optional<AmmError> ofNumber(int number) {
    for (AmmError e : values()) {
      if (e.number == number) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
