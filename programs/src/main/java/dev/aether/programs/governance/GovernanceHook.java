package dev.aether.programs.governance;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockEvents;
import dev.aether.ledger.BlockHook;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.ChainParams;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.amm.AmmParams;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.programs.jobs.JobsParams;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.programs.staking.StakingParams;
import dev.aether.programs.staking.VotingPower;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The governance program's end-of-block work, after the block's transactions and fees:
 *
 * <ol>
 *   <li>a scheduled protocol upgrade whose height this block reached is recorded as the active
 *       version (the ledger already ran this block under it: {@link ChainParams#versionAt});
 *   <li>each active proposal whose deposit period ended without the minimum deposit expires
 *       (deposits refunded);
 *   <li>each proposal whose voting period ended is tallied by bonded stake ({@link Tallying}), and
 *       — if it passed — executed: parameter changes are written into the state (in force from the
 *       next block), an upgrade is scheduled, a treasury spend is paid. Deposits come back, except
 *       after a veto or a missed quorum, when they are burned.
 * </ol>
 *
 * Bounded: at most {@code max_active} (≤ 16) proposals, each tallied once over at most 1024 voters
 * and their delegations (≤ 64 each), plus the validator set.
 */
final class GovernanceHook implements BlockHook {
  @Override
  public void endBlock(BlockContext ctx, BlockState state, BlockEvents events) {
    Function<H256, Optional<Bytes>> read = key -> data(state, key);
    activateUpgrade(ctx, state, read);
    if (read.apply(GovKeys.params()).isEmpty()) {
      return; // a chain without the governance program's state (ledger tests)
    }
    GovState.Index index = Governance.index(read);
    if (index.active().isEmpty()) {
      return;
    }
    long slot = ctx.slot();
    List<Long> still = new ArrayList<>();
    BigInteger burned = index.burned();
    for (long id : index.active()) {
      Proposal p = Governance.proposal(read, id).orElseThrow();
      Proposal done = null;
      if (p.status() == Proposal.Status.DEPOSIT && slot >= p.depositEndSlot()) {
        done = p.finished(Proposal.Status.EXPIRED, Proposal.Tally.NONE, "deposit period ended");
      } else if (p.status() == Proposal.Status.VOTING && slot >= p.votingEndSlot()) {
        done = conclude(ctx, state, events, read, p);
        state.delete(GovKeys.votes(id));
      }
      if (done == null) {
        still.add(id);
        continue;
      }
      if (burnsDeposit(done.status())) {
        burned = burned.add(done.totalDeposit().value());
        if (!done.totalDeposit().isZero()) {
          events.emit(
              GovernanceProgram.ID,
              ValueEvent.burn(AssetId.SWR, done.totalDeposit(), "deposit_burn", ref(id)));
        }
      } else {
        refund(state, events, done);
      }
      put(state, GovKeys.proposal(id), Governance.encode(Proposal.CODEC, done));
    }
    if (still.size() != index.active().size()) {
      put(
          state,
          GovKeys.index(),
          Governance.encode(
              GovState.Index.CODEC, new GovState.Index(index.nextId(), still, burned)));
    }
  }

  /**
   * Gives every deposit of {@code done} back to its depositor, with a {@code refund} credit each.
   */
  static void refund(BlockState state, BlockEvents events, Proposal done) {
    for (Proposal.Deposit d : done.deposits()) {
      if (d.amount().isZero()) {
        continue;
      }
      credit(state, d.depositor(), Value.of(AssetId.SWR, d.amount()));
      events.emit(
          GovernanceProgram.ID,
          ValueEvent.credit(d.depositor(), AssetId.SWR, d.amount(), "refund", ref(done.id())));
    }
  }

  /** What governance value events refer to: the proposal id, as a u64. */
  static Bytes ref(long proposalId) {
    return Bytes.of(new Writer(8).u64(proposalId).toByteArray());
  }

  /** A veto or a missed quorum burns the deposit (spam costs); every other end refunds it. */
  static boolean burnsDeposit(Proposal.Status s) {
    return s == Proposal.Status.VETOED || s == Proposal.Status.NO_QUORUM;
  }

  private static void activateUpgrade(
      BlockContext ctx, BlockState state, Function<H256, Optional<Bytes>> read) {
    Optional<Bytes> raw = read.apply(ChainParams.STATE_KEY);
    if (raw.isEmpty()) {
      return;
    }
    ChainParams p = GovState.decode(ChainParams.CODEC, raw.get(), ChainParams.STATE_KEY);
    if (p.upgrade().isPresent() && ctx.height() >= p.upgrade().get().height()) {
      state.put(ChainParams.STATE_KEY, p.activated().toState());
    }
  }

  /** Tallies a proposal whose voting ended and, if it passed, executes it. */
  private static Proposal conclude(
      BlockContext ctx,
      BlockState state,
      BlockEvents events,
      Function<H256, Optional<Bytes>> read,
      Proposal p) {
    GovParams params = Governance.params(read);
    VotingPower power = VotingPower.of(state);
    StakingParams sp = power.params();
    long epoch = ctx.epoch() >= 0 ? ctx.epoch() : sp.epochOf(ctx.slot());
    Optional<EpochValidatorSet> set = power.set(epoch);
    if (set.isEmpty()) {
      return p.finished(
          Proposal.Status.FAILED, Proposal.Tally.NONE, "no validator set for epoch " + epoch);
    }
    Proposal.Tally tally = Tallying.tally(power, set.get(), Governance.votes(read, p.id()));
    Proposal.Status outcome = Tallying.outcome(tally, params);
    if (outcome != Proposal.Status.PASSED) {
      return p.finished(outcome, tally, "tallied at slot " + ctx.slot());
    }
    try {
      String what = execute(ctx, state, events, read, p.id(), p.kind());
      return p.finished(Proposal.Status.PASSED, tally, what);
    } catch (LedgerException e) {
      return p.finished(Proposal.Status.FAILED, tally, e.error().message());
    }
  }

  /**
   * Carries out passed proposal {@code id}; a refusal leaves the state as it was (checked first)
   * and emits nothing. A treasury spend emits a {@code spend} debit of the treasury and a {@code
   * spend} credit of the payee per payment.
   */
  static String execute(
      BlockContext ctx,
      BlockState state,
      BlockEvents events,
      Function<H256, Optional<Bytes>> read,
      long id,
      ProposalKind kind) {
    return switch (kind) {
      case ProposalKind.ParamChange pc -> {
        ParamRegistry.Snapshot before = Governance.snapshot(read);
        ParamRegistry.Snapshot after = ParamRegistry.apply(before, pc.changes());
        if (!after.chain().equals(before.chain())) {
          state.put(ChainParams.STATE_KEY, after.chain().orElseThrow().toState());
        }
        if (!after.staking().equals(before.staking())) {
          put(
              state,
              StakingKeys.params(),
              Governance.encode(StakingParams.CODEC, after.staking().orElseThrow()));
        }
        if (!after.amm().equals(before.amm())) {
          put(
              state,
              AmmKeys.params(),
              Governance.encode(AmmParams.CODEC, after.amm().orElseThrow()));
        }
        if (!after.jobs().equals(before.jobs())) {
          put(
              state,
              JobsKeys.params(),
              Governance.encode(JobsParams.CODEC, after.jobs().orElseThrow()));
        }
        if (!after.gov().equals(before.gov())) {
          put(state, GovKeys.params(), Governance.encode(GovParams.CODEC, after.gov()));
        }
        yield "parameters in force from height " + (ctx.height() + 1);
      }
      case ProposalKind.SoftwareUpgrade u -> {
        ChainParams chain =
            Governance.snapshot(read)
                .chain()
                .orElseThrow(() -> GovError.INVALID_UPGRADE.refuse("no chain parameters"));
        if (chain.upgrade().isPresent()) {
          throw GovError.UPGRADE_PENDING.refuse("another upgrade is scheduled");
        }
        if (u.height() <= ctx.height() || u.version() <= chain.versionAt(ctx.height())) {
          throw GovError.INVALID_UPGRADE.refuse(
              "height " + u.height() + " or version " + u.version() + " no longer ahead");
        }
        state.put(
            ChainParams.STATE_KEY,
            chain
                .withUpgrade(
                    Optional.of(new ChainParams.Upgrade(u.version(), u.height(), u.release())))
                .toState());
        yield "protocol version " + u.version() + " from height " + u.height();
      }
      case ProposalKind.TreasurySpend t -> {
        TreeMap<AssetId, BigInteger> need = new TreeMap<>();
        for (ProposalKind.Payment pay : t.payments()) {
          need.merge(pay.asset(), pay.amount().value(), BigInteger::add);
        }
        StateObject.Account treasury = account(state, StateKeys.TREASURY);
        for (Map.Entry<AssetId, BigInteger> e : need.entrySet()) {
          Amount have = treasury.balance().get(e.getKey());
          if (have.value().compareTo(e.getValue()) < 0) {
            throw GovError.INVALID_SPEND.refuse(
                "the treasury holds "
                    + have
                    + " "
                    + e.getKey()
                    + ", the spend needs "
                    + e.getValue());
          }
        }
        // Every resulting account is computed before anything is written: a payment that cannot
        // be credited (a balance over u128, an account at its 64-asset limit) fails the proposal,
        // never the block.
        TreeMap<Address, StateObject.Account> after = new TreeMap<>();
        after.put(StateKeys.TREASURY, treasury);
        try {
          for (ProposalKind.Payment pay : t.payments()) {
            Value v = Value.of(pay.asset(), pay.amount());
            StateObject.Account from = after.get(StateKeys.TREASURY);
            after.put(
                StateKeys.TREASURY,
                new StateObject.Account(from.balance().subtract(v), from.nonce()));
            StateObject.Account to = after.computeIfAbsent(pay.to(), a -> account(state, a));
            after.put(pay.to(), new StateObject.Account(to.balance().add(v), to.nonce()));
          }
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw GovError.INVALID_SPEND.refuse("a payment cannot be credited: " + e.getMessage());
        }
        for (Map.Entry<Address, StateObject.Account> e : after.entrySet()) {
          if (e.getValue().isEmpty()) {
            state.delete(StateKeys.account(e.getKey()));
          } else {
            state.put(StateKeys.account(e.getKey()), e.getValue());
          }
        }
        for (ProposalKind.Payment pay : t.payments()) {
          if (pay.amount().isZero()) {
            continue;
          }
          events.emit(
              GovernanceProgram.ID,
              ValueEvent.debit(StateKeys.TREASURY, pay.asset(), pay.amount(), "spend", ref(id)));
          events.emit(
              GovernanceProgram.ID,
              ValueEvent.credit(pay.to(), pay.asset(), pay.amount(), "spend", ref(id)));
        }
        yield "paid " + t.payments().size() + " payment(s) from the treasury";
      }
    };
  }

  // ---------------------------------------------------------------- block-state helpers

  static Optional<Bytes> data(BlockState state, H256 key) {
    return state
        .get(key)
        .flatMap(o -> o instanceof StateObject.Data d ? Optional.of(d.bytes()) : Optional.empty());
  }

  static void put(BlockState state, H256 key, Bytes value) {
    state.put(key, new StateObject.Data(value));
  }

  private static StateObject.Account account(BlockState state, Address a) {
    return state.get(StateKeys.account(a)).orElse(StateObject.Account.EMPTY)
            instanceof StateObject.Account acc
        ? acc
        : StateObject.Account.EMPTY;
  }

  static void credit(BlockState state, Address to, Value v) {
    StateObject.Account a = account(state, to);
    state.put(StateKeys.account(to), new StateObject.Account(a.balance().add(v), a.nonce()));
  }
}
