package dev.aether.programs.staking;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the staking program refused a transaction. Each reason has a stable number (the receipt's
 * {@code errorCode}, in the staking program's range 1100..1199) and a stable name ({@code
 * staking.<name>}) that RPC and the CLI show. A refused transaction pays its fee and changes
 * nothing else.
 */
public enum StakingError {
  MALFORMED_ARGS(1100, "the call's arguments do not decode"),
  NOT_OPERATOR(1101, "the transaction is not signed by the validator's operator (cold) key"),
  INVALID_PROOF_OF_POSSESSION(1102, "the BLS proof of possession does not verify"),
  ALREADY_REGISTERED(1103, "a validator is already registered for this operator"),
  KEY_IN_USE(1104, "a consensus key is already used by another validator"),
  TOO_MANY_CANDIDATES(1105, "the registry holds [staking].max_candidates validators"),
  SELF_BOND_TOO_LOW(1106, "the self-bond is below [staking].min_self_bond"),
  COMMISSION_OUT_OF_RANGE(1107, "commission, max rate or max change out of range"),
  COMMISSION_CHANGE_TOO_LARGE(1108, "the commission moves more than the validator's max change"),
  COMMISSION_CHANGED_THIS_EPOCH(1109, "the commission was already changed this epoch"),
  UNKNOWN_VALIDATOR(1110, "no validator is registered under this operator address"),
  VALIDATOR_TOMBSTONED(1111, "the validator was slashed for double signing and never returns"),
  ZERO_AMOUNT(1112, "the amount must be positive"),
  POOL_EMPTY(1113, "the validator's stake was slashed to nothing; it takes no delegations"),
  NO_DELEGATION(1114, "no delegation from this address to this validator"),
  INSUFFICIENT_STAKE(1115, "more than the delegation is worth"),
  SELF_BOND_BELOW_MINIMUM(
      1116, "the operator's remaining self-bond would be above zero but below the minimum"),
  UNBONDING_NOT_MATURE(1117, "the unbonding delay has not passed yet"),
  NO_UNBONDING_ENTRY(1118, "no unbonding entry for this validator and epoch"),
  SAME_VALIDATOR(1119, "a redelegation needs two different validators"),
  REDELEGATION_LOCKED(
      1120, "stake redelegated here is still slashable for its source; wait for its epoch"),
  REDELEGATION_QUEUE_FULL(1121, "too many redelegations from this validator this epoch"),
  NOT_JAILED(1122, "the validator is not jailed"),
  JAIL_NOT_OVER(1123, "the jail period has not ended"),
  NOTHING_TO_CLAIM(1124, "no rewards to claim"),
  EVIDENCE_INVALID(1125, "the evidence does not verify against the offence epoch's validator set"),
  EVIDENCE_TOO_OLD(1126, "the offence is older than [staking].unbonding_epochs"),
  EVIDENCE_FROM_FUTURE(1127, "the offence epoch is after the current epoch"),
  DUPLICATE_EVIDENCE(1128, "this evidence was already submitted"),
  NO_VALIDATOR_SET(1129, "no validator set is recorded for the offence epoch"),
  /**
   * No longer returned: double proposals are verified since headers carry operational certificates.
   * The code stays reserved so that it never means something else.
   */
  EVIDENCE_UNVERIFIABLE(1130, "retired: double-proposal evidence is verified"),
  EVIDENCE_WRONG_EPOCH(1131, "the evidence's blocks are not in the claimed offence epoch"),
  EVIDENCE_QUEUE_FULL(1132, "too much evidence in this block; submit it in a later one"),
  TOO_MANY_POSITIONS(1133, "this address already delegates to 64 validators"),
  TOO_MANY_UNBONDING(1134, "this address has 32 unbonding entries; withdraw some first");

  /** The first number of the range reserved for the staking program. */
  public static final int FIRST = 1100;

  /** The last number of the range reserved for the staking program. */
  public static final int LAST = 1199;

  private final int number;
  private final String description;

  StakingError(int number, String description) {
    this.number = number;
    this.description = description;
  }

  /** Stable receipt error code. */
  public int number() {
    return number;
  }

  /** Stable name, e.g. {@code staking.self_bond_too_low}. */
  public String code() {
    return "staking." + name().toLowerCase(Locale.ROOT);
  }

  /** What the reason means, for people. */
  public String description() {
    return description;
  }

  /** The ledger error a refused transaction's receipt records. */
  public LedgerError toLedgerError(String detail) {
    return new LedgerError.ExecutionFailed(number, code(), description + ": " + detail);
  }

  /** The exception that fails the transaction with this reason. */
  public LedgerException refuse(String detail) {
    return new LedgerException(toLedgerError(detail));
  }

  /** The reason with receipt code {@code number}, if it is one of the staking program's. */
  public static Optional<StakingError> ofNumber(int number) {
    for (StakingError e : values()) {
      if (e.number == number) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
