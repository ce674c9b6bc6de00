package dev.aether.consensus;

import java.util.Optional;

/**
 * Where the validator set of a consensus epoch comes from: genesis for a fixed set, the staking
 * program's record in <em>final</em> ledger state otherwise. Must be deterministic — every node
 * gets the same set for the same epoch — and may answer empty when the set is not (yet) known from
 * final state: consensus then waits for it, it never guesses (docs/adr/0025).
 */
@FunctionalInterface
public interface ValidatorSetSource {
  /** The set that validates consensus epoch {@code epoch}, once it is known from final state. */
  Optional<ValidatorSet> forEpoch(long epoch);

  /** One set for every epoch. */
  static ValidatorSetSource fixed(ValidatorSet set) {
    Optional<ValidatorSet> s = Optional.of(set);
    return epoch -> s;
  }
}
