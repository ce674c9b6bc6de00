package dev.aether.programs.staking;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The staking rules over a {@link Store}: the same code serves transactions (metered, checked) and
 * end-of-block processing. Every amount is an exact integer; every refusal a {@link StakingError}
 * thrown before anything is written (a failed transaction keeps none of its writes anyway).
 */
final class Staking {
  final Store store;
  final StakingParams params;

  Staking(Store store) {
    this.store = store;
    this.params =
        store
            .read(StakingParams.CODEC, StakingKeys.params())
            .orElseThrow(
                () ->
                    new LedgerException(
                        new LedgerError.MalformedState(
                            StakingKeys.params(), "staking parameters missing")));
  }

  // ---------------------------------------------------------------- reads

  Optional<State.Validator> validator(Address op) {
    return store.read(State.Validator.CODEC, StakingKeys.validator(op));
  }

  State.Validator requireValidator(Address op) {
    return validator(op).orElseThrow(() -> StakingError.UNKNOWN_VALIDATOR.refuse(op.toString()));
  }

  State.Pool pool(Address op) {
    return store.read(State.Pool.CODEC, StakingKeys.pool(op)).orElse(State.Pool.EMPTY);
  }

  State.Rewards rewards(Address op) {
    return store.read(State.Rewards.CODEC, StakingKeys.rewards(op)).orElse(State.Rewards.ZERO);
  }

  Optional<State.Delegation> delegation(Address op, Address d) {
    return store.read(State.Delegation.CODEC, StakingKeys.delegation(op, d));
  }

  List<Address> registry() {
    return store.read(State.REGISTRY, StakingKeys.registry()).orElse(new ArrayList<>());
  }

  /** The operator's own stake in its pool. */
  BigInteger selfBond(Address op, State.Pool pool) {
    return delegation(op, op).map(d -> pool.tokensOf(d.shares())).orElse(BigInteger.ZERO);
  }

  // ---------------------------------------------------------------- writes

  void putPool(Address op, State.Pool p) {
    store.write(State.Pool.CODEC, StakingKeys.pool(op), p);
  }

  void putValidator(State.Validator v) {
    store.write(State.Validator.CODEC, StakingKeys.validator(v.operator()), v);
  }

  /** Stores a delegation (an empty one is removed) and keeps the delegator's index current. */
  void putDelegation(Address op, Address d, State.Delegation del) {
    putDelegation(op, d, del, true);
  }

  /**
   * @param strict refuse when the delegator's index is full (transactions); end-of-block work
   *     passes false and leaves a full index as it is
   */
  void putDelegation(Address op, Address d, State.Delegation del, boolean strict) {
    boolean had = store.get(StakingKeys.delegation(op, d)).isPresent();
    if (del.isEmpty()) {
      store.delete(StakingKeys.delegation(op, d));
    } else {
      store.write(State.Delegation.CODEC, StakingKeys.delegation(op, d), del);
    }
    if (had != !del.isEmpty()) {
      State.Positions p = positions(d);
      int i = java.util.Collections.binarySearch(p.validators(), op);
      if (del.isEmpty() && i >= 0) {
        p.validators().remove(i);
      } else if (!del.isEmpty() && i < 0) {
        if (p.validators().size() >= State.MAX_POSITIONS) {
          if (strict) {
            throw StakingError.TOO_MANY_POSITIONS.refuse(d.toString());
          }
          return;
        }
        p.validators().add(-i - 1, op);
      }
      putPositions(d, p);
    }
  }

  State.Positions positions(Address d) {
    return store
        .read(State.Positions.CODEC, StakingKeys.positions(d))
        .orElseGet(State.Positions::empty);
  }

  private void putPositions(Address d, State.Positions p) {
    if (p.validators().isEmpty() && p.unbonding().isEmpty()) {
      store.delete(StakingKeys.positions(d));
    } else {
      store.write(State.Positions.CODEC, StakingKeys.positions(d), p);
    }
  }

  private void indexUnbonding(Address d, State.UnbondingRef ref, boolean present) {
    State.Positions p = positions(d);
    int i = java.util.Collections.binarySearch(p.unbonding(), ref);
    if (present && i < 0) {
      if (p.unbonding().size() >= State.MAX_UNBONDING) {
        throw StakingError.TOO_MANY_UNBONDING.refuse(d.toString());
      }
      p.unbonding().add(-i - 1, ref);
      putPositions(d, p);
    } else if (!present && i >= 0) {
      p.unbonding().remove(i);
      putPositions(d, p);
    }
  }

  // ---------------------------------------------------------------- actions

  /** Registers a validator whose operator (cold key's account) is {@code caller}. */
  void register(Address caller, StakingCalls.Register r, long epoch) {
    if (!Address.ofPublicKey(r.coldKey().toArray()).equals(caller)) {
      throw StakingError.NOT_OPERATOR.refuse("cold key's address is not the payer " + caller);
    }
    if (validator(caller).isPresent()) {
      throw StakingError.ALREADY_REGISTERED.refuse(caller.toString());
    }
    if (r.selfBond().compareTo(params.minSelfBond().value()) < 0) {
      throw StakingError.SELF_BOND_TOO_LOW.refuse(
          r.selfBond() + " < " + params.minSelfBond().value());
    }
    checkCommission(r.commissionBps(), r.maxCommissionBps(), r.maxChangeBps());
    for (String kind : List.of("node", "bls", "vrf")) {
      if (store.get(StakingKeys.keyOwner(kind, r.key(kind))).isPresent()) {
        throw StakingError.KEY_IN_USE.refuse(kind + " key " + r.key(kind));
      }
    }
    List<Address> reg = registry();
    if (reg.size() >= params.maxCandidates()) {
      throw StakingError.TOO_MANY_CANDIDATES.refuse(reg.size() + " registered");
    }
    // The proof of possession is checked by the caller (metered) before this point.
    for (String kind : List.of("node", "bls", "vrf")) {
      store.put(
          StakingKeys.keyOwner(kind, r.key(kind)),
          dev.aether.types.Bytes.of(Address.CODEC.encode(caller)));
    }
    putValidator(
        new State.Validator(
            caller,
            r.name(),
            r.nodeKey(),
            r.blsKey(),
            r.vrfKey(),
            r.coldKey(),
            r.commissionBps(),
            r.maxCommissionBps(),
            r.maxChangeBps(),
            0,
            epoch,
            false,
            0,
            false));
    store.write(State.Rewards.CODEC, StakingKeys.rewards(caller), State.Rewards.ZERO);
    insertSorted(reg, caller);
    store.write(State.REGISTRY, StakingKeys.registry(), reg);
    store.debit(caller, r.selfBond());
    bond(caller, caller, r.selfBond(), BigInteger.ZERO);
  }

  private void checkCommission(int bps, int max, int change) {
    if (max > params.maxCommissionBps() || bps < 0 || bps > max || change < 0 || change > max) {
      throw StakingError.COMMISSION_OUT_OF_RANGE.refuse(
          "commission "
              + bps
              + ", max "
              + max
              + ", max change "
              + change
              + " (chain cap "
              + params.maxCommissionBps()
              + ")");
    }
  }

  static void insertSorted(List<Address> list, Address a) {
    int i = java.util.Collections.binarySearch(list, a);
    if (i < 0) {
      list.add(-i - 1, a);
    }
  }

  /** Delegates {@code amount} from {@code caller} to {@code op} (the operator: bonds more). */
  void delegate(Address caller, Address op, BigInteger amount) {
    requirePositive(amount);
    State.Validator v = requireValidator(op);
    if (v.tombstoned()) {
      throw StakingError.VALIDATOR_TOMBSTONED.refuse(op.toString());
    }
    store.debit(caller, amount);
    bond(op, caller, amount, rewards(op).acc());
  }

  /** Adds {@code amount} tokens to {@code op}'s pool as shares of {@code d}. */
  private void bond(Address op, Address d, BigInteger amount, BigInteger acc) {
    State.Pool pool = pool(op);
    if (pool.dead()) {
      throw StakingError.POOL_EMPTY.refuse(op.toString());
    }
    BigInteger minted = pool.sharesFor(amount);
    putPool(
        op, new State.Pool(checkedAmount(pool.tokens().add(amount)), pool.shares().add(minted)));
    State.Delegation del = delegation(op, d).orElse(State.Delegation.EMPTY).settle(acc);
    putDelegation(op, d, del.withShares(del.shares().add(minted), acc));
  }

  /** Moves {@code amount} (or all: {@link StakingCalls#ALL}) of a delegation into unbonding. */
  void undelegate(Address caller, Address op, BigInteger amount, long epoch) {
    BigInteger out = unbond(caller, op, amount, epoch);
    State.Bucket b =
        store.read(State.Bucket.CODEC, StakingKeys.unbonding(op, epoch)).orElse(State.Bucket.EMPTY);
    State.Pool asPool = b.asPool();
    if (asPool.dead()) {
      throw StakingError.POOL_EMPTY.refuse("unbonding bucket of " + op);
    }
    BigInteger minted = asPool.sharesFor(out);
    store.write(
        State.Bucket.CODEC,
        StakingKeys.unbonding(op, epoch),
        new State.Bucket(b.tokens().add(out), b.shares().add(minted)));
    State.Entry e =
        store
            .read(State.Entry.CODEC, StakingKeys.unbondingEntry(op, caller, epoch))
            .orElse(new State.Entry(BigInteger.ZERO));
    store.write(
        State.Entry.CODEC,
        StakingKeys.unbondingEntry(op, caller, epoch),
        new State.Entry(e.shares().add(minted)));
    indexUnbonding(caller, new State.UnbondingRef(op, epoch), true);
  }

  /**
   * Takes {@code amount} tokens of {@code d}'s delegation out of {@code op}'s pool (settling its
   * rewards first) and returns the tokens taken.
   */
  private BigInteger unbond(Address d, Address op, BigInteger amount, long epoch) {
    requirePositive(amount);
    requireValidator(op);
    State.Delegation del =
        delegation(op, d)
            .filter(x -> x.shares().signum() > 0)
            .orElseThrow(() -> StakingError.NO_DELEGATION.refuse(d + " -> " + op));
    if (del.lockedUntil() > epoch) {
      throw StakingError.REDELEGATION_LOCKED.refuse("until epoch " + del.lockedUntil());
    }
    State.Pool pool = pool(op);
    BigInteger value = pool.tokensOf(del.shares());
    BigInteger out = amount.equals(StakingCalls.ALL) ? value : amount;
    if (out.compareTo(value) > 0) {
      throw StakingError.INSUFFICIENT_STAKE.refuse(out + " > " + value);
    }
    if (out.signum() == 0) {
      throw StakingError.ZERO_AMOUNT.refuse("the delegation is worth nothing");
    }
    BigInteger burned =
        out.equals(value) ? del.shares() : Num.mulDivCeil(out, pool.shares(), pool.tokens());
    if (d.equals(op)) {
      BigInteger left = value.subtract(out);
      if (left.signum() > 0 && left.compareTo(params.minSelfBond().value()) < 0) {
        throw StakingError.SELF_BOND_BELOW_MINIMUM.refuse(
            left + " left, minimum " + params.minSelfBond().value());
      }
    }
    BigInteger acc = rewards(op).acc();
    State.Delegation settled = del.settle(acc);
    putDelegation(op, d, settled.withShares(settled.shares().subtract(burned), acc));
    putPool(op, new State.Pool(pool.tokens().subtract(out), pool.shares().subtract(burned)));
    return out;
  }

  /** Moves stake from {@code src} to {@code dst} at once; it stays slashable for {@code src}. */
  void redelegate(Address caller, Address src, Address dst, BigInteger amount, long epoch) {
    if (src.equals(dst)) {
      throw StakingError.SAME_VALIDATOR.refuse(src.toString());
    }
    State.Validator to = requireValidator(dst);
    if (to.tombstoned()) {
      throw StakingError.VALIDATOR_TOMBSTONED.refuse(dst.toString());
    }
    List<State.Redelegation> list =
        store
            .read(State.REDELEGATIONS, StakingKeys.redelegations(src, epoch))
            .orElse(new ArrayList<>());
    if (list.size() >= State.MAX_REDELEGATIONS) {
      throw StakingError.REDELEGATION_QUEUE_FULL.refuse(list.size() + " this epoch");
    }
    BigInteger out = unbond(caller, src, amount, epoch);
    bond(dst, caller, out, rewards(dst).acc());
    State.Delegation d = delegation(dst, caller).orElseThrow();
    long lock = Math.max(d.lockedUntil(), params.maturity(epoch));
    putDelegation(dst, caller, new State.Delegation(d.shares(), d.debt(), d.unclaimed(), lock));
    list.add(new State.Redelegation(caller, dst, out));
    store.write(State.REDELEGATIONS, StakingKeys.redelegations(src, epoch), list);
  }

  /** Pays out a matured unbonding entry. */
  BigInteger withdraw(Address caller, Address op, long entryEpoch, long epoch) {
    var entryKey = StakingKeys.unbondingEntry(op, caller, entryEpoch);
    State.Entry e =
        store
            .read(State.Entry.CODEC, entryKey)
            .orElseThrow(() -> StakingError.NO_UNBONDING_ENTRY.refuse(op + " epoch " + entryEpoch));
    long mature = params.maturity(entryEpoch);
    if (epoch < mature) {
      throw StakingError.UNBONDING_NOT_MATURE.refuse("withdrawable from epoch " + mature);
    }
    var bucketKey = StakingKeys.unbonding(op, entryEpoch);
    State.Bucket b = store.read(State.Bucket.CODEC, bucketKey).orElse(State.Bucket.EMPTY);
    BigInteger out = b.asPool().tokensOf(e.shares());
    BigInteger shares = b.shares().subtract(e.shares());
    if (shares.signum() == 0) {
      store.delete(bucketKey);
    } else {
      store.write(
          State.Bucket.CODEC, bucketKey, new State.Bucket(b.tokens().subtract(out), shares));
    }
    store.delete(entryKey);
    indexUnbonding(caller, new State.UnbondingRef(op, entryEpoch), false);
    store.credit(caller, out);
    return out;
  }

  /** Pays {@code caller}'s rewards from {@code op} (commission included for the operator). */
  BigInteger claim(Address caller, Address op) {
    State.Delegation del =
        delegation(op, caller)
            .orElseThrow(() -> StakingError.NOTHING_TO_CLAIM.refuse(caller + " at " + op));
    State.Delegation settled = del.settle(rewards(op).acc());
    BigInteger paid = settled.unclaimed();
    if (paid.signum() == 0) {
      throw StakingError.NOTHING_TO_CLAIM.refuse(caller + " at " + op);
    }
    putDelegation(
        op,
        caller,
        new State.Delegation(
            settled.shares(), settled.debt(), BigInteger.ZERO, settled.lockedUntil()));
    store.credit(caller, paid);
    return paid;
  }

  /** Changes the operator's commission within its limits, at most once per epoch. */
  void editCommission(Address caller, int bps, long epoch) {
    State.Validator v = requireValidator(caller);
    if (v.commissionEpoch() == epoch + 1) {
      throw StakingError.COMMISSION_CHANGED_THIS_EPOCH.refuse("epoch " + epoch);
    }
    if (bps < 0 || bps > v.maxCommissionBps()) {
      throw StakingError.COMMISSION_OUT_OF_RANGE.refuse(
          bps + " outside 0.." + v.maxCommissionBps());
    }
    if (Math.abs(bps - v.commissionBps()) > v.maxChangeBps()) {
      throw StakingError.COMMISSION_CHANGE_TOO_LARGE.refuse(
          v.commissionBps() + " -> " + bps + ", max change " + v.maxChangeBps());
    }
    // Stored as epoch + 1 so that 0 means "never changed".
    putValidator(v.withCommission(bps, epoch + 1));
  }

  /** Lets a jailed validator back into later sets once its jail period is over. */
  void unjail(Address caller, long epoch) {
    State.Validator v = requireValidator(caller);
    if (v.tombstoned()) {
      throw StakingError.VALIDATOR_TOMBSTONED.refuse(caller.toString());
    }
    if (!v.jailed()) {
      throw StakingError.NOT_JAILED.refuse(caller.toString());
    }
    if (epoch < v.jailedUntil()) {
      throw StakingError.JAIL_NOT_OVER.refuse("until epoch " + v.jailedUntil());
    }
    BigInteger self = selfBond(caller, pool(caller));
    if (self.compareTo(params.minSelfBond().value()) < 0) {
      throw StakingError.SELF_BOND_TOO_LOW.refuse(
          self + " < " + params.minSelfBond().value() + "; bond more first");
    }
    putValidator(v.withJail(false, 0));
  }

  static void requirePositive(BigInteger amount) {
    if (amount.signum() <= 0) {
      throw StakingError.ZERO_AMOUNT.refuse(amount.toString());
    }
  }

  static BigInteger checkedAmount(BigInteger v) {
    try {
      return new Amount(v).value();
    } catch (Amount.AmountOverflowException e) {
      throw new LedgerException(new LedgerError.Overflow("staked tokens"));
    }
  }
}
