package dev.aether.programs.jobs;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A job run by {@code replicas} providers at once (3 to 5): each commits to its output and trace
 * commitment, then reveals its receipt; replicas that agree are paid, and any disagreement is
 * settled by the one-round fraud proof against the wrong receipts — one honest replica suffices,
 * there is no vote (ADR 0052, docs/programs/jobs.md "Replica quorum").
 *
 * <p>Windows, all in slots, from what the record holds (so every node derives the same): commits
 * until {@code deadlineSlot}; reveals open once every replica committed (or the deadline passed)
 * and close {@code window} slots after the last commit (or the deadline); challenges of a revealed
 * receipt are accepted until {@code window} slots after the last reveal (or the reveal end);
 * settlement from then on.
 *
 * @param id the job id (from the poster and its nonce, like a single job's)
 * @param terms the poster's terms; {@code maxPrice} is per replica (the poster escrows {@code
 *     replicas × maxPrice})
 * @param replicas how many providers run it
 * @param postedSlot when it was posted
 * @param status where it stands
 * @param members the replicas in the order they accepted
 * @param fullSlot when the last replica accepted (0 while open)
 * @param commitsClosedSlot when the last replica committed (0 until every replica has)
 * @param revealsClosedSlot when the last committed replica revealed (0 until then)
 * @param outcome where the escrow and every bond went, summed over the replicas, once final
 */
public record QuorumJob(
    H256 id,
    JobRecord.Terms terms,
    int replicas,
    long postedSlot,
    Status status,
    List<Member> members,
    long fullSlot,
    long commitsClosedSlot,
    long revealsClosedSlot,
    JobRecord.Outcome outcome) {

  /** Fewest replicas a quorum job asks for. */
  public static final int MIN_REPLICAS = 3;

  /** Most replicas a quorum job asks for. */
  public static final int MAX_REPLICAS = 5;

  /** Copies the list. */
  public QuorumJob {
    members = List.copyOf(members);
  }

  /** Where a quorum job stands; the last three are final. */
  public enum Status {
    /** Replicas are accepting. */
    OPEN(1),
    /** Every replica accepted: commits, reveals and challenges by the windows above. */
    RUNNING(2),
    /** Settled: the agreeing replicas were paid. */
    SETTLED(3),
    /** Nothing to pay: the replicas never filled, the poster cancelled, or no replica revealed. */
    REFUNDED(4),
    /**
     * The surviving receipts disagreed and nobody proved which were false within the window: the
     * poster is refunded and nobody is paid (ADR 0052).
     */
    UNRESOLVED(5);

    private final int tag;

    Status(int tag) {
      this.tag = tag;
    }

    /** Whether no transition leaves this status. */
    public boolean isFinal() {
      return this == SETTLED || this == REFUNDED || this == UNRESOLVED;
    }

    /** The lower-case name RPC shows. */
    public String display() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status ofTag(int tag) {
      for (Status s : values()) {
        if (s.tag == tag) {
          return s;
        }
      }
      throw new CodecException.UnknownTag("quorum job status", tag);
    }
  }

  /** Where one replica stands. */
  public enum MemberStatus {
    /** Accepted, bond locked. */
    ACCEPTED(1),
    /** Committed to its output. */
    COMMITTED(2),
    /** Revealed a receipt the chain checked. */
    REVEALED(3),
    /** A fraud proof showed its receipt false: bond slashed (final). */
    CONVICTED(4),
    /** Did not commit or reveal in time: bond slashed (final). */
    MISSED(5),
    /** Paid for agreeing work, bond returned (final). */
    PAID(6),
    /**
     * Bond returned without pay: the job never filled, or receipts disagreed unresolved (final).
     */
    RELEASED(7);

    private final int tag;

    MemberStatus(int tag) {
      this.tag = tag;
    }

    /** Whether no transition leaves this status. */
    public boolean isFinal() {
      return tag >= 4;
    }

    /** The lower-case name RPC shows. */
    public String display() {
      return name().toLowerCase(Locale.ROOT);
    }

    static MemberStatus ofTag(int tag) {
      for (MemberStatus s : values()) {
        if (s.tag == tag) {
          return s;
        }
      }
      throw new CodecException.UnknownTag("replica status", tag);
    }
  }

  /**
   * One replica.
   *
   * @param provider the provider
   * @param bond its bond (AIC base units)
   * @param acceptedSlot when it accepted
   * @param commitment its commitment ({@link #commitment}), once committed
   * @param commitSlot when it committed (0 before)
   * @param receipt its revealed receipt, once revealed ({@code windowEndSlot} is 0: the job's
   *     challenge end applies)
   * @param status where it stands
   * @param outcome where its bond (and its pay) went, once final
   */
  public record Member(
      Address provider,
      BigInteger bond,
      long acceptedSlot,
      Optional<H256> commitment,
      long commitSlot,
      Optional<JobRecord.Receipt> receipt,
      MemberStatus status,
      JobRecord.Outcome outcome) {

    Member committed(H256 c, long slot) {
      return new Member(
          provider,
          bond,
          acceptedSlot,
          Optional.of(c),
          slot,
          receipt,
          MemberStatus.COMMITTED,
          outcome);
    }

    Member revealed(JobRecord.Receipt r) {
      return new Member(
          provider,
          bond,
          acceptedSlot,
          commitment,
          commitSlot,
          Optional.of(r),
          MemberStatus.REVEALED,
          outcome);
    }

    Member finished(MemberStatus s, JobRecord.Outcome o) {
      return new Member(provider, bond, acceptedSlot, commitment, commitSlot, receipt, s, o);
    }
  }

  /**
   * What a replica commits to before anyone reveals: {@code SHA-256("aether/jobs/commit/v1" ‖ 0 ‖
   * job ‖ provider ‖ output_hash ‖ trace_commitment ‖ salt)}. The provider is inside, so a commit
   * cannot be copied by another replica; the salt (32 random bytes, revealed with the receipt)
   * keeps the output from being guessed out of the commitment.
   */
  public static H256 commitment(
      H256 job, Address provider, H256 outputHash, Bytes traceCommitment, Bytes salt) {
    if (traceCommitment.length() != 48 || salt.length() != 32) {
      throw new IllegalArgumentException("trace commitments are 48 bytes and salts 32");
    }
    return Hashing.tagged(
        "aether/jobs/commit/v1",
        job.toArray(),
        provider.hash().toArray(),
        outputHash.toArray(),
        traceCommitment.toArray(),
        salt.toArray());
  }

  /** The member that is {@code provider}, if any. */
  public Optional<Member> member(Address provider) {
    for (Member m : members) {
      if (m.provider().equals(provider)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Escrow the poster put up: {@code replicas × maxPrice}. */
  public BigInteger escrow() {
    return terms.maxPrice().multiply(BigInteger.valueOf(replicas));
  }

  /** Bonds the program still holds (of replicas not yet final). */
  public BigInteger bondsHeld() {
    BigInteger b = BigInteger.ZERO;
    for (Member m : members) {
      if (!m.status().isFinal()) {
        b = b.add(m.bond());
      }
    }
    return b;
  }

  /** Whether reveals are open at {@code slot} (every replica committed, or the deadline passed). */
  public boolean revealsOpen(long slot) {
    return status == Status.RUNNING
        && (commitsClosedSlot != 0 || Long.compareUnsigned(slot, terms.deadlineSlot()) > 0);
  }

  /** The first slot reveals are no longer accepted in. */
  public long revealEndSlot(long window) {
    return (commitsClosedSlot != 0 ? commitsClosedSlot : terms.deadlineSlot()) + window;
  }

  /** The first slot challenges are no longer accepted in (settlement from then on). */
  public long challengeEndSlot(long window) {
    return (revealsClosedSlot != 0 ? revealsClosedSlot : revealEndSlot(window)) + window;
  }

  /** The canonical codec. */
  public static final Codec<QuorumJob> CODEC =
      new Codec<>() {
        @Override
        public void write(QuorumJob q, Writer out) {
          out.u8(1);
          H256.CODEC.write(q.id, out);
          terms(q.terms, out);
          out.u8(q.replicas).u64(q.postedSlot).u8(q.status.tag);
          out.list(q.members, MEMBER);
          out.u64(q.fullSlot).u64(q.commitsClosedSlot).u64(q.revealsClosedSlot);
          outcome(q.outcome, out);
        }

        @Override
        public QuorumJob read(Reader in) {
          if (in.u8("QuorumJob version") != 1) {
            throw new CodecException.NonCanonical("QuorumJob version");
          }
          H256 id = H256.CODEC.read(in);
          JobRecord.Terms terms = terms(in);
          int replicas = in.u8("replicas");
          long posted = in.u64("posted");
          Status status = Status.ofTag(in.u8("status"));
          List<Member> members = in.list("members", MAX_REPLICAS, MEMBER);
          return new QuorumJob(
              id,
              terms,
              replicas,
              posted,
              status,
              members,
              in.u64("full"),
              in.u64("commits closed"),
              in.u64("reveals closed"),
              outcome(in));
        }
      };

  private static final Codec<Member> MEMBER =
      new Codec<>() {
        @Override
        public void write(Member m, Writer out) {
          Address.CODEC.write(m.provider, out);
          amount(m.bond, out);
          out.u64(m.acceptedSlot);
          out.optional(m.commitment, H256.CODEC);
          out.u64(m.commitSlot);
          out.bool(m.receipt.isPresent());
          m.receipt.ifPresent(r -> receipt(r, out));
          out.u8(m.status.tag);
          outcome(m.outcome, out);
        }

        @Override
        public Member read(Reader in) {
          Address p = Address.CODEC.read(in);
          BigInteger bond = Amount.CODEC.read(in).value();
          long accepted = in.u64("accepted");
          Optional<H256> c = in.optional("commitment", H256.CODEC);
          long committed = in.u64("committed");
          Optional<JobRecord.Receipt> r =
              in.bool("has receipt") ? Optional.of(receipt(in)) : Optional.empty();
          MemberStatus s = MemberStatus.ofTag(in.u8("replica status"));
          return new Member(p, bond, accepted, c, committed, r, s, outcome(in));
        }
      };

  private static void terms(JobRecord.Terms t, Writer out) {
    Address.CODEC.write(t.poster(), out);
    H256.CODEC.write(t.modelHash(), out);
    H256.CODEC.write(t.codeHash(), out);
    out.u64(t.jUnits());
    amount(t.maxPrice(), out);
    out.u64(t.slaMs()).u64(t.deadlineSlot());
    out.optional(t.inputHash(), H256.CODEC);
    out.bool(t.seed().isPresent()).u64(t.seed().orElse(0L));
  }

  private static JobRecord.Terms terms(Reader in) {
    Address poster = Address.CODEC.read(in);
    H256 model = H256.CODEC.read(in);
    H256 code = H256.CODEC.read(in);
    long ju = in.u64("jUnits");
    BigInteger price = Amount.CODEC.read(in).value();
    long sla = in.u64("sla");
    long deadline = in.u64("deadline");
    Optional<H256> input = in.optional("input", H256.CODEC);
    boolean hasSeed = in.bool("has seed");
    long seed = in.u64("seed");
    if (!hasSeed && seed != 0) {
      throw new CodecException.NonCanonical("seed without has-seed");
    }
    return new JobRecord.Terms(
        poster,
        model,
        code,
        ju,
        price,
        sla,
        deadline,
        input,
        hasSeed ? Optional.of(seed) : Optional.empty());
  }

  private static void receipt(JobRecord.Receipt r, Writer out) {
    H256.CODEC.write(r.vcrHash(), out);
    H256.CODEC.write(r.outputHash(), out);
    out.fixed(r.commitment().toArray());
    out.u32(r.traceLength()).u64(r.seed()).u64(r.jUnits());
    out.u64(r.submittedSlot()).u64(r.windowEndSlot());
  }

  private static JobRecord.Receipt receipt(Reader in) {
    return new JobRecord.Receipt(
        H256.CODEC.read(in),
        H256.CODEC.read(in),
        Bytes.of(in.fixed("commitment", 48)),
        (int) in.u32("trace length"),
        in.u64("seed"),
        in.u64("metered"),
        in.u64("submitted"),
        in.u64("window end"));
  }

  private static void outcome(JobRecord.Outcome o, Writer out) {
    amount(o.paid(), out);
    amount(o.refunded(), out);
    amount(o.burned(), out);
    amount(o.rewarded(), out);
    amount(o.bondReturned(), out);
  }

  private static JobRecord.Outcome outcome(Reader in) {
    return new JobRecord.Outcome(
        Amount.CODEC.read(in).value(),
        Amount.CODEC.read(in).value(),
        Amount.CODEC.read(in).value(),
        Amount.CODEC.read(in).value(),
        Amount.CODEC.read(in).value());
  }

  private static void amount(BigInteger v, Writer out) {
    Amount.CODEC.write(new Amount(v), out);
  }

  /** A copy with another status and members. */
  QuorumJob with(Status s, List<Member> ms) {
    return new QuorumJob(
        id,
        terms,
        replicas,
        postedSlot,
        s,
        ms,
        fullSlot,
        commitsClosedSlot,
        revealsClosedSlot,
        outcome);
  }

  /** A copy with another member list, filling the job when the last replica joins. */
  QuorumJob withMembers(List<Member> ms, long slot) {
    boolean full = ms.size() == replicas;
    return new QuorumJob(
        id,
        terms,
        replicas,
        postedSlot,
        full ? Status.RUNNING : status,
        ms,
        full ? slot : fullSlot,
        commitsClosedSlot,
        revealsClosedSlot,
        outcome);
  }

  /** A copy with the commit and reveal marks. */
  QuorumJob withMarks(List<Member> ms, long commitsClosed, long revealsClosed) {
    return new QuorumJob(
        id,
        terms,
        replicas,
        postedSlot,
        status,
        ms,
        fullSlot,
        commitsClosed,
        revealsClosed,
        outcome);
  }

  /** A final copy. */
  QuorumJob finished(Status s, List<Member> ms, JobRecord.Outcome o) {
    return new QuorumJob(
        id, terms, replicas, postedSlot, s, ms, fullSlot, commitsClosedSlot, revealsClosedSlot, o);
  }

  /** Replaces member {@code i}. */
  static List<Member> replace(List<Member> ms, int i, Member m) {
    List<Member> out = new ArrayList<>(ms);
    out.set(i, m);
    return out;
  }
}
