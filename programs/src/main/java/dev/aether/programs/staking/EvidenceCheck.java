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
 * <p>Double votes are BLS signatures under the member's recorded BLS key and are verified fully.
 * Double proposals are signed with the proposer's KES hot key, which the recorded set does not hold
 * (it holds the cold key that certifies KES keys); until headers carry operational certificates
 * they are refused as {@link StakingError#EVIDENCE_UNVERIFIABLE}.
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
        if (params.epochOf(p.first().slot()) != set.epoch()
            || params.epochOf(p.second().slot()) != set.epoch()) {
          throw StakingError.EVIDENCE_WRONG_EPOCH.refuse(
              "proposals in slots " + p.first().slot() + " and " + p.second().slot());
        }
        throw StakingError.EVIDENCE_UNVERIFIABLE.refuse("double proposal in round " + p.round());
      }
      case Evidence.DoubleVote v -> {
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
      // The cold key stands in for the KES key: only BLS keys are used for votes.
      vs.add(new Validator(i, 1, v.blsKey(), v.vrfKey(), v.coldKey()));
    }
    return new ValidatorSet(vs);
  }

  private static ConsensusParams consensusParams(StakingParams p) {
    return ConsensusParams.defaults().withEpochSlots(Math.max(3, p.epochSlots()));
  }
}
