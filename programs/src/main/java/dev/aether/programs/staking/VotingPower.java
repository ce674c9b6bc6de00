package dev.aether.programs.staking;

import dev.aether.ledger.StateReader;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bonded stake as the governance program weighs votes with it: each validator's bonded tokens and
 * each delegator's tokens per validator, read from the staking program's state — unmetered at the
 * end of a block (the tally) or through a transaction's metered, access-checked context (a vote's
 * eligibility check).
 */
public final class VotingPower {
  private final Staking st;

  private VotingPower(Store store) {
    this.st = new Staking(store);
  }

  /** Over a block's or a committed state (end-of-block tally, queries). */
  public static VotingPower of(StateReader state) {
    return new VotingPower(Store.readOnly(state));
  }

  /** Inside a transaction: reads metered and checked against its declared keys. */
  public static VotingPower of(CallContext ctx) {
    return new VotingPower(Store.of(ctx));
  }

  /** The staking parameters (epoch length among them). */
  public StakingParams params() {
    return st.params;
  }

  /** The validator set recorded for {@code epoch}. */
  public Optional<EpochValidatorSet> set(long epoch) {
    return EpochProcessor.readSet(st.store, epoch);
  }

  /** The tokens bonded to {@code operator}'s pool (all its delegations, its self-bond included). */
  public BigInteger bonded(Address operator) {
    return st.pool(operator).tokens();
  }

  /** Whether {@code address} is a registered validator's operator. */
  public boolean isValidator(Address address) {
    return st.validator(address).isPresent();
  }

  /** The tokens {@code delegator}'s delegations are worth now, by validator (ascending). */
  public SortedMap<Address, BigInteger> delegations(Address delegator) {
    TreeMap<Address, BigInteger> out = new TreeMap<>();
    for (Address op : st.positions(delegator).validators()) {
      Optional<State.Delegation> d = st.delegation(op, delegator);
      if (d.isPresent() && d.get().shares().signum() > 0) {
        out.put(op, st.pool(op).tokensOf(d.get().shares()));
      }
    }
    return out;
  }

  /** Whether {@code address} has stake to vote with: a validator, or a delegator of any. */
  public boolean hasStake(Address address) {
    return isValidator(address) || !st.positions(address).validators().isEmpty();
  }

  /** The keys {@link #hasStake} reads, for a vote transaction's declared reads. */
  public static List<H256> eligibilityKeys(Address voter) {
    return List.of(
        StakingKeys.params(), StakingKeys.validator(voter), StakingKeys.positions(voter));
  }
}
