package dev.aether.programs.governance;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.amm.AmmParams;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.programs.jobs.JobsParams;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.programs.staking.StakingParams;
import dev.aether.programs.staking.VotingPower;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The governance program's transactions: submit a proposal with a deposit, add deposits, vote.
 * Everything goes through the metered, access-checked {@link CallContext}; deposits move from the
 * depositor's account into the program's custody (recorded on the proposal), and come back or are
 * burned when the proposal ends ({@link GovernanceHook}).
 */
final class Governance {
  private Governance() {}

  // ---------------------------------------------------------------- shared reads

  static GovParams params(Function<H256, Optional<Bytes>> read) {
    return read.apply(GovKeys.params())
        .map(b -> GovState.decode(GovParams.CODEC, b, GovKeys.params()))
        .orElseThrow(
            () ->
                new LedgerException(
                    new LedgerError.MalformedState(
                        GovKeys.params(), "governance parameters missing")));
  }

  static GovState.Index index(Function<H256, Optional<Bytes>> read) {
    return read.apply(GovKeys.index())
        .map(b -> GovState.decode(GovState.Index.CODEC, b, GovKeys.index()))
        .orElse(GovState.Index.EMPTY);
  }

  static Optional<Proposal> proposal(Function<H256, Optional<Bytes>> read, long id) {
    return read.apply(GovKeys.proposal(id))
        .map(b -> GovState.decode(Proposal.CODEC, b, GovKeys.proposal(id)));
  }

  static List<GovState.Vote> votes(Function<H256, Optional<Bytes>> read, long id) {
    return read.apply(GovKeys.votes(id))
        .map(b -> GovState.decode(GovState.VOTES, b, GovKeys.votes(id)))
        .orElse(new ArrayList<>());
  }

  /** Every parameter object a change may touch, as the state holds them. */
  static ParamRegistry.Snapshot snapshot(Function<H256, Optional<Bytes>> read) {
    return new ParamRegistry.Snapshot(
        read.apply(ChainParams.STATE_KEY)
            .map(b -> GovState.decode(ChainParams.CODEC, b, ChainParams.STATE_KEY)),
        read.apply(StakingKeys.params())
            .map(b -> GovState.decode(StakingParams.CODEC, b, StakingKeys.params())),
        read.apply(AmmKeys.params())
            .map(b -> GovState.decode(AmmParams.CODEC, b, AmmKeys.params())),
        read.apply(JobsKeys.params())
            .map(b -> GovState.decode(JobsParams.CODEC, b, JobsKeys.params())),
        params(read));
  }

  static <T> Bytes encode(Codec<T> codec, T value) {
    return Bytes.of(codec.encode(value));
  }

  // ---------------------------------------------------------------- transactions

  /** Validates and records a new proposal; returns its id. */
  static long submit(
      CallContext ctx, ProposalKind kind, String title, String description, Amount deposit) {
    Function<H256, Optional<Bytes>> read = ctx::readData;
    if (title.isBlank()) {
      throw GovError.TEXT_TOO_LONG.refuse("a title is required");
    }
    if (title.getBytes(StandardCharsets.UTF_8).length > Proposal.MAX_TITLE
        || description.getBytes(StandardCharsets.UTF_8).length > Proposal.MAX_DESCRIPTION) {
      throw GovError.TEXT_TOO_LONG.refuse(
          "title at most "
              + Proposal.MAX_TITLE
              + " bytes, description "
              + Proposal.MAX_DESCRIPTION);
    }
    GovParams params = params(read);
    validate(ctx, read, kind, params);
    if (deposit.compareTo(params.minInitialDeposit()) < 0) {
      throw GovError.DEPOSIT_TOO_LOW.refuse(deposit + " < " + params.minInitialDeposit());
    }
    GovState.Index index = index(read);
    if (index.active().size() >= params.maxActive()) {
      throw GovError.TOO_MANY_ACTIVE.refuse(index.active().size() + " active");
    }
    Address proposer = ctx.caller();
    ctx.debit(proposer, Value.of(AssetId.SWR, deposit));
    long slot = ctx.tx().block().slot();
    long id = index.nextId();
    Proposal p =
        new Proposal(
            id,
            proposer,
            title,
            description,
            kind,
            Proposal.Status.DEPOSIT,
            slot,
            slot + params.depositPeriodSlots(),
            0,
            0,
            List.of(new Proposal.Deposit(proposer, deposit)),
            Proposal.Tally.NONE,
            "");
    p = startVotingIfFunded(p, params, slot);
    ctx.writeData(GovKeys.proposal(id), encode(Proposal.CODEC, p));
    List<Long> active = new ArrayList<>(index.active());
    active.add(id);
    ctx.writeData(
        GovKeys.index(),
        encode(GovState.Index.CODEC, new GovState.Index(id + 1, active, index.burned())));
    return id;
  }

  /**
   * Checks what a proposal would do against the state now: parameter changes parse, lie in range
   * and leave valid parameter objects; an upgrade raises the version, no other is pending, and its
   * height lies beyond the voting period; a spend has 1..16 positive payments.
   */
  static void validate(
      CallContext ctx, Function<H256, Optional<Bytes>> read, ProposalKind kind, GovParams params) {
    switch (kind) {
      case ProposalKind.ParamChange pc -> ParamRegistry.apply(snapshot(read), pc.changes());
      case ProposalKind.SoftwareUpgrade u -> {
        ChainParams chain =
            snapshot(read)
                .chain()
                .orElseThrow(() -> GovError.INVALID_UPGRADE.refuse("no chain parameters in state"));
        long height = ctx.tx().block().height();
        if (chain.upgrade().isPresent()) {
          throw GovError.UPGRADE_PENDING.refuse(
              "version "
                  + chain.upgrade().get().version()
                  + " at "
                  + chain.upgrade().get().height());
        }
        if (u.version() <= chain.versionAt(height)) {
          throw GovError.INVALID_UPGRADE.refuse(
              "version " + u.version() + " is not above the current " + chain.versionAt(height));
        }
        if (u.height() <= height + params.votingPeriodSlots()) {
          throw GovError.INVALID_UPGRADE.refuse(
              "height "
                  + u.height()
                  + " must lie beyond the voting period (after "
                  + (height + params.votingPeriodSlots())
                  + ")");
        }
        try {
          new ChainParams.Upgrade(u.version(), u.height(), u.release());
        } catch (IllegalArgumentException e) {
          throw GovError.INVALID_UPGRADE.refuse(e.getMessage());
        }
      }
      case ProposalKind.TreasurySpend t -> {
        if (t.payments().isEmpty() || t.payments().size() > ProposalKind.MAX_ITEMS) {
          throw GovError.INVALID_SPEND.refuse(t.payments().size() + " payments");
        }
        for (ProposalKind.Payment pay : t.payments()) {
          if (pay.amount().isZero()) {
            throw GovError.INVALID_SPEND.refuse("a payment of 0 to " + pay.to());
          }
        }
      }
    }
  }

  /** Adds {@code amount} to a proposal's deposit; its voting starts once the minimum is met. */
  static Proposal deposit(CallContext ctx, long id, Amount amount) {
    Function<H256, Optional<Bytes>> read = ctx::readData;
    if (amount.isZero()) {
      throw GovError.ZERO_AMOUNT.refuse("deposit of 0");
    }
    Proposal p = proposal(read, id).orElseThrow(() -> GovError.UNKNOWN_PROPOSAL.refuse("#" + id));
    if (p.status() != Proposal.Status.DEPOSIT) {
      throw GovError.NOT_IN_DEPOSIT.refuse("#" + id + " is " + p.status().label());
    }
    Address who = ctx.caller();
    List<Proposal.Deposit> deposits = new ArrayList<>(p.deposits());
    boolean merged = false;
    for (int i = 0; i < deposits.size(); i++) {
      if (deposits.get(i).depositor().equals(who)) {
        deposits.set(i, new Proposal.Deposit(who, deposits.get(i).amount().add(amount)));
        merged = true;
      }
    }
    if (!merged) {
      if (deposits.size() >= Proposal.MAX_DEPOSITORS) {
        throw GovError.TOO_MANY_DEPOSITORS.refuse(deposits.size() + " depositors");
      }
      deposits.add(new Proposal.Deposit(who, amount));
    }
    ctx.debit(who, Value.of(AssetId.SWR, amount));
    Proposal next =
        startVotingIfFunded(p.withDeposits(deposits), params(read), ctx.tx().block().slot());
    ctx.writeData(GovKeys.proposal(id), encode(Proposal.CODEC, next));
    return next;
  }

  private static Proposal startVotingIfFunded(Proposal p, GovParams params, long slot) {
    if (p.status() == Proposal.Status.DEPOSIT
        && p.totalDeposit().compareTo(params.minDeposit()) >= 0) {
      return p.withStatus(Proposal.Status.VOTING, slot, slot + params.votingPeriodSlots());
    }
    return p;
  }

  /** Records (or replaces) the caller's vote; the caller must have bonded stake. */
  static void vote(CallContext ctx, long id, VoteOption option) {
    Function<H256, Optional<Bytes>> read = ctx::readData;
    Proposal p = proposal(read, id).orElseThrow(() -> GovError.UNKNOWN_PROPOSAL.refuse("#" + id));
    long slot = ctx.tx().block().slot();
    if (p.status() != Proposal.Status.VOTING || slot >= p.votingEndSlot()) {
      throw GovError.NOT_IN_VOTING.refuse(
          "#"
              + id
              + " is "
              + p.status().label()
              + " (voting ends at slot "
              + p.votingEndSlot()
              + ")");
    }
    Address voter = ctx.caller();
    if (!VotingPower.of(ctx).hasStake(voter)) {
      throw GovError.NO_VOTING_POWER.refuse(voter.toString());
    }
    List<GovState.Vote> votes = votes(read, id);
    GovState.Vote v = new GovState.Vote(voter, option);
    int i = java.util.Collections.binarySearch(votes, v, (a, b) -> a.voter().compareTo(b.voter()));
    if (i >= 0) {
      votes.set(i, v);
    } else {
      if (votes.size() >= GovState.MAX_VOTERS) {
        throw GovError.TOO_MANY_VOTERS.refuse(votes.size() + " voters");
      }
      votes.add(-i - 1, v);
    }
    ctx.writeData(GovKeys.votes(id), encode(GovState.VOTES, votes));
  }
}
