package dev.aether.programs.jobs;

import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.Judgement;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.ReceiptVerifier;
import dev.aether.programs.reputation.ReputationKeys;
import dev.aether.programs.reputation.ReputationOracle;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Vcr;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.verifiers.tee.Evidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job-escrow state machine (docs/programs/jobs.md): every transition checks who may make it, in
 * which status and at which slot, moves AIC in and out of custody, keeps the supply accounting and
 * reports outcomes to the reputation oracle. No wall clock: deadlines and windows are slots.
 */
final class Escrow {
  private final JobsState state;
  private final JobsParams params;
  private final ReceiptVerifier receipts;
  private final FraudJudge judge;
  private final ReputationOracle reputation;

  Escrow(JobsState state, ReceiptVerifier receipts, FraudJudge judge) {
    this.state = state;
    this.params =
        read(JobsParams.CODEC, JobsKeys.params())
            .orElseThrow(
                () ->
                    new dev.aether.ledger.LedgerException(
                        new dev.aether.ledger.LedgerError.MalformedState(
                            JobsKeys.params(), "job-escrow parameters missing")));
    this.receipts = receipts;
    this.judge = judge;
    this.reputation =
        new ReputationOracle(
            a -> state.get(ReputationKeys.of(a)), (a, b) -> state.put(ReputationKeys.of(a), b));
  }

  // ------------------------------------------------------------------------------ providers

  void register(Address caller, JobsCalls.Register r, long slot) {
    if (r.kind() == Evidence.Kind.DEV && !params.allowDevTee()) {
      throw JobsError.DEV_TEE_DISALLOWED.refuse("[devnet].allow_dev_attestations is off");
    }
    if (!Address.ofPublicKey(r.key().toArray()).equals(caller)) {
      throw JobsError.NOT_KEY_OWNER.refuse("key's account is not the signer " + caller);
    }
    ProviderRecord rec;
    try {
      rec =
          new ProviderRecord(
              caller,
              r.key(),
              r.kind(),
              r.measurements(),
              r.minTcb(),
              r.devKey(),
              r.codeHashes(),
              slot);
    } catch (IllegalArgumentException e) {
      throw JobsError.BAD_REGISTRATION.refuse(e.getMessage());
    }
    List<Address> index = new ArrayList<>(providers());
    if (!index.contains(caller)) {
      if (index.size() >= params.maxProviders()) {
        throw JobsError.TOO_MANY_PROVIDERS.refuse(index.size() + " registered");
      }
      index.add(caller);
      index.sort(null);
      write(PROVIDERS, JobsKeys.providers(), index);
    }
    write(ProviderRecord.CODEC, JobsKeys.provider(caller), rec);
  }

  private List<Address> providers() {
    return read(PROVIDERS, JobsKeys.providers()).orElse(List.of());
  }

  // ------------------------------------------------------------------------------- posting

  H256 post(Address caller, long nonce, JobsCalls.PostJob p, long slot) {
    if (p.jUnits() < 1 || p.maxPrice().signum() <= 0) {
      throw JobsError.ZERO_AMOUNT.refuse("j_units " + p.jUnits() + ", max_price " + p.maxPrice());
    }
    if (Long.compareUnsigned(p.deadlineSlot(), slot) <= 0) {
      throw JobsError.DEADLINE_IN_PAST.refuse("deadline " + p.deadlineSlot() + ", now " + slot);
    }
    BigInteger burn = params.burnPerJUnit().value().multiply(BigInteger.valueOf(p.jUnits()));
    if (p.maxPrice().compareTo(burn) < 0) {
      throw JobsError.PRICE_BELOW_BURN.refuse(p.maxPrice() + " < " + burn);
    }
    H256 id = JobsKeys.jobId(caller, nonce);
    if (state.get(JobsKeys.job(id)).isPresent()) {
      throw JobsError.JOB_EXISTS.refuse(id.toString());
    }
    state.debit(caller, p.maxPrice());
    supply(supply().deposit(p.maxPrice()));
    JobRecord.Terms terms =
        new JobRecord.Terms(
            caller,
            p.modelHash(),
            p.codeHash(),
            p.jUnits(),
            p.maxPrice(),
            p.slaMs(),
            p.deadlineSlot(),
            p.inputHash(),
            p.seed());
    save(
        new JobRecord(
            id,
            terms,
            slot,
            JobStatus.POSTED,
            Optional.empty(),
            BigInteger.ZERO,
            0,
            Optional.empty(),
            0,
            JobRecord.Outcome.NONE));
    state.emit("posted", id);
    return id;
  }

  void accept(Address caller, JobsCalls.AcceptJob a, long slot) {
    JobRecord job = job(a.jobId());
    status(job, JobStatus.POSTED);
    if (!a.provider().equals(caller)) {
      throw JobsError.NOT_PROVIDER.refuse("a provider accepts (and bonds) for itself");
    }
    if (Long.compareUnsigned(slot, job.terms().deadlineSlot()) > 0) {
      throw JobsError.DEADLINE_PASSED.refuse("deadline " + job.terms().deadlineSlot());
    }
    ProviderRecord reg = registration(caller);
    if (!reg.codeHashes().contains(job.terms().codeHash())) {
      throw JobsError.CODE_NOT_REGISTERED.refuse(job.terms().codeHash().toString());
    }
    BigInteger min = params.minBond(job.terms().maxPrice());
    if (a.bond().compareTo(min) < 0) {
      throw JobsError.BOND_TOO_LOW.refuse(a.bond() + " < " + min);
    }
    state.debit(caller, a.bond());
    supply(supply().lock(a.bond()));
    save(job.accepted(caller, a.bond(), slot));
    reputation.record(caller, ReputationOracle.Outcome.ACCEPTED, slot);
    state.emit("accepted", job.id());
  }

  void cancel(Address caller, H256 id, long slot) {
    JobRecord job = job(id);
    status(job, JobStatus.POSTED);
    if (!job.terms().poster().equals(caller)) {
      throw JobsError.NOT_POSTER.refuse("only the poster cancels");
    }
    refundUnaccepted(job);
    state.emit("cancelled", id);
  }

  // ------------------------------------------------------------------------------ receipts

  void submit(Address caller, JobsCalls.SubmitVcr s, long slot) {
    JobRecord job = job(s.jobId());
    status(job, JobStatus.ACCEPTED);
    Address provider = job.provider().orElseThrow();
    if (!provider.equals(caller)) {
      throw JobsError.NOT_PROVIDER.refuse("only the accepting provider submits");
    }
    if (Long.compareUnsigned(slot, job.terms().deadlineSlot()) > 0) {
      throw JobsError.DEADLINE_PASSED.refuse("deadline " + job.terms().deadlineSlot());
    }
    ProviderRecord reg = registration(provider);
    JobRecord.Terms t = job.terms();
    JobTerms terms =
        new JobTerms(
            job.id(), provider, t.modelHash(), t.codeHash(), t.inputHash(), t.seed(), t.jUnits());
    ReceiptVerdict verdict =
        receipts.verify(
            s.submission(),
            terms,
            reg.terms(params.allowDevTee()),
            params.chainTime(slot),
            state::charge);
    switch (verdict) {
      case ReceiptVerdict.Rejected r -> throw JobsError.refuse(r.reason(), r.detail());
      case ReceiptVerdict.Accepted ok -> {
        Vcr vcr = s.submission().vcr();
        JobRecord.Receipt receipt =
            new JobRecord.Receipt(
                Hashing.sha256(Vcr.CODEC.encode(vcr)),
                vcr.outputHash(),
                vcr.kzgCommit().orElseThrow(),
                ok.traceLength(),
                vcr.seed(),
                ok.jUnits(),
                slot,
                slot + params.challengeWindowSlots());
        save(job.submitted(receipt));
        state.emit("submitted", job.id());
      }
    }
  }

  /** Decides a dispute in this one transaction; refuses a proof that shows nothing. */
  Judgement challenge(Address caller, FraudProof proof, long slot) {
    JobRecord job = job(proof.jobId());
    status(job, JobStatus.SUBMITTED);
    JobRecord.Receipt r = job.receipt().orElseThrow();
    if (Long.compareUnsigned(slot, r.windowEndSlot()) >= 0) {
      throw JobsError.WINDOW_CLOSED.refuse("window ended at slot " + r.windowEndSlot());
    }
    Address provider = job.provider().orElseThrow();
    if (provider.equals(caller)) {
      throw JobsError.SELF_CHALLENGE.refuse(caller.toString());
    }
    BigInteger challengeBond = params.challengeBond().value();
    state.debit(caller, challengeBond);
    Judgement j =
        judge.judge(
            proof,
            new FraudJudge.Accepted(
                job.id(),
                job.terms().modelHash(),
                r.commitment().toArray(),
                r.traceLength(),
                r.seed()),
            state::charge);
    switch (j) {
      case Judgement.Invalid bad -> throw JobsError.refuse(bad.reason(), bad.detail());
      case Judgement.StepHonest honest -> {
        supply(supply().forfeit(challengeBond));
        save(job.challengeLost());
        reputation.record(provider, ReputationOracle.Outcome.CHALLENGE_SURVIVED, slot);
        state.emit("challenge_lost", job.id());
      }
      case Judgement.FraudProven fraud -> {
        state.credit(caller, challengeBond);
        BigInteger reward = params.challengerPart(job.bond());
        BigInteger price = job.terms().maxPrice();
        JobRecord.Outcome o =
            new JobRecord.Outcome(
                BigInteger.ZERO, price, job.bond().subtract(reward), reward, BigInteger.ZERO);
        state.credit(job.terms().poster(), price);
        state.credit(caller, reward);
        finish(job, JobStatus.CHALLENGED, o);
        reputation.record(provider, ReputationOracle.Outcome.DISPUTE_LOST, slot);
        state.emit("challenged", job.id());
      }
    }
    return j;
  }

  void settle(Address caller, H256 id, long slot) {
    JobRecord job = job(id);
    status(job, JobStatus.SUBMITTED);
    JobRecord.Receipt r = job.receipt().orElseThrow();
    if (Long.compareUnsigned(slot, r.windowEndSlot()) < 0) {
      throw JobsError.WINDOW_OPEN.refuse("window ends at slot " + r.windowEndSlot());
    }
    JobRecord.Terms t = job.terms();
    Address provider = job.provider().orElseThrow();
    // The poster pays pro rata for the metered J-units (≤ j_units, the verifier checked); of
    // that, metered × burn rate is burned and the rest paid to the provider.
    BigInteger cost =
        t.maxPrice()
            .multiply(BigInteger.valueOf(r.jUnits()))
            .divide(BigInteger.valueOf(t.jUnits()));
    BigInteger burn =
        params.burnPerJUnit().value().multiply(BigInteger.valueOf(r.jUnits())).min(cost);
    BigInteger pay = cost.subtract(burn);
    BigInteger refund = t.maxPrice().subtract(cost);
    JobRecord.Outcome o = new JobRecord.Outcome(pay, refund, burn, BigInteger.ZERO, job.bond());
    state.credit(provider, pay.add(job.bond()));
    state.credit(t.poster(), refund);
    finish(job, JobStatus.SETTLED, o);
    BigInteger latencyMs =
        BigInteger.valueOf(r.submittedSlot() - job.acceptedSlot())
            .multiply(BigInteger.valueOf(params.slotMs()));
    boolean withinSla = latencyMs.compareTo(new BigInteger(Long.toUnsignedString(t.slaMs()))) <= 0;
    reputation.settled(provider, withinSla, pay, slot);
    state.emit("settled", id);
  }

  void expire(Address caller, H256 id, long slot) {
    JobRecord job = job(id);
    if (Long.compareUnsigned(slot, job.terms().deadlineSlot()) <= 0) {
      throw JobsError.DEADLINE_NOT_PASSED.refuse("deadline " + job.terms().deadlineSlot());
    }
    switch (job.status()) {
      case POSTED -> refundUnaccepted(job);
      case ACCEPTED -> {
        // The provider missed the deadline: the poster gets its escrow back and, as
        // compensation, the challenger share of the bond; the rest of the bond is burned.
        BigInteger price = job.terms().maxPrice();
        BigInteger comp = params.challengerPart(job.bond());
        JobRecord.Outcome o =
            new JobRecord.Outcome(
                BigInteger.ZERO, price, job.bond().subtract(comp), comp, BigInteger.ZERO);
        state.credit(job.terms().poster(), price.add(comp));
        finish(job, JobStatus.SLASHED, o);
        reputation.record(
            job.provider().orElseThrow(), ReputationOracle.Outcome.DEADLINE_MISSED, slot);
      }
      default -> throw JobsError.WRONG_STATUS.refuse(job.status().display());
    }
    state.emit("expired", id);
  }

  private void refundUnaccepted(JobRecord job) {
    BigInteger price = job.terms().maxPrice();
    JobRecord.Outcome o =
        new JobRecord.Outcome(
            BigInteger.ZERO, price, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    state.credit(job.terms().poster(), price);
    finish(job, JobStatus.REFUNDED, o);
  }

  private void finish(JobRecord job, JobStatus status, JobRecord.Outcome o) {
    supply(supply().release(job.terms().maxPrice(), job.bond(), o));
    save(job.finished(status, o));
  }

  // ------------------------------------------------------------------------------- objects

  private JobRecord job(H256 id) {
    return read(JobRecord.CODEC, JobsKeys.job(id))
        .orElseThrow(() -> JobsError.UNKNOWN_JOB.refuse(id.toString()));
  }

  private static void status(JobRecord job, JobStatus want) {
    if (job.status() != want) {
      throw JobsError.WRONG_STATUS.refuse(
          "job is " + job.status().display() + ", needs " + want.display());
    }
  }

  private ProviderRecord registration(Address provider) {
    return read(ProviderRecord.CODEC, JobsKeys.provider(provider))
        .orElseThrow(() -> JobsError.PROVIDER_NOT_REGISTERED.refuse(provider.toString()));
  }

  private void save(JobRecord job) {
    write(JobRecord.CODEC, JobsKeys.job(job.id()), job);
  }

  private Supply supply() {
    return read(Supply.CODEC, JobsKeys.supply())
        .orElseThrow(
            () ->
                new dev.aether.ledger.LedgerException(
                    new dev.aether.ledger.LedgerError.MalformedState(
                        JobsKeys.supply(), "supply accounting missing")));
  }

  private void supply(Supply s) {
    write(Supply.CODEC, JobsKeys.supply(), s);
  }

  private <T> Optional<T> read(Codec<T> codec, H256 key) {
    return state.get(key).map(b -> decode(codec, b, key));
  }

  private <T> void write(Codec<T> codec, H256 key, T value) {
    state.put(key, Bytes.of(codec.encode(value)));
  }

  static <T> T decode(Codec<T> codec, Bytes b, H256 key) {
    try {
      return codec.decode(b.toArray());
    } catch (CodecException e) {
      throw new dev.aether.ledger.LedgerException(
          new dev.aether.ledger.LedgerError.MalformedState(
              key, "job-escrow object: " + e.getMessage()));
    }
  }

  /** The provider index: addresses in ascending order. */
  static final Codec<List<Address>> PROVIDERS =
      new Codec<>() {
        @Override
        public void write(List<Address> v, dev.aether.types.codec.Writer out) {
          out.list(v, Address.CODEC);
        }

        @Override
        public List<Address> read(dev.aether.types.codec.Reader in) {
          return in.list(
              "providers", dev.aether.genesis.GenesisConfig.Jobs.MAX_PROVIDERS, Address.CODEC);
        }
      };
}
