package dev.aether.programs.governance;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockEvents;
import dev.aether.ledger.BlockHook;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.LedgerException;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The end-of-block work of a <b>shadow-fork rehearsal</b> ({@code aetherctl gov rehearse}): on a
 * throwaway copy of a node's state, the first block executes one proposal at once — as if its vote
 * had passed — and credits a rehearsal account that pays for the load that follows. Never part of a
 * node: only the rehearsal tool builds a ledger with this hook, over a copy it deletes afterwards.
 *
 * <p>The hook acts on every block executed at {@code height} and on no other: under consensus a
 * validator may execute several competing blocks of that height (two lottery winners, a round that
 * timed out), and each must carry the proposal, or validators would disagree on the state root.
 */
public final class Rehearsal implements BlockHook {
  private final long proposalId;
  private final Address account;
  private final Value funds;
  private final long height;
  private String outcome = "not executed yet";

  /**
   * @param proposalId the proposal to execute at {@code height}
   * @param account the rehearsal account to credit there
   * @param funds what it is credited
   * @param height the height whose blocks execute the proposal (the first block of the fork)
   */
  public Rehearsal(long proposalId, Address account, Value funds, long height) {
    this.proposalId = proposalId;
    this.account = account;
    this.funds = funds;
    this.height = height;
  }

  /** What executing the proposal did (its outcome line), once a block at the height ran. */
  public String outcome() {
    return outcome;
  }

  /** The proposal as the state holds it, or empty; {@code read} reads the state's data objects. */
  public static Optional<Proposal> find(Function<H256, Optional<Bytes>> read, long id) {
    return Governance.proposal(read, id);
  }

  @Override
  public void endBlock(BlockContext ctx, BlockState state, BlockEvents events) {
    if (ctx.height() != height) {
      return;
    }
    Function<H256, Optional<Bytes>> read = key -> GovernanceHook.data(state, key);
    Proposal p =
        Governance.proposal(read, proposalId)
            .orElseThrow(() -> GovError.UNKNOWN_PROPOSAL.refuse("proposal " + proposalId));
    if (p.status() != Proposal.Status.DEPOSIT && p.status() != Proposal.Status.VOTING) {
      throw GovError.NOT_IN_VOTING.refuse(
          "proposal " + proposalId + " is " + p.status() + "; only an open one can be rehearsed");
    }
    Proposal closed;
    // An upgrade is rescheduled to the next height: the rehearsal applies the proposal at once.
    ProposalKind kind =
        p.kind() instanceof ProposalKind.SoftwareUpgrade u
            ? new ProposalKind.SoftwareUpgrade(u.version(), ctx.height() + 1, u.release())
            : p.kind();
    try {
      String what = GovernanceHook.execute(ctx, state, events, read, proposalId, kind);
      closed = p.finished(Proposal.Status.PASSED, Proposal.Tally.NONE, "rehearsal: " + what);
      outcome = "executed: " + what;
    } catch (LedgerException e) {
      closed = p.finished(Proposal.Status.FAILED, Proposal.Tally.NONE, e.error().message());
      outcome = "refused at execution: " + e.error().message();
    }
    GovernanceHook.refund(state, events, closed);
    GovernanceHook.put(
        state, GovKeys.proposal(proposalId), Governance.encode(Proposal.CODEC, closed));
    GovState.Index index = Governance.index(read);
    List<Long> still = new ArrayList<>(index.active());
    still.remove(Long.valueOf(proposalId));
    GovernanceHook.put(
        state,
        GovKeys.index(),
        Governance.encode(
            GovState.Index.CODEC, new GovState.Index(index.nextId(), still, index.burned())));
    GovernanceHook.credit(state, account, funds);
    funds
        .amounts()
        .forEach(
            (asset, amount) ->
                events.emit(
                    GovernanceProgram.ID,
                    ValueEvent.credit(
                        account,
                        asset,
                        amount,
                        "rehearsal_funds",
                        GovernanceHook.ref(proposalId))));
  }
}
