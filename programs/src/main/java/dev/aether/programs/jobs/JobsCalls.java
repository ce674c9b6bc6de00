package dev.aether.programs.jobs;

import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.reputation.ReputationKeys;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import dev.aether.verifiers.tee.Evidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The job-escrow program's calls: method names, argument records with their canonical codecs, and
 * the state each call touches — what a client declares as the transaction's reads and writes.
 */
public final class JobsCalls {
  /** {@code registerProvider(registration)}. */
  public static final String REGISTER_PROVIDER = "registerProvider";

  /**
   * {@code postJob(model_hash, code_hash, j_units, max_price, sla_ms, deadline_slot[, input_hash,
   * seed])}.
   */
  public static final String POST_JOB = "postJob";

  /**
   * {@code postJobSpec(postJob's arguments, replicas, input?)}: a job run by one provider ({@code
   * replicas} 1) or a replica quorum (3 to 5), optionally carrying its input so providers and
   * watchers read it from the chain.
   */
  public static final String POST_JOB_SPEC = "postJobSpec";

  /** {@code commitOutput(job_id, commitment)}: a replica commits to its result. */
  public static final String COMMIT_OUTPUT = "commitOutput";

  /** {@code revealVCR(job_id, salt, published receipt)}: a replica reveals its receipt. */
  public static final String REVEAL_VCR = "revealVCR";

  /** {@code challengeReplica(provider, fraud proof)}: a fraud proof against one replica. */
  public static final String CHALLENGE_REPLICA = "challengeReplica";

  /** Largest job input carried on chain (bytes). */
  public static final int MAX_INPUT_BYTES = 4_096;

  /** {@code acceptJob(job_id, provider, bond)}. */
  public static final String ACCEPT_JOB = "acceptJob";

  /** {@code cancelJob(job_id)}: the poster takes back an unaccepted job. */
  public static final String CANCEL_JOB = "cancelJob";

  /** {@code submitVCR(job_id, published receipt)}. */
  public static final String SUBMIT_VCR = "submitVCR";

  /** {@code challengeVCR(fraud proof)}. */
  public static final String CHALLENGE_VCR = "challengeVCR";

  /**
   * {@code settleStable(job_id)}: the provider settles its job taking its pay in USDT, valued at
   * the AIC/USDT TWAP (docs/programs/jobs.md, "Stablecoin payout").
   */
  public static final String SETTLE_STABLE = "settleStable";

  /** {@code observePrice()}: anyone records a reading of the AIC/USDT price accumulator. */
  public static final String OBSERVE_PRICE = "observePrice";

  /** {@code settle(job_id)}. */
  public static final String SETTLE = "settle";

  /** {@code expire(job_id)}: after the deadline, refund (and slash a provider that missed it). */
  public static final String EXPIRE = "expire";

  private JobsCalls() {}

  /** A provider's registration (see {@link ProviderRecord}). */
  public record Register(
      Bytes key,
      Evidence.Kind kind,
      List<Bytes> measurements,
      Optional<Bytes> minTcb,
      Optional<Bytes> devKey,
      List<H256> codeHashes) {
    /** The canonical codec (the record's fields, as {@link ProviderRecord} stores them). */
    public static final Codec<Register> CODEC =
        new Codec<>() {
          @Override
          public void write(Register r, Writer out) {
            out.fixed(r.key.toArray()).u8(ProviderRecord.kindTag(r.kind));
            out.list(r.measurements, bytes(48));
            out.optional(r.minTcb, Bytes.codec("minTcb", 16));
            out.optional(r.devKey, bytes(32));
            out.list(r.codeHashes, H256.CODEC);
          }

          @Override
          public Register read(Reader in) {
            return new Register(
                Bytes.of(in.fixed("key", 32)),
                ProviderRecord.kindOf(in.u8("kind")),
                in.list("measurements", ProviderRecord.MAX_ENTRIES, bytes(48)),
                in.optional("minTcb", Bytes.codec("minTcb", 16)),
                in.optional("devKey", bytes(32)),
                in.list("codeHashes", ProviderRecord.MAX_ENTRIES, H256.CODEC));
          }
        };

    /** Copies the lists. */
    public Register {
      measurements = List.copyOf(measurements);
      codeHashes = List.copyOf(codeHashes);
    }
  }

  /** {@code postJob}'s arguments. */
  public record PostJob(
      H256 modelHash,
      H256 codeHash,
      long jUnits,
      BigInteger maxPrice,
      long slaMs,
      long deadlineSlot,
      Optional<H256> inputHash,
      Optional<Long> seed) {
    /** The canonical codec. */
    public static final Codec<PostJob> CODEC =
        new Codec<>() {
          @Override
          public void write(PostJob p, Writer out) {
            H256.CODEC.write(p.modelHash, out);
            H256.CODEC.write(p.codeHash, out);
            out.u64(p.jUnits);
            Amount.CODEC.write(new Amount(p.maxPrice), out);
            out.u64(p.slaMs).u64(p.deadlineSlot);
            out.optional(p.inputHash, H256.CODEC);
            out.optional(p.seed, U64);
          }

          @Override
          public PostJob read(Reader in) {
            return new PostJob(
                H256.CODEC.read(in),
                H256.CODEC.read(in),
                in.u64("j_units"),
                Amount.CODEC.read(in).value(),
                in.u64("sla_ms"),
                in.u64("deadline_slot"),
                in.optional("input_hash", H256.CODEC),
                in.optional("seed", U64));
          }
        };
  }

  /** {@code acceptJob}'s arguments. */
  public record AcceptJob(H256 jobId, Address provider, BigInteger bond) {
    /** The canonical codec. */
    public static final Codec<AcceptJob> CODEC =
        new Codec<>() {
          @Override
          public void write(AcceptJob a, Writer out) {
            H256.CODEC.write(a.jobId, out);
            Address.CODEC.write(a.provider, out);
            Amount.CODEC.write(new Amount(a.bond), out);
          }

          @Override
          public AcceptJob read(Reader in) {
            return new AcceptJob(
                H256.CODEC.read(in), Address.CODEC.read(in), Amount.CODEC.read(in).value());
          }
        };
  }

  /**
   * {@code postJobSpec}'s arguments.
   *
   * @param terms the job's terms ({@code maxPrice} per replica)
   * @param replicas 1, or 3 to 5
   * @param input the job input (at most {@link #MAX_INPUT_BYTES}), which must hash to the terms'
   *     input hash when run
   */
  public record PostJobSpec(PostJob terms, int replicas, Optional<Bytes> input) {
    /** The canonical codec. */
    public static final Codec<PostJobSpec> CODEC =
        new Codec<>() {
          @Override
          public void write(PostJobSpec p, Writer out) {
            PostJob.CODEC.write(p.terms, out);
            out.u8(p.replicas);
            out.optional(p.input, Bytes.codec("input", MAX_INPUT_BYTES));
          }

          @Override
          public PostJobSpec read(Reader in) {
            return new PostJobSpec(
                PostJob.CODEC.read(in),
                in.u8("replicas"),
                in.optional("input", Bytes.codec("input", MAX_INPUT_BYTES)));
          }
        };
  }

  /** {@code commitOutput}'s arguments. */
  public record CommitOutput(H256 jobId, H256 commitment) {
    /** The canonical codec. */
    public static final Codec<CommitOutput> CODEC =
        new Codec<>() {
          @Override
          public void write(CommitOutput c, Writer out) {
            H256.CODEC.write(c.jobId, out);
            H256.CODEC.write(c.commitment, out);
          }

          @Override
          public CommitOutput read(Reader in) {
            return new CommitOutput(H256.CODEC.read(in), H256.CODEC.read(in));
          }
        };
  }

  /** {@code revealVCR}'s arguments: the salt of the commitment and the published receipt. */
  public record RevealVcr(H256 jobId, Bytes salt, VcrSubmission submission) {
    /** The canonical codec. */
    public static final Codec<RevealVcr> CODEC =
        new Codec<>() {
          @Override
          public void write(RevealVcr r, Writer out) {
            H256.CODEC.write(r.jobId, out);
            bytes(32).write(r.salt, out);
            VcrSubmission.CODEC.write(r.submission, out);
          }

          @Override
          public RevealVcr read(Reader in) {
            return new RevealVcr(
                H256.CODEC.read(in), bytes(32).read(in), VcrSubmission.CODEC.read(in));
          }
        };
  }

  /** {@code challengeReplica}'s arguments: the replica whose receipt the proof shows false. */
  public record ChallengeReplica(Address provider, FraudProof proof) {
    /** The canonical codec. */
    public static final Codec<ChallengeReplica> CODEC =
        new Codec<>() {
          @Override
          public void write(ChallengeReplica c, Writer out) {
            Address.CODEC.write(c.provider, out);
            FraudProof.CODEC.write(c.proof, out);
          }

          @Override
          public ChallengeReplica read(Reader in) {
            return new ChallengeReplica(Address.CODEC.read(in), FraudProof.CODEC.read(in));
          }
        };
  }

  /** {@code submitVCR}'s arguments. */
  public record SubmitVcr(H256 jobId, VcrSubmission submission) {
    /** The canonical codec. */
    public static final Codec<SubmitVcr> CODEC =
        new Codec<>() {
          @Override
          public void write(SubmitVcr s, Writer out) {
            H256.CODEC.write(s.jobId, out);
            VcrSubmission.CODEC.write(s.submission, out);
          }

          @Override
          public SubmitVcr read(Reader in) {
            return new SubmitVcr(H256.CODEC.read(in), VcrSubmission.CODEC.read(in));
          }
        };
  }

  private static final Codec<Long> U64 =
      new Codec<>() {
        @Override
        public void write(Long v, Writer out) {
          out.u64(v);
        }

        @Override
        public Long read(Reader in) {
          return in.u64("u64");
        }
      };

  private static Codec<Bytes> bytes(int n) {
    return new Codec<>() {
      @Override
      public void write(Bytes v, Writer out) {
        if (v.length() != n) {
          throw new IllegalArgumentException("expected " + n + " bytes");
        }
        out.fixed(v.toArray());
      }

      @Override
      public Bytes read(Reader in) {
        return Bytes.of(in.fixed("bytes", n));
      }
    };
  }

  // ------------------------------------------------------------------------ calls

  /** {@code registerProvider}. */
  public static Call register(Register r) {
    return call(REGISTER_PROVIDER, Register.CODEC.encode(r));
  }

  /** {@code postJob}. */
  public static Call post(PostJob p) {
    return call(POST_JOB, PostJob.CODEC.encode(p));
  }

  /** {@code postJobSpec}. */
  public static Call postSpec(PostJobSpec p) {
    return call(POST_JOB_SPEC, PostJobSpec.CODEC.encode(p));
  }

  /** {@code commitOutput}. */
  public static Call commit(H256 jobId, H256 commitment) {
    return call(COMMIT_OUTPUT, CommitOutput.CODEC.encode(new CommitOutput(jobId, commitment)));
  }

  /** {@code revealVCR}. */
  public static Call reveal(H256 jobId, Bytes salt, VcrSubmission submission) {
    return call(REVEAL_VCR, RevealVcr.CODEC.encode(new RevealVcr(jobId, salt, submission)));
  }

  /** {@code challengeReplica}. */
  public static Call challengeReplica(Address provider, FraudProof proof) {
    return call(
        CHALLENGE_REPLICA, ChallengeReplica.CODEC.encode(new ChallengeReplica(provider, proof)));
  }

  /** {@code acceptJob}. */
  public static Call accept(H256 jobId, Address provider, BigInteger bond) {
    return call(ACCEPT_JOB, AcceptJob.CODEC.encode(new AcceptJob(jobId, provider, bond)));
  }

  /** {@code cancelJob}. */
  public static Call cancel(H256 jobId) {
    return call(CANCEL_JOB, jobId.toArray());
  }

  /** {@code submitVCR}. */
  public static Call submit(H256 jobId, VcrSubmission submission) {
    return call(SUBMIT_VCR, SubmitVcr.CODEC.encode(new SubmitVcr(jobId, submission)));
  }

  /** {@code challengeVCR}. */
  public static Call challenge(FraudProof proof) {
    return call(CHALLENGE_VCR, proof.encode());
  }

  /** {@code settle}. */
  public static Call settleStable(H256 jobId) {
    return call(SETTLE_STABLE, jobId.toArray());
  }

  public static Call observePrice() {
    return call(OBSERVE_PRICE, new byte[0]);
  }

  public static Call settle(H256 jobId) {
    return call(SETTLE, jobId.toArray());
  }

  /** {@code expire}. */
  public static Call expire(H256 jobId) {
    return call(EXPIRE, jobId.toArray());
  }

  private static Call call(String method, byte[] args) {
    return new Call(JobsProgram.ID, method, Bytes.of(args));
  }

  /** The job a call is about (post: the id it will create from the payer and nonce). */
  public static H256 jobOf(Call c, Address payer, long nonce) {
    Reader in = new Reader(c.args().toArray());
    return switch (c.method()) {
      case POST_JOB, POST_JOB_SPEC -> JobsKeys.jobId(payer, nonce);
      case ACCEPT_JOB,
          CANCEL_JOB,
          SUBMIT_VCR,
          SETTLE,
          SETTLE_STABLE,
          EXPIRE,
          COMMIT_OUTPUT,
          REVEAL_VCR ->
          H256.CODEC.read(in);
      case CHALLENGE_VCR -> FraudProof.CODEC.decode(c.args().toArray()).jobId();
      case CHALLENGE_REPLICA -> ChallengeReplica.CODEC.decode(c.args().toArray()).proof().jobId();
      default -> throw new IllegalArgumentException("not a job call: " + c.method());
    };
  }

  /**
   * Who a job's AIC moves between: what a client reads over RPC to declare a call's writes.
   *
   * @param poster the poster
   * @param provider a single job's provider, once accepted
   * @param replicas a replicated job's providers (empty for a single job)
   */
  public record Parties(Address poster, Optional<Address> provider, List<Address> replicas) {
    /** Copies the list. */
    public Parties {
      replicas = List.copyOf(replicas);
    }

    /** The parties of a single job. */
    public Parties(Address poster, Optional<Address> provider) {
      this(poster, provider, List.of());
    }

    /** The parties of a job record. */
    public static Parties of(JobRecord j) {
      return new Parties(j.terms().poster(), j.provider());
    }

    /** The parties of a replicated job. */
    public static Parties of(QuorumJob q) {
      List<Address> rs = new java.util.ArrayList<>();
      for (QuorumJob.Member m : q.members()) {
        rs.add(m.provider());
      }
      return new Parties(q.terms().poster(), Optional.empty(), rs);
    }
  }

  /**
   * The keys {@code c} reads and writes, given the parties of the job it is about ({@code jobs}
   * answers from a job a client read over RPC; not asked for {@code postJob} or {@code
   * registerProvider}).
   */
  public static Access access(
      Call c, Address payer, long nonce, Function<H256, Optional<Parties>> jobs) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    reads.add(JobsKeys.params());
    writes.add(StateKeys.account(payer));
    switch (c.method()) {
      case REGISTER_PROVIDER -> {
        writes.add(JobsKeys.provider(payer));
        writes.add(JobsKeys.providers());
      }
      case POST_JOB -> {
        writes.add(JobsKeys.job(JobsKeys.jobId(payer, nonce)));
        writes.add(JobsKeys.supply());
      }
      case OBSERVE_PRICE -> {
        reads.add(dev.aether.programs.amm.AmmKeys.pool(AssetId.AIC, AssetId.USDT));
        writes.add(JobsKeys.oracle());
      }
      case POST_JOB_SPEC -> {
        H256 id = JobsKeys.jobId(payer, nonce);
        writes.add(JobsKeys.job(id));
        writes.add(JobsKeys.quorum(id));
        writes.add(JobsKeys.supply());
      }
      default -> {
        H256 id;
        try {
          id = jobOf(c, payer, nonce);
        } catch (CodecException | IllegalArgumentException e) {
          return new Access(List.copyOf(reads), List.copyOf(writes));
        }
        // A call on an existing job names a single job or a replicated one; both keys are
        // declared so a client need not know which (the program reads the one that exists).
        writes.add(JobsKeys.job(id));
        if (!c.method().equals(SUBMIT_VCR) && !c.method().equals(CHALLENGE_VCR)) {
          writes.add(JobsKeys.quorum(id));
        }
        Optional<Parties> job = jobs.apply(id);
        switch (c.method()) {
          case ACCEPT_JOB -> {
            writes.add(JobsKeys.supply());
            reads.add(JobsKeys.provider(payer));
            writes.add(ReputationKeys.of(payer));
          }
          case SUBMIT_VCR, REVEAL_VCR -> reads.add(JobsKeys.provider(payer));
          case COMMIT_OUTPUT -> {}
          case CHALLENGE_REPLICA -> {
            writes.add(JobsKeys.supply());
            try {
              Address p = ChallengeReplica.CODEC.decode(c.args().toArray()).provider();
              writes.add(ReputationKeys.of(p));
            } catch (CodecException | IllegalArgumentException e) {
              // undecodable: the program refuses it before touching anything
            }
          }
          case CANCEL_JOB -> {
            writes.add(JobsKeys.supply());
            job.ifPresent(j -> writes.add(StateKeys.account(j.poster())));
          }
          case SETTLE_STABLE -> {
            // Like settle, plus the price readings and the pool the payout is bought from.
            writes.add(JobsKeys.supply());
            reads.add(JobsKeys.oracle());
            writes.add(dev.aether.programs.amm.AmmKeys.pool(AssetId.AIC, AssetId.USDT));
            job.ifPresent(
                j -> {
                  writes.add(StateKeys.account(j.poster()));
                  j.provider()
                      .ifPresent(
                          p -> {
                            writes.add(ReputationKeys.of(p));
                            writes.add(StateKeys.account(p));
                          });
                });
          }
          case CHALLENGE_VCR, SETTLE, EXPIRE -> {
            writes.add(JobsKeys.supply());
            job.ifPresent(
                j -> {
                  writes.add(StateKeys.account(j.poster()));
                  j.provider()
                      .ifPresent(
                          p -> {
                            writes.add(ReputationKeys.of(p));
                            if (c.method().equals(SETTLE)) {
                              writes.add(StateKeys.account(p));
                            }
                          });
                  if (!c.method().equals(CHALLENGE_VCR)) {
                    for (Address r : j.replicas()) {
                      writes.add(StateKeys.account(r));
                      writes.add(ReputationKeys.of(r));
                    }
                  }
                });
          }
          default -> {}
        }
      }
    }
    reads.removeAll(writes);
    return new Access(List.copyOf(reads), List.copyOf(writes));
  }

  /** Declared reads and writes. */
  public record Access(List<H256> reads, List<H256> writes) {}

  /**
   * A transaction body of job-escrow calls, declaring what each touches.
   *
   * @param jobs the job records the calls are about, as read over RPC
   */
  public static TxBody body(
      String chainId,
      Address payer,
      long nonce,
      List<Call> calls,
      Function<H256, Optional<Parties>> jobs,
      long feeCap,
      long validUntil) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    for (Call c : calls) {
      Access a = access(c, payer, nonce, jobs);
      reads.addAll(a.reads());
      writes.addAll(a.writes());
    }
    reads.removeAll(writes);
    return new TxBody(
        chainId,
        payer,
        nonce,
        List.of(),
        List.copyOf(reads),
        List.copyOf(writes),
        List.of(),
        calls,
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(feeCap),
        0,
        validUntil);
  }
}
