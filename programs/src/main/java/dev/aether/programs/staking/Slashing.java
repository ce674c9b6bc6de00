package dev.aether.programs.staking;

import dev.aether.ledger.BlockEvents;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Applies verified double-signing evidence at the end of its block (Cosmos {@code x/slashing}
 * semantics): the slash is {@code slash_double} of the stake the offender had in the offence
 * epoch's set. Unbonding buckets and redelegations that were still bonded at the offence (started
 * in the epoch before it or later: sets are chosen two epochs ahead) each lose that fraction; the
 * rest of the slash comes out of the bonded pool, which all its delegators share pro rata. The
 * validator is tombstoned. The reporter gets {@code reporter_reward} of what was slashed; the rest
 * is burned.
 */
final class Slashing {
  private Slashing() {}

  static void doubleSign(Staking st, State.PendingSlash p, long epoch, BlockEvents events) {
    Address op = p.offender();
    Optional<State.Validator> v = st.validator(op);
    if (v.isEmpty() || v.get().tombstoned()) {
      return; // one slash per validator: later evidence against it changes nothing
    }
    BigInteger stakeAtOffence =
        EpochProcessor.readSet(st.store, p.offenceEpoch())
            .flatMap(
                s ->
                    s.validators().stream()
                        .filter(m -> m.operator().equals(op))
                        .map(EpochValidator::stake)
                        .findFirst())
            .orElse(BigInteger.ZERO);
    BigInteger num = BigInteger.valueOf(st.params.slashDouble().numerator());
    BigInteger den = BigInteger.valueOf(st.params.slashDouble().denominator());
    BigInteger target = Num.mulDiv(stakeAtOffence, num, den);
    BigInteger slashed = BigInteger.ZERO;
    long from = Math.max(0, p.offenceEpoch() - 1);
    for (long c = from; c <= epoch; c++) {
      slashed = slashed.add(bucket(st, op, c, num, den));
      slashed = slashed.add(redelegations(st, op, c, num, den));
    }
    State.Pool pool = st.pool(op);
    BigInteger fromPool = target.subtract(slashed).max(BigInteger.ZERO).min(pool.tokens());
    st.putPool(op, new State.Pool(pool.tokens().subtract(fromPool), pool.shares()));
    slashed = slashed.add(fromPool);
    st.putValidator(v.get().tombstone());
    Bytes ref = EpochProcessor.validatorRef(op, p.offenceEpoch());
    if (slashed.signum() > 0) {
      events.emit(
          StakingProgram.ID,
          ValueEvent.slash(op, AssetId.SWR, new Amount(slashed), "double_sign", ref));
    }
    BigInteger reward =
        Num.mulDiv(
            slashed,
            BigInteger.valueOf(st.params.reporterReward().numerator()),
            BigInteger.valueOf(st.params.reporterReward().denominator()));
    EpochProcessor.credit(st.store, events, p.reporter(), reward, "reporter_reward", ref);
    BigInteger toTreasury =
        EpochProcessor.toTreasury(st.store, events, slashed.subtract(reward), "double_sign", ref);
    BigInteger burnt = slashed.subtract(reward).subtract(toTreasury);
    EpochProcessor.burn(events, burnt, "double_sign", ref);
    EpochProcessor.addTotals(st.store, BigInteger.ZERO, burnt, reward);
  }

  private static BigInteger bucket(Staking st, Address op, long c, BigInteger num, BigInteger den) {
    var key = StakingKeys.unbonding(op, c);
    Optional<State.Bucket> b = st.store.read(State.Bucket.CODEC, key);
    if (b.isEmpty()) {
      return BigInteger.ZERO;
    }
    BigInteger cut = Num.mulDiv(b.get().tokens(), num, den);
    if (cut.signum() > 0) {
      st.store.write(
          State.Bucket.CODEC,
          key,
          new State.Bucket(b.get().tokens().subtract(cut), b.get().shares()));
    }
    return cut;
  }

  /** Slashes stake redelegated away in epoch {@code c} where it now sits, at its destination. */
  private static BigInteger redelegations(
      Staking st, Address op, long c, BigInteger num, BigInteger den) {
    Optional<List<State.Redelegation>> list =
        st.store.read(State.REDELEGATIONS, StakingKeys.redelegations(op, c));
    if (list.isEmpty()) {
      return BigInteger.ZERO;
    }
    BigInteger total = BigInteger.ZERO;
    for (State.Redelegation r : list.get()) {
      BigInteger cut = Num.mulDiv(r.tokens(), num, den);
      Optional<State.Delegation> d = st.delegation(r.destination(), r.delegator());
      if (cut.signum() == 0 || d.isEmpty() || d.get().shares().signum() == 0) {
        continue;
      }
      State.Pool pool = st.pool(r.destination());
      BigInteger value = pool.tokensOf(d.get().shares());
      BigInteger burn;
      BigInteger removed;
      if (cut.compareTo(value) >= 0) {
        burn = d.get().shares();
        removed = value;
      } else {
        burn = Num.mulDivCeil(cut, pool.shares(), pool.tokens()).min(d.get().shares());
        removed = cut;
      }
      BigInteger acc = st.rewards(r.destination()).acc();
      State.Delegation settled = d.get().settle(acc);
      st.putDelegation(
          r.destination(), r.delegator(), settled.withShares(settled.shares().subtract(burn), acc));
      st.putPool(
          r.destination(),
          new State.Pool(pool.tokens().subtract(removed), pool.shares().subtract(burn)));
      total = total.add(removed);
    }
    return total;
  }
}
