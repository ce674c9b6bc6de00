package dev.aether.programs.staking;

import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.crypto.ChainCrypto;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks consensus {@link Evidence} against the validator set the staking program recorded for the
 * offence's epoch. The one place that turns an {@link EpochValidatorSet} into the consensus form
 * the evidence verifies against: only keys matter here (weights are set to 1).
 *
 * <p>Both messages carry the consensus epoch they were signed in ({@link Evidence#epoch()}), which
 * must be the recorded set's. Double votes are BLS signatures under the member's recorded BLS key;
 * double proposals are hot-KES signatures under operational certificates that the member's recorded
 * cold key signed (both carried in the headers). Both are verified fully.
 */
final class EvidenceCheck {
  /** Metered steps of one BLS signature check (two pairings, ≈ 1.5 ms here). */
  static final long BLS_VERIFY_STEPS = 150_000;

  private EvidenceCheck() {}

  /**
   * The offender's index in {@code set} if {@code e} proves that member signed twice; otherwise the
   * refusal.
   */
  static int verify(Evidence e, EpochValidatorSet set, StakingParams params) {
    return switch (e) {
      case Evidence.DoubleProposal p -> {
        if (p.epoch() != set.epoch()) {
          throw StakingError.EVIDENCE_WRONG_EPOCH.refuse(
              "proposals of epoch " + p.epoch() + ", set of epoch " + set.epoch());
        }
        if (p.offender() >= set.size()) {
          throw StakingError.EVIDENCE_INVALID.refuse(
              "proposer " + p.offender() + " outside a set of " + set.size());
        }
        if (!p.verify(consensusSet(set), new ChainCrypto(), consensusParams(params))) {
          throw StakingError.EVIDENCE_INVALID.refuse("proposals do not verify");
        }
        yield p.offender();
      }
      case Evidence.DoubleVote v -> {
        if (v.epoch() != set.epoch()) {
          throw StakingError.EVIDENCE_WRONG_EPOCH.refuse(
              "votes of epoch " + v.epoch() + ", set of epoch " + set.epoch());
        }
        if (v.offender() >= set.size()) {
          throw StakingError.EVIDENCE_INVALID.refuse(
              "voter " + v.offender() + " outside a set of " + set.size());
        }
        if (!v.verify(consensusSet(set), new ChainCrypto(), consensusParams(params))) {
          throw StakingError.EVIDENCE_INVALID.refuse("votes do not verify");
        }
        yield v.offender();
      }
    };
  }

  private static ValidatorSet consensusSet(EpochValidatorSet set) {
    List<Validator> vs = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      EpochValidator v = set.validators().get(i);
      vs.add(new Validator(i, 1, v.blsKey(), v.vrfKey(), v.coldKey()));
    }
    return new ValidatorSet(vs);
  }

  private static ConsensusParams consensusParams(StakingParams p) {
    return ConsensusParams.defaults().withEpochSlots(Math.max(3, p.epochSlots()));
  }
}
