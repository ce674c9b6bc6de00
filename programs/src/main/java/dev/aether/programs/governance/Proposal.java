package dev.aether.programs.governance;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One proposal as stored under {@link GovKeys#proposal}: what it does, where it stands, who
 * deposited how much, and — once tallied — the votes by bonded stake and the outcome.
 */
public record Proposal(
    long id,
    Address proposer,
    String title,
    String description,
    ProposalKind kind,
    Status status,
    long submitSlot,
    long depositEndSlot,
    long votingStartSlot,
    long votingEndSlot,
    List<Deposit> deposits,
    Tally tally,
    String outcome) {

  public static final int MAX_TITLE = 140;
  public static final int MAX_DESCRIPTION = 4096;
  public static final int MAX_DEPOSITORS = 64;
  public static final int MAX_OUTCOME = 512;

  /** Where a proposal stands. DEPOSIT and VOTING are active; the others are final. */
  public enum Status {
    DEPOSIT,
    VOTING,
    PASSED,
    REJECTED,
    VETOED,
    NO_QUORUM,
    EXPIRED,
    FAILED;

    public boolean active() {
      return this == DEPOSIT || this == VOTING;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One depositor's total deposit. */
  public record Deposit(Address depositor, Amount amount) {
    static final Codec<Deposit> CODEC =
        new Codec<>() {
          @Override
          public void write(Deposit d, Writer out) {
            Address.CODEC.write(d.depositor, out);
            Amount.CODEC.write(d.amount, out);
          }

          @Override
          public Deposit read(Reader in) {
            return new Deposit(Address.CODEC.read(in), Amount.CODEC.read(in));
          }
        };
  }

  /** The tally by bonded stake: power per option and the total bonded stake it is measured on. */
  public record Tally(
      BigInteger yes, BigInteger no, BigInteger abstain, BigInteger veto, BigInteger bonded) {
    public static final Tally NONE =
        new Tally(
            BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    public BigInteger voted() {
      return yes.add(no).add(abstain).add(veto);
    }

    static final Codec<Tally> CODEC =
        new Codec<>() {
          @Override
          public void write(Tally t, Writer out) {
            for (BigInteger v : new BigInteger[] {t.yes, t.no, t.abstain, t.veto, t.bonded}) {
              Amount.CODEC.write(new Amount(v), out);
            }
          }

          @Override
          public Tally read(Reader in) {
            return new Tally(
                Amount.CODEC.read(in).value(),
                Amount.CODEC.read(in).value(),
                Amount.CODEC.read(in).value(),
                Amount.CODEC.read(in).value(),
                Amount.CODEC.read(in).value());
          }
        };
  }

  public static final Codec<Proposal> CODEC =
      new Codec<>() {
        @Override
        public void write(Proposal p, Writer out) {
          out.u8(1);
          out.u64(p.id);
          Address.CODEC.write(p.proposer, out);
          out.string(p.title).string(p.description);
          ProposalKind.CODEC.write(p.kind, out);
          out.u8(p.status.ordinal());
          out.u64(p.submitSlot).u64(p.depositEndSlot).u64(p.votingStartSlot).u64(p.votingEndSlot);
          out.list(p.deposits, Deposit.CODEC);
          Tally.CODEC.write(p.tally, out);
          out.string(p.outcome);
        }

        @Override
        public Proposal read(Reader in) {
          int v = in.u8("Proposal version");
          if (v != 1) {
            throw new CodecException.UnknownTag("Proposal version", v);
          }
          long id = in.u64("id");
          Address proposer = Address.CODEC.read(in);
          String title = in.string("title", MAX_TITLE);
          String description = in.string("description", MAX_DESCRIPTION);
          ProposalKind kind = ProposalKind.CODEC.read(in);
          int s = in.u8("status");
          if (s >= Status.values().length) {
            throw new CodecException.UnknownTag("status", s);
          }
          return new Proposal(
              id,
              proposer,
              title,
              description,
              kind,
              Status.values()[s],
              in.u64("submit slot"),
              in.u64("deposit end"),
              in.u64("voting start"),
              in.u64("voting end"),
              new ArrayList<>(in.list("deposits", MAX_DEPOSITORS, Deposit.CODEC)),
              Tally.CODEC.read(in),
              in.string("outcome", MAX_OUTCOME));
        }
      };

  public Proposal {
    deposits = List.copyOf(deposits);
  }

  /** The sum of all deposits. */
  public Amount totalDeposit() {
    Amount t = Amount.ZERO;
    for (Deposit d : deposits) {
      t = t.add(d.amount());
    }
    return t;
  }

  Proposal withStatus(Status s, long votingStart, long votingEnd) {
    return new Proposal(
        id,
        proposer,
        title,
        description,
        kind,
        s,
        submitSlot,
        depositEndSlot,
        votingStart,
        votingEnd,
        deposits,
        tally,
        outcome);
  }

  Proposal withDeposits(List<Deposit> d) {
    return new Proposal(
        id,
        proposer,
        title,
        description,
        kind,
        status,
        submitSlot,
        depositEndSlot,
        votingStartSlot,
        votingEndSlot,
        d,
        tally,
        outcome);
  }

  Proposal finished(Status s, Tally t, String why) {
    String o = why.length() > MAX_OUTCOME / 4 ? why.substring(0, MAX_OUTCOME / 4) : why;
    return new Proposal(
        id,
        proposer,
        title,
        description,
        kind,
        s,
        submitSlot,
        depositEndSlot,
        votingStartSlot,
        votingEndSlot,
        deposits,
        t,
        o);
  }
}
