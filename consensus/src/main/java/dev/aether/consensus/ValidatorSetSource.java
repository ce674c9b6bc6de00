package dev.aether.consensus;

/**
 * Where the validator set of an epoch comes from: genesis now, the staking program later (the seam
 * for per-epoch updates). Must be deterministic: every node gets the same set for the same epoch.
 */
@FunctionalInterface
public interface ValidatorSetSource {
  ValidatorSet forEpoch(long epoch);

  /** The genesis set for every epoch. */
  static ValidatorSetSource fixed(ValidatorSet set) {
    return epoch -> set;
  }
}
