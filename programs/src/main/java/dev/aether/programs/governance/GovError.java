package dev.aether.programs.governance;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the governance program refused a transaction. Each reason has a stable number (the receipt's
 * {@code errorCode}, in the program's range 1500..1599) and a stable name ({@code
 * governance.<name>}) that RPC and the CLI show. A refused transaction pays its fee and changes
 * nothing else.
 */
public enum GovError {
  MALFORMED_ARGS(1500, "the call's arguments do not decode"),
  UNKNOWN_PARAM(1501, "no governable parameter has this name"),
  INVALID_PARAM(1502, "the parameter value is not valid (type, range, or the resulting set)"),
  PARAM_NOT_GOVERNABLE(1503, "this parameter cannot be changed by a proposal (see the docs)"),
  INVALID_UPGRADE(1504, "the upgrade must raise the protocol version at a height far enough ahead"),
  UPGRADE_PENDING(1505, "another protocol upgrade is already scheduled"),
  INVALID_SPEND(1506, "a treasury spend needs 1..16 positive payments"),
  DEPOSIT_TOO_LOW(1507, "the initial deposit is below a tenth of [governance].min_deposit"),
  TOO_MANY_ACTIVE(1508, "[governance].max_active proposals are in deposit or voting already"),
  UNKNOWN_PROPOSAL(1509, "no proposal has this id"),
  NOT_IN_DEPOSIT(1510, "the proposal is not collecting deposits"),
  NOT_IN_VOTING(1511, "the proposal is not in its voting period"),
  NO_VOTING_POWER(1512, "the voter has no bonded stake (neither a validator nor a delegator)"),
  TOO_MANY_VOTERS(1513, "the proposal has the most distinct voters it keeps"),
  TOO_MANY_DEPOSITORS(1514, "the proposal has the most distinct depositors it keeps"),
  ZERO_AMOUNT(1515, "the amount must be positive"),
  TEXT_TOO_LONG(1516, "the title or description is too long");

  /** The first number of the range reserved for the governance program. */
  public static final int FIRST = 1500;

  /** The last number of the range reserved for the governance program. */
  public static final int LAST = 1599;

  private final int number;
  private final String description;

  GovError(int number, String description) {
    this.number = number;
    this.description = description;
  }

  public int number() {
    return number;
  }

  /** Stable name, e.g. {@code governance.no_voting_power}. */
  public String code() {
    return "governance." + name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public LedgerError toLedgerError(String detail) {
    return new LedgerError.ExecutionFailed(number, code(), description + ": " + detail);
  }

  public LedgerException refuse(String detail) {
    return new LedgerException(toLedgerError(detail));
  }

  public static Optional<GovError> ofNumber(int number) {
    for (GovError e : values()) {
      if (e.number == number) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
