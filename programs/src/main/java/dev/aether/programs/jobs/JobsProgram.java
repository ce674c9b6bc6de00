package dev.aether.programs.jobs;

import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.ReceiptVerifier;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.genesis.GenesisConfig;
import dev.aether.programs.NativeProgram;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.verifiers.tee.TeeVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The AIC job escrow (the brief's D4): posters escrow AIC for a model run; registered providers
 * accept with a bond, submit a Verifiable Compute Receipt that the chain checks ({@link
 * ReceiptVerifier}: terms, signature, published trace, TEE quote under the provider's registered
 * policy, the last step re-executed); anyone who re-ran the job may prove a false step within the
 * challenge window in one transaction ({@link FraudJudge}); after the window the job settles — the
 * provider is paid, the metered J-units' burn is destroyed and the rest refunded. Missed deadlines
 * refund the poster and slash the bond. See docs/programs/jobs.md.
 */
public final class JobsProgram implements NativeProgram, Program {
  /** The program id transactions call. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "jobs".getBytes(StandardCharsets.US_ASCII));

  // Immutable, thread-safe and costly to build (pinned roots, the KZG setup): one per process.
  private static final class Verifiers {
    static final KzgVectorCommitment KZG = new KzgVectorCommitment();
    static final ReceiptVerifier RECEIPTS =
        new ReceiptVerifier(KZG, new TeeVerifier(), VerifyCosts.V1);
    static final FraudJudge JUDGE = new FraudJudge(KZG, VerifyCosts.V1);
  }

  @Override
  public H256 id() {
    return ID;
  }

  @Override
  public Program program() {
    return this;
  }

  /** The parameters and the supply accounting (minted = the genesis AIC allocation). */
  @Override
  public SortedMap<H256, Bytes> genesis(GenesisConfig config) {
    BigInteger minted = BigInteger.ZERO;
    for (GenesisConfig.Balance b : config.balances()) {
      if (b.asset().equals(AssetId.AIC)) {
        minted = minted.add(b.amount().value());
      }
    }
    SortedMap<H256, Bytes> out = new TreeMap<>();
    out.put(JobsKeys.params(), Bytes.of(JobsParams.CODEC.encode(JobsParams.of(config))));
    out.put(JobsKeys.supply(), Bytes.of(Supply.CODEC.encode(Supply.genesis(minted))));
    return out;
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    Address caller = ctx.caller();
    long slot = ctx.tx().block().slot();
    Reader in = new Reader(args.toArray());
    Escrow escrow;
    try {
      escrow = new Escrow(JobsState.of(ctx), Verifiers.RECEIPTS, Verifiers.JUDGE);
      switch (method) {
        case JobsCalls.REGISTER_PROVIDER -> {
          JobsCalls.Register r = JobsCalls.Register.CODEC.read(in);
          in.expectEnd("registerProvider args");
          escrow.register(caller, r, slot);
        }
        case JobsCalls.POST_JOB -> {
          JobsCalls.PostJob p = JobsCalls.PostJob.CODEC.read(in);
          in.expectEnd("postJob args");
          escrow.post(caller, ctx.tx().tx().body().nonce(), p, posts(ctx), slot);
        }
        case JobsCalls.POST_JOB_SPEC -> {
          JobsCalls.PostJobSpec p = JobsCalls.PostJobSpec.CODEC.read(in);
          in.expectEnd("postJobSpec args");
          escrow.postSpec(caller, ctx.tx().tx().body().nonce(), p, posts(ctx), slot);
        }
        case JobsCalls.COMMIT_OUTPUT -> {
          JobsCalls.CommitOutput c = JobsCalls.CommitOutput.CODEC.read(in);
          in.expectEnd("commitOutput args");
          new QuorumEscrow(escrow).commit(caller, c, slot);
        }
        case JobsCalls.REVEAL_VCR -> {
          JobsCalls.RevealVcr r = JobsCalls.RevealVcr.CODEC.read(in);
          in.expectEnd("revealVCR args");
          new QuorumEscrow(escrow).reveal(caller, r, slot);
        }
        case JobsCalls.CHALLENGE_REPLICA -> {
          JobsCalls.ChallengeReplica c = JobsCalls.ChallengeReplica.CODEC.read(in);
          in.expectEnd("challengeReplica args");
          new QuorumEscrow(escrow).challenge(caller, c, slot);
        }
        case JobsCalls.ACCEPT_JOB -> {
          JobsCalls.AcceptJob a = JobsCalls.AcceptJob.CODEC.read(in);
          in.expectEnd("acceptJob args");
          escrow.accept(caller, a, slot);
        }
        case JobsCalls.CANCEL_JOB -> escrow.cancel(caller, jobId(in), slot);
        case JobsCalls.SUBMIT_VCR -> {
          JobsCalls.SubmitVcr s = JobsCalls.SubmitVcr.CODEC.read(in);
          in.expectEnd("submitVCR args");
          escrow.submit(caller, s, slot);
        }
        case JobsCalls.CHALLENGE_VCR -> {
          FraudProof proof = FraudProof.CODEC.read(in);
          in.expectEnd("challengeVCR args");
          escrow.challenge(caller, proof, slot);
        }
        case JobsCalls.SETTLE -> escrow.settle(caller, jobId(in), slot);
        case JobsCalls.SETTLE_STABLE -> escrow.settleStable(caller, jobId(in), slot);
        case JobsCalls.OBSERVE_PRICE -> {
          in.expectEnd("observePrice args");
          escrow.observePrice();
        }
        case JobsCalls.EXPIRE -> escrow.expire(caller, jobId(in), slot);
        default -> throw new RuntimeError.UnknownMethod(method);
      }
    } catch (CodecException | IllegalArgumentException e) {
      throw JobsError.MALFORMED_ARGS.refuse(method + ": " + e.getMessage());
    } catch (dev.aether.compute.ComputeException e) {
      throw JobsError.MALFORMED_ARGS.refuse(method + ": " + e.code() + ": " + e.getMessage());
    } catch (ArithmeticException e) {
      throw JobsError.OVERFLOW.refuse(method + ": " + e.getMessage());
    }
  }

  /** How many job posts the transaction holds (its nonce names exactly one job). */
  private static int posts(CallContext ctx) {
    int n = 0;
    for (dev.aether.types.Call c : ctx.tx().tx().body().calls()) {
      if (c.program().equals(ID)
          && (c.method().equals(JobsCalls.POST_JOB)
              || c.method().equals(JobsCalls.POST_JOB_SPEC))) {
        n++;
      }
    }
    return n;
  }

  private static H256 jobId(Reader in) {
    H256 id = H256.CODEC.read(in);
    in.expectEnd("job id");
    return id;
  }
}
