package dev.aether.programs.governance;

import dev.aether.programs.staking.EpochValidator;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.VotingPower;
import dev.aether.types.Address;
import dev.aether.types.Ratio;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a proposal's votes by bonded stake, as Cosmos' {@code x/gov} does: the validators of the
 * current set and their delegators are the electorate; a delegator who voted counts its own
 * delegations (to members of the set) for its choice, and those tokens are taken out of its
 * validator's vote; a validator that voted counts its bonded tokens less what its voting delegators
 * took out; delegations whose delegator and validator both stayed silent do not count. The outcome
 * follows {@link #outcome}.
 */
final class Tallying {
  private Tallying() {}

  static Proposal.Tally tally(VotingPower power, EpochValidatorSet set, List<GovState.Vote> votes) {
    TreeMap<Address, BigInteger> bonded = new TreeMap<>();
    BigInteger total = BigInteger.ZERO;
    for (EpochValidator v : set.validators()) {
      BigInteger t = power.bonded(v.operator());
      bonded.put(v.operator(), t);
      total = total.add(t);
    }
    BigInteger[] result = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    TreeMap<Address, BigInteger> deducted = new TreeMap<>();
    TreeMap<Address, VoteOption> validatorVotes = new TreeMap<>();
    for (GovState.Vote vote : votes) {
      if (bonded.containsKey(vote.voter())) {
        validatorVotes.put(vote.voter(), vote.option());
      }
      for (Map.Entry<Address, BigInteger> d : power.delegations(vote.voter()).entrySet()) {
        Address validator = d.getKey();
        if (validator.equals(vote.voter()) || !bonded.containsKey(validator)) {
          continue; // an operator's self-bond votes with its validator; non-members do not count
        }
        result[vote.option().ordinal()] = result[vote.option().ordinal()].add(d.getValue());
        deducted.merge(validator, d.getValue(), BigInteger::add);
      }
    }
    for (Map.Entry<Address, VoteOption> e : validatorVotes.entrySet()) {
      BigInteger own =
          bonded.get(e.getKey()).subtract(deducted.getOrDefault(e.getKey(), BigInteger.ZERO));
      if (own.signum() > 0) {
        result[e.getValue().ordinal()] = result[e.getValue().ordinal()].add(own);
      }
    }
    return new Proposal.Tally(result[0], result[1], result[2], result[3], total);
  }

  /**
   * The outcome of a tally under {@code params}: {@code NO_QUORUM} when the stake that voted
   * (abstain included) is below {@code quorum} of the bonded stake; {@code VETOED} when veto is
   * more than {@code veto_threshold} of the votes cast; {@code PASSED} when yes is more than {@code
   * threshold} of yes + no + veto; else {@code REJECTED} (also when only abstentions were cast).
   */
  static Proposal.Status outcome(Proposal.Tally t, GovParams params) {
    BigInteger voted = t.voted();
    if (voted.signum() == 0 || below(voted, t.bonded(), params.quorum())) {
      return Proposal.Status.NO_QUORUM;
    }
    if (above(t.veto(), voted, params.vetoThreshold())) {
      return Proposal.Status.VETOED;
    }
    BigInteger decisive = t.yes().add(t.no()).add(t.veto());
    if (decisive.signum() > 0 && above(t.yes(), decisive, params.threshold())) {
      return Proposal.Status.PASSED;
    }
    return Proposal.Status.REJECTED;
  }

  /** {@code part < whole · r}. */
  private static boolean below(BigInteger part, BigInteger whole, Ratio r) {
    return part.multiply(BigInteger.valueOf(r.denominator()))
            .compareTo(whole.multiply(BigInteger.valueOf(r.numerator())))
        < 0;
  }

  /** {@code part > whole · r}. */
  private static boolean above(BigInteger part, BigInteger whole, Ratio r) {
    return part.multiply(BigInteger.valueOf(r.denominator()))
            .compareTo(whole.multiply(BigInteger.valueOf(r.numerator())))
        > 0;
  }
}
