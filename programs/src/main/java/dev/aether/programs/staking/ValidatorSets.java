package dev.aether.programs.staking;

import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.H256;
import java.util.Optional;

/**
 * Reads the validator sets the staking program records: the set that validates an epoch is in the
 * state at least one full epoch before the epoch starts (sets are chosen two epochs ahead; see
 * docs/programs/staking.md). Consensus builds its per-epoch set from this.
 */
public final class ValidatorSets {
  private ValidatorSets() {}

  /** The set that validates {@code epoch}, as recorded in {@code state}; empty if not recorded. */
  public static Optional<EpochValidatorSet> read(StateReader state, long epoch) {
    H256 key = StakingKeys.epochSet(epoch);
    return state
        .get(key)
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> State.decode(EpochValidatorSet.CODEC, d.bytes(), key);
                  default ->
                      throw new dev.aether.ledger.LedgerException(
                          new dev.aether.ledger.LedgerError.MalformedState(key, "not a set"));
                });
  }
}
