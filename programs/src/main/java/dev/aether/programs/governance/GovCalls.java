package dev.aether.programs.governance;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.programs.staking.VotingPower;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.TreeSet;

/**
 * The governance program's calls — {@code submit}, {@code deposit}, {@code vote} — their arguments
 * (types codec), builders, and the keys each one touches.
 */
public final class GovCalls {
  public static final String SUBMIT = "submit";
  public static final String DEPOSIT = "deposit";
  public static final String VOTE = "vote";

  /**
   * How many proposal ids a {@code submit} declares from the next id on: submissions racing in one
   * block each take the next free id, up to this many; a later one fails with an access violation
   * (and pays its fee) and is sent again.
   */
  public static final int SUBMIT_ID_WINDOW = 4;

  private GovCalls() {}

  /** {@code submit(kind, title, description, deposit)}. */
  public record Submit(ProposalKind kind, String title, String description, Amount deposit) {
    /** The arguments' encoding (the indexer decodes submitted proposals with it). */
    public static final Codec<Submit> CODEC =
        new Codec<>() {
          @Override
          public void write(Submit s, Writer out) {
            ProposalKind.CODEC.write(s.kind, out);
            out.string(s.title).string(s.description);
            Amount.CODEC.write(s.deposit, out);
          }

          @Override
          public Submit read(Reader in) {
            return new Submit(
                ProposalKind.CODEC.read(in),
                in.string("title", Proposal.MAX_TITLE),
                in.string("description", Proposal.MAX_DESCRIPTION),
                Amount.CODEC.read(in));
          }
        };
  }

  public static Call submit(ProposalKind kind, String title, String description, Amount deposit) {
    return new Call(
        GovernanceProgram.ID,
        SUBMIT,
        Bytes.of(Submit.CODEC.encode(new Submit(kind, title, description, deposit))));
  }

  public static Call deposit(long id, Amount amount) {
    Writer w = new Writer().u64(id);
    Amount.CODEC.write(amount, w);
    return new Call(GovernanceProgram.ID, DEPOSIT, Bytes.of(w.toByteArray()));
  }

  public static Call vote(long id, VoteOption option) {
    return new Call(
        GovernanceProgram.ID,
        VOTE,
        Bytes.of(new Writer().u64(id).u8(option.ordinal()).toByteArray()));
  }

  /** Keys a call reads and writes (the payer's account, always written, is not listed). */
  public record Access(TreeSet<H256> reads, TreeSet<H256> writes) {}

  /**
   * What {@code call} by {@code payer} touches; {@code nextId} is the index's next proposal id as
   * the sender last saw it (only {@code submit} uses it).
   */
  public static Access access(Address payer, Call call, long nextId) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    Reader in = new Reader(call.args().toArray());
    reads.add(GovKeys.params());
    switch (call.method()) {
      case SUBMIT -> {
        // Validation reads every parameter object a change may touch.
        reads.add(ChainParams.STATE_KEY);
        reads.add(StakingKeys.params());
        reads.add(AmmKeys.params());
        reads.add(JobsKeys.params());
        writes.add(GovKeys.index());
        for (int i = 0; i < SUBMIT_ID_WINDOW; i++) {
          writes.add(GovKeys.proposal(nextId + i));
        }
      }
      case DEPOSIT -> writes.add(GovKeys.proposal(in.u64("id")));
      case VOTE -> {
        long id = in.u64("id");
        reads.add(GovKeys.proposal(id));
        reads.addAll(VotingPower.eligibilityKeys(payer));
        writes.add(GovKeys.votes(id));
      }
      default -> throw new IllegalArgumentException("unknown governance method " + call.method());
    }
    reads.removeAll(writes);
    return new Access(reads, writes);
  }

  /** A transaction body from {@code payer} with one governance {@code call}. */
  public static TxBody body(
      String chainId,
      Address payer,
      long nonce,
      Call call,
      long nextId,
      long feeCap,
      long validUntil) {
    Access a = access(payer, call, nextId);
    TreeSet<H256> writes = new TreeSet<>(a.writes());
    writes.add(StateKeys.account(payer));
    TreeSet<H256> reads = new TreeSet<>(a.reads());
    reads.removeAll(writes);
    return new TxBody(
        chainId,
        payer,
        nonce,
        List.of(),
        List.copyOf(reads),
        List.copyOf(writes),
        List.of(),
        List.of(call),
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(feeCap),
        0,
        validUntil);
  }
}
