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
import dev.aether.types.AssetId;
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
import java.util.function.UnaryOperator;

/**
 * The job-escrow state machine (docs/programs/jobs.md): every transition checks who may make it, in
 * which status and at which slot, moves AIC in and out of custody, keeps the supply accounting and
 * reports outcomes to the reputation oracle. No wall clock: deadlines and windows are slots.
 */
final class Escrow {
  final JobsState state;
  final JobsParams params;
  final ReceiptVerifier receipts;
  final FraudJudge judge;
  final ReputationOracle reputation;

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

  /**
   * {@code postJob}: a single-provider job without its input on chain.
   *
   * @param postsInTx how many job posts the transaction holds (its nonce names one job)
   */
  H256 post(Address caller, long nonce, JobsCalls.PostJob p, int postsInTx, long slot) {
    if (postsInTx > 1) {
      throw JobsError.ONE_POST_PER_TX.refuse(postsInTx + " posts");
    }
    return postSingle(caller, nonce, p, slot);
  }

  /**
   * {@code postJobSpec}: a single-provider job or a replica quorum, with its input on chain when
   * given (providers and watchers read it from the transaction; the chain keeps only its hash).
   */
  H256 postSpec(Address caller, long nonce, JobsCalls.PostJobSpec s, int postsInTx, long slot) {
    if (postsInTx > 1) {
      throw JobsError.ONE_POST_PER_TX.refuse(postsInTx + " posts");
    }
    JobsCalls.PostJob p = s.terms();
    if (s.input().isPresent() && p.inputHash().isEmpty()) {
      throw JobsError.INPUT_NOT_BOUND.refuse("the terms fix no input_hash");
    }
    H256 id = JobsKeys.jobId(caller, nonce);
    if (state.get(JobsKeys.quorum(id)).isPresent()) {
      throw JobsError.JOB_EXISTS.refuse(id.toString());
    }
    if (s.replicas() == 1) {
      return postSingle(caller, nonce, p, slot);
    }
    return new QuorumEscrow(this).post(caller, id, s, slot);
  }

  /** The checks every post makes on its terms (amounts, deadline, burn floor). */
  void checkTerms(JobsCalls.PostJob p, long slot) {
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
  }

  private H256 postSingle(Address caller, long nonce, JobsCalls.PostJob p, long slot) {
    checkTerms(p, slot);
    H256 id = JobsKeys.jobId(caller, nonce);
    if (state.get(JobsKeys.job(id)).isPresent()) {
      throw JobsError.JOB_EXISTS.refuse(id.toString());
    }
    state.debit(caller, p.maxPrice(), "escrow", id);
    account(id, sp -> sp.deposit(p.maxPrice()));
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
    Optional<JobRecord> single = find(a.jobId());
    if (single.isEmpty()) {
      new QuorumEscrow(this).accept(caller, a, slot);
      return;
    }
    JobRecord job = single.get();
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
    state.debit(caller, a.bond(), "bond", job.id());
    account(job.id(), sp -> sp.lock(a.bond()));
    save(job.accepted(caller, a.bond(), slot));
    reputation.record(caller, ReputationOracle.Outcome.ACCEPTED, slot);
    state.emit("accepted", job.id());
  }

  void cancel(Address caller, H256 id, long slot) {
    Optional<JobRecord> single = find(id);
    if (single.isEmpty()) {
      new QuorumEscrow(this).cancel(caller, id, slot);
      return;
    }
    JobRecord job = single.get();
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
    JobRecord.Receipt receipt =
        verified(
            job.id(),
            job.terms(),
            provider,
            s.submission(),
            slot,
            slot + params.challengeWindowSlots());
    save(job.submitted(receipt));
    state.emit("submitted", job.id());
  }

  /**
   * Checks a published receipt of {@code provider} for job {@code id} with the compute module's
   * {@link ReceiptVerifier} (terms, signature, trace, TEE quote under the provider's registered
   * policy at chain time, the last step re-executed); refuses the transaction with the verifier's
   * code when it fails.
   */
  JobRecord.Receipt verified(
      H256 id,
      JobRecord.Terms t,
      Address provider,
      dev.aether.compute.proof.VcrSubmission sub,
      long slot,
      long windowEnd) {
    ProviderRecord reg = registration(provider);
    JobTerms terms =
        new JobTerms(
            id, provider, t.modelHash(), t.codeHash(), t.inputHash(), t.seed(), t.jUnits());
    ReceiptVerdict verdict =
        receipts.verify(
            sub, terms, reg.terms(params.allowDevTee()), params.chainTime(slot), state::charge);
    return switch (verdict) {
      case ReceiptVerdict.Rejected r -> throw JobsError.refuse(r.reason(), r.detail());
      case ReceiptVerdict.Accepted ok -> {
        Vcr vcr = sub.vcr();
        yield new JobRecord.Receipt(
            Hashing.sha256(Vcr.CODEC.encode(vcr)),
            vcr.outputHash(),
            vcr.kzgCommit().orElseThrow(),
            ok.traceLength(),
            vcr.seed(),
            ok.jUnits(),
            slot,
            windowEnd);
      }
    };
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
    state.debit(caller, challengeBond, "challenge_bond", job.id());
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
        account(job.id(), sp -> sp.forfeit(challengeBond));
        save(job.challengeLost());
        reputation.record(provider, ReputationOracle.Outcome.CHALLENGE_SURVIVED, slot);
        state.emit("challenge_lost", job.id());
      }
      case Judgement.FraudProven fraud -> {
        state.credit(caller, challengeBond, "challenge_bond", job.id());
        BigInteger reward = params.challengerPart(job.bond());
        BigInteger price = job.terms().maxPrice();
        JobRecord.Outcome o =
            new JobRecord.Outcome(
                BigInteger.ZERO, price, job.bond().subtract(reward), reward, BigInteger.ZERO);
        state.credit(job.terms().poster(), price, "refund", job.id());
        state.credit(caller, reward, "challenger_reward", job.id());
        finish(job, JobStatus.CHALLENGED, o);
        reputation.record(provider, ReputationOracle.Outcome.DISPUTE_LOST, slot);
        state.emit("challenged", job.id());
      }
    }
    return j;
  }

  void settle(Address caller, H256 id, long slot) {
    Optional<JobRecord> single = find(id);
    if (single.isEmpty()) {
      new QuorumEscrow(this).settle(caller, id, slot);
      return;
    }
    JobRecord job = settleable(single.get(), slot);
    Address provider = job.provider().orElseThrow();
    JobRecord.Outcome o = settlement(job);
    state.credit(provider, o.paid().add(job.bond()), "payout", id);
    state.credit(job.terms().poster(), o.refunded(), "refund", id);
    settled(job, o, slot);
    state.emit("settled", id);
  }

  /**
   * Settles like {@link #settle}, but the provider — only it may call this — takes its pay in USDT:
   * worth {@code pay} AIC at the AIC/USDT time-weighted average price from the newest {@link
   * PriceOracle} reading at least {@code twap_window_slots} old to this slot, less {@code
   * stable_haircut_bps}. The escrow buys exactly that USDT from the pool with the pay's AIC; AIC
   * left over goes to the provider with its bond. Refused, changing nothing, if no reading is old
   * enough, or if the spot price sits so far below the average that the pay does not buy the USDT
   * ({@code jobs.price_deviation}: a manipulated pool cannot cut the payout, only delay it; the AIC
   * {@code settle} stays open to anyone).
   */
  void settleStable(Address caller, H256 id, long slot) {
    JobRecord job =
        settleable(
            find(id)
                .orElseThrow(
                    () ->
                        read(QuorumJob.CODEC, JobsKeys.quorum(id)).isPresent()
                            ? JobsError.STABLE_SINGLE_ONLY.refuse(id.toString())
                            : JobsError.UNKNOWN_JOB.refuse(id.toString())),
            slot);
    Address provider = job.provider().orElseThrow();
    if (!provider.equals(caller)) {
      throw JobsError.NOT_PROVIDER.refuse("only the provider chooses a stablecoin payout");
    }
    JobRecord.Outcome o = settlement(job);
    dev.aether.programs.amm.Amm.Observation now = state.observeAicInUsdt();
    PriceOracle.Reading base =
        oracle()
            .baseFor(now.slot(), params.twapWindowSlots())
            .orElseThrow(
                () ->
                    JobsError.NO_TWAP.refuse(
                        "window " + params.twapWindowSlots() + " slots before slot " + now.slot()));
    BigInteger twap =
        dev.aether.programs.amm.Amm.twap(
            new dev.aether.programs.amm.Amm.Observation(
                AssetId.AIC, AssetId.USDT, base.cumulative(), base.slot()),
            now);
    BigInteger usdt = stableValue(o.paid(), twap, params.stableHaircutBps());
    if (usdt.signum() == 0) {
      throw JobsError.PAYOUT_TOO_SMALL.refuse(o.paid() + " AIC at the average price");
    }
    BigInteger need = state.quoteAicForUsdt(usdt);
    if (need.compareTo(o.paid()) > 0) {
      throw JobsError.PRICE_DEVIATION.refuse(
          usdt + " USDT costs " + need + " AIC now; the pay is " + o.paid() + " AIC");
    }
    BigInteger spent = state.buyUsdt(usdt, o.paid(), provider, id);
    state.credit(provider, o.paid().subtract(spent).add(job.bond()), "payout", id);
    state.credit(job.terms().poster(), o.refunded(), "refund", id);
    settled(job, o, slot);
    state.emit("settledStable", id);
  }

  /**
   * The USDT worth {@code aic} at a UQ112 price of AIC in USDT, less {@code haircutBps}: {@code
   * floor(aic · twap · (10000 − haircut) / (2^112 · 10000))}, one floor division.
   */
  static BigInteger stableValue(BigInteger aic, BigInteger twap, int haircutBps) {
    return aic.multiply(twap)
        .multiply(BigInteger.valueOf(10_000L - haircutBps))
        .divide(BigInteger.ONE.shiftLeft(112).multiply(BigInteger.valueOf(10_000)));
  }

  /** Records a reading of the AIC/USDT price accumulator, a quarter window after the last. */
  void observePrice() {
    dev.aether.programs.amm.Amm.Observation now = state.observeAicInUsdt();
    PriceOracle o = oracle();
    long spacing = PriceOracle.spacing(params.twapWindowSlots());
    if (o.newest().isPresent() && now.slot() - o.newest().get().slot() < spacing) {
      throw JobsError.ORACLE_TOO_SOON.refuse(
          "last reading at slot " + o.newest().get().slot() + ", spacing " + spacing + " slots");
    }
    write(
        PriceOracle.CODEC,
        JobsKeys.oracle(),
        o.with(new PriceOracle.Reading(now.slot(), now.cumulative())));
  }

  PriceOracle oracle() {
    return read(PriceOracle.CODEC, JobsKeys.oracle()).orElse(PriceOracle.EMPTY);
  }

  /** The job, checked SUBMITTED with its challenge window over at {@code slot}. */
  private static JobRecord settleable(JobRecord job, long slot) {
    status(job, JobStatus.SUBMITTED);
    JobRecord.Receipt r = job.receipt().orElseThrow();
    if (Long.compareUnsigned(slot, r.windowEndSlot()) < 0) {
      throw JobsError.WINDOW_OPEN.refuse("window ends at slot " + r.windowEndSlot());
    }
    return job;
  }

  /**
   * The poster pays pro rata for the metered J-units (≤ j_units, the verifier checked); of that,
   * metered × burn rate is burned and the rest paid to the provider.
   */
  private JobRecord.Outcome settlement(JobRecord job) {
    JobRecord.Terms t = job.terms();
    JobRecord.Receipt r = job.receipt().orElseThrow();
    BigInteger cost =
        t.maxPrice()
            .multiply(BigInteger.valueOf(r.jUnits()))
            .divide(BigInteger.valueOf(t.jUnits()));
    BigInteger burn =
        params.burnPerJUnit().value().multiply(BigInteger.valueOf(r.jUnits())).min(cost);
    BigInteger pay = cost.subtract(burn);
    BigInteger refund = t.maxPrice().subtract(cost);
    return new JobRecord.Outcome(pay, refund, burn, BigInteger.ZERO, job.bond());
  }

  private void settled(JobRecord job, JobRecord.Outcome o, long slot) {
    finish(job, JobStatus.SETTLED, o);
    JobRecord.Receipt r = job.receipt().orElseThrow();
    BigInteger latencyMs =
        BigInteger.valueOf(r.submittedSlot() - job.acceptedSlot())
            .multiply(BigInteger.valueOf(params.slotMs()));
    boolean withinSla =
        latencyMs.compareTo(new BigInteger(Long.toUnsignedString(job.terms().slaMs()))) <= 0;
    reputation.settled(job.provider().orElseThrow(), withinSla, o.paid(), slot);
  }

  void expire(Address caller, H256 id, long slot) {
    Optional<JobRecord> single = find(id);
    if (single.isEmpty()) {
      new QuorumEscrow(this).expire(caller, id, slot);
      return;
    }
    JobRecord job = single.get();
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
        state.credit(job.terms().poster(), price.add(comp), "refund", id);
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
    state.credit(job.terms().poster(), price, "refund", job.id());
    finish(job, JobStatus.REFUNDED, o);
  }

  private void finish(JobRecord job, JobStatus status, JobRecord.Outcome o) {
    account(job.id(), sp -> sp.release(job.terms().maxPrice(), job.bond(), o));
    save(job.finished(status, o));
  }

  // ------------------------------------------------------------------------------- objects

  /**
   * A single job, if one has this id (read first, so clients of single jobs declare nothing new).
   */
  Optional<JobRecord> find(H256 id) {
    return read(JobRecord.CODEC, JobsKeys.job(id));
  }

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

  ProviderRecord registration(Address provider) {
    return read(ProviderRecord.CODEC, JobsKeys.provider(provider))
        .orElseThrow(() -> JobsError.PROVIDER_NOT_REGISTERED.refuse(provider.toString()));
  }

  private void save(JobRecord job) {
    write(JobRecord.CODEC, JobsKeys.job(job.id()), job);
  }

  Supply supply() {
    return read(Supply.CODEC, JobsKeys.supply())
        .orElseThrow(
            () ->
                new dev.aether.ledger.LedgerException(
                    new dev.aether.ledger.LedgerError.MalformedState(
                        JobsKeys.supply(), "supply accounting missing")));
  }

  void supply(Supply s) {
    write(Supply.CODEC, JobsKeys.supply(), s);
  }

  /**
   * Applies {@code change} to the supply accounting for job {@code job}; what it adds to {@code
   * burned} (J-unit burns, slashed bonds, forfeited challenge bonds) is emitted as a {@code burn}
   * value event, so that burns are read from the same ledger that counts them.
   */
  void account(H256 job, UnaryOperator<Supply> change) {
    Supply before = supply();
    Supply after = change.apply(before);
    state.burned(after.burned().subtract(before.burned()), "burn", job);
    supply(after);
  }

  <T> Optional<T> read(Codec<T> codec, H256 key) {
    return state.get(key).map(b -> decode(codec, b, key));
  }

  <T> void write(Codec<T> codec, H256 key, T value) {
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
