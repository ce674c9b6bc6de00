package dev.aether.programs.staking;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockEvents;
import dev.aether.ledger.BlockHook;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.StateKeys;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.QuorumCert;
import dev.aether.types.Ratio;
import dev.aether.types.ValueEvent;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The staking program's end-of-block work, run by the ledger after every block's transactions
 * ({@link BlockHook}). Per block: count the parent QC's signers and the proposer into the
 * participation record, apply verified double-signing evidence, and — when the block is the first
 * of a new epoch — process the end of each epoch that ended: downtime leak and jail, rewards, and
 * the validator set of two epochs ahead.
 *
 * <p>Bounded by consensus rules, not by fees: per epoch O(candidates) (at most {@code
 * max_candidates}), per slash O(unbonding epochs × 64 redelegations). Never proportional to the
 * number of delegators: rewards go to per-validator accumulators (docs/programs/staking.md).
 */
final class EpochProcessor implements BlockHook {
  @Override
  public void endBlock(BlockContext ctx, BlockState state, BlockEvents events) {
    Store s = Store.of(state);
    if (s.get(StakingKeys.params()).isEmpty()) {
      return; // a state without the staking program (ledger-only tests and tools)
    }
    Staking st = new Staking(s);
    StakingParams p = st.params;
    State.Cursor cursor =
        s.read(State.Cursor.CODEC, StakingKeys.cursor()).orElse(new State.Cursor(0, 0, 0));
    long epoch = p.epochOf(ctx.slot());
    // The consensus epoch can lag the slot's at the block that ends an epoch (its proposer is
    // still of the old set); without one (tests, tools) the slot's epoch stands in.
    long consensusEpoch = ctx.epoch() >= 0 ? ctx.epoch() : epoch;
    // Participation first, so the end of an epoch sees its last QC and its last proposal.
    ctx.parentQc().ifPresent(qc -> countVotes(s, qc, cursor.lastConsensusEpoch()));
    if (ctx.proposer() >= 0) {
      countProposal(s, ctx.proposer(), consensusEpoch);
    }
    applySlashes(st, epoch, events);
    for (long x = cursor.lastEpoch(); x < epoch; x++) {
      endEpoch(st, state, events, x, consensusEpoch);
    }
    s.write(
        State.Cursor.CODEC,
        StakingKeys.cursor(),
        new State.Cursor(ctx.slot(), epoch, consensusEpoch));
  }

  // ---------------------------------------------------------------- participation

  /**
   * The QC certifies the parent block: its signers are members of the parent's consensus epoch's
   * set. A QC that arrives after its epoch was processed (the one certifying an epoch's last block)
   * recreates a record that is never paid on: that one round goes uncounted.
   */
  private static void countVotes(Store s, QuorumCert qc, long qcEpoch) {
    if (qc.round() == 0 || qc.signers().size() == 0) {
      return; // the genesis QC certifies nothing anyone voted for
    }
    Optional<EpochValidatorSet> set = readSet(s, qcEpoch);
    if (set.isEmpty()) {
      return;
    }
    State.Participation part = participation(s, qcEpoch, set.get().size());
    long[] signed = part.signed().clone();
    for (int i : qc.signers().indices()) {
      if (i < signed.length) {
        signed[i]++;
      }
    }
    s.write(
        State.Participation.CODEC,
        StakingKeys.participation(qcEpoch),
        new State.Participation(part.certified() + 1, signed, part.proposed()));
  }

  private static void countProposal(Store s, int proposer, long epoch) {
    Optional<EpochValidatorSet> set = readSet(s, epoch);
    if (set.isEmpty() || proposer >= set.get().size()) {
      return;
    }
    State.Participation part = participation(s, epoch, set.get().size());
    long[] proposed = part.proposed().clone();
    proposed[proposer]++;
    s.write(
        State.Participation.CODEC,
        StakingKeys.participation(epoch),
        new State.Participation(part.certified(), part.signed(), proposed));
  }

  static State.Participation participation(Store s, long epoch, int size) {
    return s.read(State.Participation.CODEC, StakingKeys.participation(epoch))
        .filter(x -> x.signed().length == size)
        .orElse(State.Participation.empty(size));
  }

  static Optional<EpochValidatorSet> readSet(Store s, long epoch) {
    return s.read(EpochValidatorSet.CODEC, StakingKeys.epochSet(epoch));
  }

  // ---------------------------------------------------------------- epoch end

  private static void endEpoch(
      Staking st, BlockState state, BlockEvents events, long x, long consensusEpoch) {
    Store s = st.store;
    StakingParams p = st.params;
    Optional<EpochValidatorSet> maybeSet = readSet(s, x);
    if (maybeSet.isPresent()) {
      EpochValidatorSet set = maybeSet.get();
      State.Participation part = participation(s, x, set.size());
      downtime(st, events, set, part, x);
      rewards(st, state, events, set, part, x);
    }
    recordSet(st, x + 2);
    // Keep the sets evidence may still name (offences at most unbonding_epochs old) and the
    // participation of the epoch just ended (RPC shows its missed rounds).
    // Pruned by the consensus epoch, not the slot's: after an outage consensus walks through the
    // skipped epochs one by one (ADR 0025) and needs each one's set, though the slots are far
    // ahead. A few epochs are swept each time, so a catch-up that advances several consensus epochs
    // between two epoch ends leaves nothing behind.
    for (long y = consensusEpoch - p.unbondingEpochs() - 4;
        y < consensusEpoch - p.unbondingEpochs();
        y++) {
      if (y >= 0 && s.get(StakingKeys.epochSet(y)).isPresent()) {
        s.delete(StakingKeys.epochSet(y));
      }
    }
    if (x >= 1) {
      s.delete(StakingKeys.participation(x - 1));
    }
  }

  /**
   * Leaks and jails members that missed more than the threshold of the epoch's QCs: a {@code
   * downtime} slash per member, then the treasury's share credited and the rest burned.
   */
  private static void downtime(
      Staking st, BlockEvents events, EpochValidatorSet set, State.Participation part, long x) {
    StakingParams p = st.params;
    Ratio thr = p.downtimeThreshold();
    if (part.certified() == 0) {
      return; // no QC at all: nobody is singled out for a halted chain
    }
    BigInteger burned = BigInteger.ZERO;
    for (int i = 0; i < set.size(); i++) {
      long missed = part.missed(i);
      BigInteger lhs = BigInteger.valueOf(missed).multiply(BigInteger.valueOf(thr.denominator()));
      BigInteger rhs =
          BigInteger.valueOf(thr.numerator()).multiply(BigInteger.valueOf(part.certified()));
      if (lhs.compareTo(rhs) <= 0) {
        continue;
      }
      Address op = set.validators().get(i).operator();
      Optional<State.Validator> v = st.validator(op);
      if (v.isEmpty() || v.get().tombstoned()) {
        continue;
      }
      State.Pool pool = st.pool(op);
      BigInteger leak =
          pool.tokens()
              .multiply(BigInteger.valueOf(p.leakDowntime().numerator()))
              .multiply(BigInteger.valueOf(missed))
              .divide(BigInteger.valueOf(p.leakDowntime().denominator()))
              .min(pool.tokens());
      st.putPool(op, new State.Pool(pool.tokens().subtract(leak), pool.shares()));
      burned = burned.add(leak);
      if (leak.signum() > 0) {
        events.emit(
            StakingProgram.ID,
            ValueEvent.slash(op, AssetId.SWR, new Amount(leak), "downtime", epochRef(x)));
      }
      st.putValidator(v.get().withJail(true, x + 1 + p.jailEpochs()));
    }
    BigInteger burnt =
        burned.subtract(toTreasury(st.store, events, burned, "downtime", epochRef(x)));
    burn(events, burnt, "downtime", epochRef(x));
    addTotals(st.store, BigInteger.ZERO, burnt, BigInteger.ZERO);
  }

  /** What epoch-level staking events refer to: the epoch, as a u64. */
  static Bytes epochRef(long epoch) {
    return Bytes.of(new Writer(8).u64(epoch).toByteArray());
  }

  /** What per-validator staking events refer to: the validator's operator, then a u64 epoch. */
  static Bytes validatorRef(Address operator, long epoch) {
    return Bytes.of(new Writer(40).fixed(operator.hash().toArray()).u64(epoch).toByteArray());
  }

  /** Emits a burn of {@code amount} SWR (nothing for zero). */
  static void burn(BlockEvents events, BigInteger amount, String cause, Bytes ref) {
    if (amount.signum() > 0) {
      events.emit(StakingProgram.ID, ValueEvent.burn(AssetId.SWR, new Amount(amount), cause, ref));
    }
  }

  /** Credits {@code amount} SWR to {@code to} and emits the credit (nothing for zero). */
  static void credit(
      Store s, BlockEvents events, Address to, BigInteger amount, String cause, Bytes ref) {
    if (amount.signum() > 0) {
      s.credit(to, amount);
      events.emit(
          StakingProgram.ID, ValueEvent.credit(to, AssetId.SWR, new Amount(amount), cause, ref));
    }
  }

  /**
   * Pays the treasury its share of slashed stake ({@code [governance].treasury_slash_share_bps}, in
   * the chain parameters of the state; none where the state holds no parameters) and returns it:
   * the rest of {@code slashed} is burned.
   */
  static BigInteger toTreasury(
      Store s, BlockEvents events, BigInteger slashed, String cause, Bytes ref) {
    int bps =
        s.get(dev.aether.ledger.ChainParams.STATE_KEY)
            .map(
                b ->
                    State.decode(
                            dev.aether.ledger.ChainParams.CODEC,
                            b,
                            dev.aether.ledger.ChainParams.STATE_KEY)
                        .treasurySlashBps())
            .orElse(0);
    BigInteger share = slashed.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
    credit(s, events, StateKeys.TREASURY, share, cause, ref);
    return share;
  }

  /**
   * Pays the epoch's fee pool plus inflation to its members by stake × rounds signed: {@code
   * reward_i = floor(R · stake_i · signed_i / (Σ stake · certified))}. What rounding or missed
   * votes leave stays in the fee pool for the next epoch.
   */
  private static void rewards(
      Staking st,
      BlockState state,
      BlockEvents events,
      EpochValidatorSet set,
      State.Participation part,
      long x) {
    if (part.certified() == 0) {
      return;
    }
    Store s = st.store;
    BigInteger bonded = set.totalStake();
    BigInteger minted = st.params.inflationFor(bonded);
    credit(s, events, StateKeys.FEE_POOL, minted, "inflation", epochRef(x));
    BigInteger pot = Store.swrBalance(state, StateKeys.FEE_POOL);
    BigInteger weightTotal = bonded.multiply(BigInteger.valueOf(part.certified()));
    BigInteger paid = BigInteger.ZERO;
    for (int i = 0; i < set.size(); i++) {
      EpochValidator m = set.validators().get(i);
      BigInteger w = m.stake().multiply(BigInteger.valueOf(part.signed()[i]));
      BigInteger reward = Num.mulDiv(pot, w, weightTotal);
      Optional<State.Validator> v = st.validator(m.operator());
      if (reward.signum() == 0 || v.isEmpty() || v.get().tombstoned()) {
        continue;
      }
      credit(st, v.get(), reward);
      paid = paid.add(reward);
      // Out of the fee pool into the validator's pool of rewards (claimed later by transaction).
      events.emit(
          StakingProgram.ID,
          ValueEvent.debit(
              StateKeys.FEE_POOL,
              AssetId.SWR,
              new Amount(reward),
              "reward",
              validatorRef(m.operator(), x)));
    }
    s.debit(StateKeys.FEE_POOL, paid);
    addTotals(s, minted, BigInteger.ZERO, BigInteger.ZERO);
  }

  /** Commission to the operator; the rest to the accumulator of every share of the pool. */
  private static void credit(Staking st, State.Validator v, BigInteger reward) {
    Address op = v.operator();
    State.Pool pool = st.pool(op);
    BigInteger commission =
        pool.shares().signum() == 0
            ? reward
            : Num.mulDiv(reward, BigInteger.valueOf(v.commissionBps()), BigInteger.valueOf(10_000));
    BigInteger rest = reward.subtract(commission);
    State.Rewards r = st.rewards(op);
    BigInteger acc = r.acc();
    BigInteger remainder = r.remainder();
    if (rest.signum() > 0) {
      BigInteger scaled = rest.multiply(Num.ACC_SCALE).add(remainder);
      BigInteger delta = scaled.divide(pool.shares());
      acc = acc.add(delta);
      remainder = scaled.subtract(delta.multiply(pool.shares()));
    }
    st.store.write(
        State.Rewards.CODEC,
        StakingKeys.rewards(op),
        new State.Rewards(acc, remainder, r.credited().add(reward)));
    if (commission.signum() > 0) {
      State.Delegation d = st.delegation(op, op).orElse(State.Delegation.EMPTY);
      st.putDelegation(
          op,
          op,
          new State.Delegation(
              d.shares(), d.debt(), d.unclaimed().add(commission), d.lockedUntil()),
          false);
    }
  }

  /** Records the set that validates {@code target}: the top eligible candidates by stake. */
  static void recordSet(Staking st, long target) {
    Store s = st.store;
    List<Address> registry = st.registry();
    List<EpochValidator> eligible = new ArrayList<>();
    List<Address> keep = new ArrayList<>(registry.size());
    for (Address op : registry) {
      State.Pool pool = st.pool(op);
      if (pool.tokens().signum() == 0) {
        continue; // nothing bonded: leaves the registry (its records stay)
      }
      keep.add(op);
      State.Validator v = st.validator(op).orElseThrow();
      if (v.tombstoned()
          || v.jailed()
          || st.selfBond(op, pool).compareTo(st.params.minSelfBond().value()) < 0) {
        continue;
      }
      eligible.add(
          new EpochValidator(op, v.nodeKey(), v.blsKey(), v.vrfKey(), v.coldKey(), pool.tokens()));
    }
    if (keep.size() != registry.size()) {
      s.write(State.REGISTRY, StakingKeys.registry(), keep);
    }
    eligible.sort(
        Comparator.comparing(EpochValidator::stake)
            .reversed()
            .thenComparing(EpochValidator::operator));
    List<EpochValidator> chosen =
        new ArrayList<>(eligible.subList(0, Math.min(eligible.size(), st.params.maxValidators())));
    chosen.sort(Comparator.comparing(EpochValidator::operator));
    EpochValidatorSet set;
    if (chosen.isEmpty()) {
      // A chain cannot run without validators: keep the previous set rather than halt.
      set = readSet(s, target - 1).orElseThrow().forEpoch(target);
    } else {
      set = new EpochValidatorSet(target, chosen);
    }
    s.write(EpochValidatorSet.CODEC, StakingKeys.epochSet(target), set);
  }

  // ---------------------------------------------------------------- slashing

  private static void applySlashes(Staking st, long epoch, BlockEvents events) {
    Store s = st.store;
    Optional<List<State.PendingSlash>> queue = s.read(State.SLASH_QUEUE, StakingKeys.slashQueue());
    if (queue.isEmpty()) {
      return;
    }
    for (State.PendingSlash p : queue.get()) {
      Slashing.doubleSign(st, p, epoch, events);
    }
    s.delete(StakingKeys.slashQueue());
  }

  static void addTotals(Store s, BigInteger minted, BigInteger burned, BigInteger reporter) {
    if (minted.signum() == 0 && burned.signum() == 0 && reporter.signum() == 0) {
      return;
    }
    State.Totals t = s.read(State.Totals.CODEC, StakingKeys.totals()).orElse(State.Totals.ZERO);
    s.write(
        State.Totals.CODEC,
        StakingKeys.totals(),
        new State.Totals(
            t.minted().add(minted), t.burned().add(burned), t.reporterPaid().add(reporter)));
  }
}
