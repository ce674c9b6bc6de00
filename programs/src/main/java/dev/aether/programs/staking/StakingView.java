package dev.aether.programs.staking;

import dev.aether.ledger.StateReader;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Read-only queries over the staking program's state, for RPC and the CLI: validators with their
 * stake and status, a delegator's positions, unbonding entries and pending rewards. Reads only;
 * never part of consensus.
 */
public final class StakingView {
  /** Where a validator stands. */
  public enum Status {
    /** In the set validating the current epoch. */
    ACTIVE,
    /** Eligible but not (yet) in the current epoch's set. */
    PENDING,
    /** Left out of sets for downtime until it sends {@code unjail}. */
    JAILED,
    /** Its self-bond is below the minimum (the operator is leaving or left). */
    UNBONDING,
    /** Slashed for double signing; never returns. */
    TOMBSTONED
  }

  /** A validator as RPC and the CLI show it. */
  public record ValidatorInfo(
      Address operator,
      String name,
      BigInteger stake,
      BigInteger selfBond,
      BigInteger delegated,
      int commissionBps,
      int maxCommissionBps,
      int maxChangeBps,
      Status status,
      long missedRounds,
      long certifiedRounds,
      long jailedUntil,
      Bytes nodeKey,
      Bytes blsKey,
      Bytes vrfKey,
      Bytes coldKey) {}

  /** One delegation: its worth now, rewards not yet claimed, and its redelegation lock. */
  public record Position(
      Address validator, BigInteger tokens, BigInteger pendingRewards, long lockedUntil) {}

  /** One unbonding entry and when it can be withdrawn. */
  public record Unbonding(
      Address validator, long epoch, BigInteger tokens, long withdrawableFromEpoch) {}

  /** Everything one address has at stake. */
  public record Stake(
      Address delegator,
      List<Position> delegations,
      List<Unbonding> unbonding,
      BigInteger pendingRewards) {}

  /** Chain-wide totals (audit trail of supply changes by the program). */
  public record Totals(BigInteger minted, BigInteger burned, BigInteger reporterPaid) {}

  private final Staking st;

  public StakingView(StateReader state) {
    this.st = new Staking(readOnly(state));
  }

  public StakingParams params() {
    return st.params;
  }

  /** Every registered validator and every member of the current set, by operator. */
  public List<ValidatorInfo> validators(long epoch) {
    TreeSet<Address> ops = new TreeSet<>(st.registry());
    Optional<EpochValidatorSet> set = EpochProcessor.readSet(st.store, epoch);
    set.ifPresent(s -> s.validators().forEach(v -> ops.add(v.operator())));
    List<ValidatorInfo> out = new ArrayList<>();
    for (Address op : ops) {
      validator(op, epoch).ifPresent(out::add);
    }
    return out;
  }

  public Optional<ValidatorInfo> validator(Address op, long epoch) {
    Optional<State.Validator> maybe = st.validator(op);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    State.Validator v = maybe.get();
    State.Pool pool = st.pool(op);
    BigInteger self = st.selfBond(op, pool);
    Optional<EpochValidatorSet> set = EpochProcessor.readSet(st.store, epoch);
    Optional<Integer> index = set.flatMap(s -> s.indexOf(op));
    Status status;
    if (v.tombstoned()) {
      status = Status.TOMBSTONED;
    } else if (v.jailed()) {
      status = Status.JAILED;
    } else if (self.compareTo(st.params.minSelfBond().value()) < 0) {
      status = Status.UNBONDING;
    } else if (index.isPresent()) {
      status = Status.ACTIVE;
    } else {
      status = Status.PENDING;
    }
    long missed = 0;
    long certified = 0;
    if (index.isPresent()) {
      State.Participation p = EpochProcessor.participation(st.store, epoch, set.get().size());
      certified = p.certified();
      missed = p.missed(index.get());
    }
    return Optional.of(
        new ValidatorInfo(
            op,
            v.name(),
            pool.tokens(),
            self,
            pool.tokens().subtract(self),
            v.commissionBps(),
            v.maxCommissionBps(),
            v.maxChangeBps(),
            status,
            missed,
            certified,
            v.jailedUntil(),
            v.nodeKey(),
            v.blsKey(),
            v.vrfKey(),
            v.coldKey()));
  }

  /** {@code delegator}'s delegations (with rewards owed) and unbonding entries. */
  public Stake stake(Address delegator, long epoch) {
    List<Position> positions = new ArrayList<>();
    List<Unbonding> unbonding = new ArrayList<>();
    BigInteger pending = BigInteger.ZERO;
    State.Positions index = st.positions(delegator);
    TreeSet<Address> ops = new TreeSet<>(index.validators());
    if (st.validator(delegator).isPresent()) {
      ops.add(delegator); // an operator's commission may sit in its own record
    }
    for (Address op : ops) {
      Optional<State.Delegation> d = st.delegation(op, delegator);
      if (d.isPresent()) {
        State.Delegation settled = d.get().settle(st.rewards(op).acc());
        positions.add(
            new Position(
                op,
                st.pool(op).tokensOf(d.get().shares()),
                settled.unclaimed(),
                d.get().lockedUntil()));
        pending = pending.add(settled.unclaimed());
      }
    }
    for (State.UnbondingRef ref : index.unbonding()) {
      Optional<State.Entry> entry =
          st.store.read(
              State.Entry.CODEC,
              StakingKeys.unbondingEntry(ref.validator(), delegator, ref.epoch()));
      if (entry.isPresent()) {
        State.Bucket b =
            st.store
                .read(State.Bucket.CODEC, StakingKeys.unbonding(ref.validator(), ref.epoch()))
                .orElse(State.Bucket.EMPTY);
        unbonding.add(
            new Unbonding(
                ref.validator(),
                ref.epoch(),
                b.asPool().tokensOf(entry.get().shares()),
                st.params.maturity(ref.epoch())));
      }
    }
    return new Stake(delegator, positions, unbonding, pending);
  }

  public Totals totals() {
    State.Totals t =
        st.store.read(State.Totals.CODEC, StakingKeys.totals()).orElse(State.Totals.ZERO);
    return new Totals(t.minted(), t.burned(), t.reporterPaid());
  }

  private static Store readOnly(StateReader state) {
    return Store.readOnly(state);
  }
}
