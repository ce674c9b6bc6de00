package dev.aether.programs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.ProofRejection;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.programs.reputation.Reputation;
import dev.aether.programs.reputation.ReputationProgram;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job escrow through a real ledger: every transition, every refusal, the AIC it moves. */
class JobsProgramTest {
  private static final Ed25519KeyPair POSTER = key("poster");
  private static final Ed25519KeyPair CHALLENGER = key("challenger");
  private static final TestProvider PROVIDER = new TestProvider("p1");
  private static final TestProvider OTHER = new TestProvider("p2");
  private static final BigInteger PRICE = BigInteger.valueOf(1_000);
  private static final BigInteger BOND = BigInteger.valueOf(2_000);

  private JobsChain chain;

  static Ed25519KeyPair key(String name) {
    return Ed25519KeyPair.fromSeed(
        Hashing.tagged("test/user", name.getBytes(StandardCharsets.US_ASCII)).toArray());
  }

  static Address addr(Ed25519KeyPair k) {
    return Address.ofPublicKey(k.publicKey().bytes());
  }

  @BeforeEach
  void chain() {
    chain =
        new JobsChain(
            List.of(addr(POSTER), addr(CHALLENGER), PROVIDER.address(), OTHER.address()), true);
    ok(chain.one(chain.tx(PROVIDER.key, JobsCalls.register(PROVIDER.registration()))));
    ok(chain.one(chain.tx(OTHER.key, JobsCalls.register(OTHER.registration()))));
  }

  private static void ok(Receipt r) {
    assertThat(r.errorCode()).as("receipt error %d", r.errorCode()).isZero();
  }

  private static void refused(Receipt r, int code) {
    assertThat(r.errorCode()).isEqualTo(code);
  }

  private static void refused(Receipt r, JobsError e) {
    refused(r, e.number());
  }

  private H256 post(long jUnits, BigInteger price, long deadlineIn) {
    H256 id = chain.nextJobId(POSTER);
    ok(
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        jUnits,
                        price,
                        30_000,
                        chain.slot + deadlineIn,
                        Optional.empty(),
                        Optional.of(TestProvider.SEED))))));
    return id;
  }

  private H256 accepted() {
    H256 id = post(10, PRICE, 50);
    ok(chain.one(chain.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BOND))));
    return id;
  }

  private H256 submitted(int falsified) {
    H256 id = accepted();
    var sub = PROVIDER.publish(id, falsified);
    var tx = chain.tx(PROVIDER.key, JobsCalls.submit(id, sub));
    ok(chain.one(tx));
    return id;
  }

  private JobRecord job(H256 id) {
    return chain.view().job(id).orElseThrow();
  }

  private Supply supply() {
    return chain.view().supply().orElseThrow();
  }

  /**
   * Settling says, in value events, where each AIC went (docs/adr/0062): the provider's pay and
   * bond, the poster's refund and the J-unit burn, each naming the job. The audit every {@link
   * JobsChain} block runs is shown to catch a receipt that leaves one of them out.
   */
  @Test
  void settlementReportsEveryMovementAsValueEventsAndTheAuditCatchesAMissingOne() {
    H256 id = submitted(0);
    chain.toSlot(job(id).receipt().orElseThrow().windowEndSlot() - 1);
    Address poster = addr(POSTER);
    Address provider = PROVIDER.address();
    BigInteger posterBefore = chain.aic(poster);
    BigInteger providerBefore = chain.aic(provider);
    BigInteger burnedBefore = chain.burned();
    Receipt settled = chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id)));
    ok(settled);
    Bytes ref = Bytes.of(id.toArray());
    assertThat(ValueEvent.of(settled.events()))
        .extracting(ValueEvent.Emitted::event)
        .containsExactly(
            ValueEvent.credit(
                provider, AssetId.AIC, new Amount(BigInteger.valueOf(98).add(BOND)), "payout", ref),
            ValueEvent.credit(
                poster, AssetId.AIC, new Amount(BigInteger.valueOf(900)), "refund", ref),
            ValueEvent.burn(AssetId.AIC, new Amount(BigInteger.TWO), "burn", ref));
    assertThat(ValueEvent.of(settled.events()))
        .allSatisfy(e -> assertThat(e.emitter()).isEqualTo(JobsProgram.ID));
    // The audit over the real balances: complete receipts explain everything ...
    var accounts = Set.of(poster, provider);
    BiFunction<Address, AssetId, BigInteger> before =
        (a, asset) ->
            asset.equals(AssetId.AIC)
                ? (a.equals(poster) ? posterBefore : providerBefore)
                : chain.balance(a, asset);
    BigInteger burned = chain.burned().subtract(burnedBefore);
    assertThat(
            ValueEventAudit.unexplained(accounts, before, chain::balance, List.of(settled), burned))
        .isEmpty();
    // ... and a receipt without the refund's event, or without the burn, is caught.
    for (int drop : List.of(1, 2)) {
      List<Event> events = new ArrayList<>(settled.events());
      events.remove(
          events.indexOf(
              ValueEvent.of(settled.events()).get(drop).event().toEvent(JobsProgram.ID)));
      Receipt tampered =
          new Receipt(
              settled.txId(),
              settled.status(),
              settled.feePaid(),
              settled.steps(),
              settled.memBytes(),
              events,
              settled.errorCode());
      assertThat(
              ValueEventAudit.unexplained(
                  accounts, before, chain::balance, List.of(tampered), burned))
          .as("receipt without value event %d", drop)
          .hasSize(1);
    }
  }

  @Test
  void honestJobSettlesPaysTheProviderBurnsTheMeteredJUnitsAndRefundsTheRest() {
    BigInteger posterBefore = chain.aic(addr(POSTER));
    BigInteger providerBefore = chain.aic(PROVIDER.address());
    H256 id = submitted(0);
    assertThat(job(id).status()).isEqualTo(JobStatus.SUBMITTED);
    long jUnits = job(id).receipt().orElseThrow().jUnits();
    assertThat(jUnits).isEqualTo(1);
    // Inside the window: refused; at its end: anyone may settle.
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))), JobsError.WINDOW_OPEN);
    chain.toSlot(job(id).receipt().orElseThrow().windowEndSlot() - 1);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    JobRecord j = job(id);
    assertThat(j.status()).isEqualTo(JobStatus.SETTLED);
    // cost = 1000 × 1/10 = 100; burn = 1 J-unit × 2 = 2; pay 98; refund 900.
    assertThat(j.outcome())
        .isEqualTo(
            new JobRecord.Outcome(
                BigInteger.valueOf(98),
                BigInteger.valueOf(900),
                BigInteger.valueOf(2),
                BigInteger.ZERO,
                BOND));
    assertThat(chain.aic(addr(POSTER))).isEqualTo(posterBefore.subtract(BigInteger.valueOf(100)));
    assertThat(chain.aic(PROVIDER.address())).isEqualTo(providerBefore.add(BigInteger.valueOf(98)));
    Supply s = supply();
    assertThat(s.burned()).isEqualTo(BigInteger.TWO);
    assertThat(s.escrowed()).isZero();
    assertThat(s.bonded()).isZero();
    assertThat(s.circulating()).isEqualTo(total());
    Reputation r = chain.view().reputation(PROVIDER.address());
    assertThat(r.jobsAccepted()).isEqualTo(1);
    assertThat(r.jobsSettled()).isEqualTo(1);
    assertThat(r.slaMet()).isEqualTo(1);
    assertThat(r.volume()).isEqualTo(BigInteger.valueOf(98));
    // Settled is final: a second settle is refused.
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))), JobsError.WRONG_STATUS);
  }

  private BigInteger total() {
    BigInteger t = BigInteger.ZERO;
    for (Address a : chain.funded) {
      t = t.add(chain.aic(a));
    }
    return t;
  }

  @Test
  void aFalsifiedMiddleStepIsChallengedInOneTransaction() {
    H256 id = submitted(3);
    BigInteger posterBefore = chain.aic(addr(POSTER));
    BigInteger challengerBefore = chain.aic(addr(CHALLENGER));
    FraudProof proof = TestProvider.proof(id, 3, 3);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(proof))));
    JobRecord j = job(id);
    assertThat(j.status()).isEqualTo(JobStatus.CHALLENGED);
    // Poster refunded in full; challenger: its bond back plus half the provider's bond.
    assertThat(chain.aic(addr(POSTER))).isEqualTo(posterBefore.add(PRICE));
    assertThat(chain.aic(addr(CHALLENGER)))
        .isEqualTo(challengerBefore.add(BigInteger.valueOf(1_000)));
    assertThat(j.outcome().burned()).isEqualTo(BigInteger.valueOf(1_000));
    assertThat(chain.view().reputation(PROVIDER.address()).disputesLost()).isEqualTo(1);
    assertThat(supply().circulating()).isEqualTo(total());
    // Final: no settle, no second challenge.
    chain.toSlot(chain.slot + JobsChain.WINDOW);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))), JobsError.WRONG_STATUS);
  }

  @Test
  void aChallengeOfAnHonestStepLosesItsBondAndTheJobStillSettles() {
    H256 id = submitted(0);
    BigInteger before = chain.aic(addr(CHALLENGER));
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(TestProvider.proof(id, 0, 3)))));
    assertThat(chain.aic(addr(CHALLENGER))).isEqualTo(before.subtract(BigInteger.valueOf(100)));
    assertThat(job(id).status()).isEqualTo(JobStatus.SUBMITTED);
    assertThat(job(id).lostChallenges()).isEqualTo(1);
    assertThat(supply().forfeited()).isEqualTo(BigInteger.valueOf(100));
    assertThat(chain.view().reputation(PROVIDER.address()).challengesSurvived()).isEqualTo(1);
    chain.toSlot(job(id).receipt().orElseThrow().windowEndSlot());
    ok(chain.one(chain.tx(POSTER, JobsCalls.settle(id))));
    assertThat(supply().circulating()).isEqualTo(total());
  }

  @Test
  void aProofThatShowsNothingIsRefusedAndTakesNoBond() {
    H256 id = submitted(3);
    BigInteger before = chain.aic(addr(CHALLENGER));
    // The proof of another job.
    FraudProof other = TestProvider.proof(H256.of(new byte[32]), 3, 3);
    FraudProof relabelled =
        new FraudProof(
            id,
            other.header(),
            other.weightsRoot(),
            other.step(),
            other.stepOpening(),
            other.inputOpenings(),
            other.evidence());
    // Openings of the honest trace do not open the provider's commitment.
    FraudProof honestOpenings = TestProvider.proof(id, 0, 3);
    refused(
        chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(honestOpenings))),
        JobsError.PROOF_BASE + ProofRejection.BAD_OPENING.ordinal());
    // Refused: the challenge bond was not taken (fees are paid in SWR).
    assertThat(chain.aic(addr(CHALLENGER))).isEqualTo(before);
    assertThat(job(id).status()).isEqualTo(JobStatus.SUBMITTED);
    // A proof of another job is refused as such.
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(other))), JobsError.UNKNOWN_JOB);
    // The relabelled proof's openings are the falsified trace's: they do verify, so it wins.
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(relabelled))));
    assertThat(job(id).status()).isEqualTo(JobStatus.CHALLENGED);
  }

  @Test
  void thePartiesAndTheClockAreChecked() {
    H256 id = post(10, PRICE, 50);
    // Only a registered provider accepts, for itself, with enough bond.
    Ed25519KeyPair stranger = key("stranger");
    refused(
        chain.one(chain.tx(POSTER, JobsCalls.accept(id, addr(POSTER), BOND))),
        JobsError.PROVIDER_NOT_REGISTERED);
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.accept(id, OTHER.address(), BOND))),
        JobsError.NOT_PROVIDER);
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BigInteger.TEN))),
        JobsError.BOND_TOO_LOW);
    ok(chain.one(chain.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BOND))));
    refused(
        chain.one(chain.tx(OTHER.key, JobsCalls.accept(id, OTHER.address(), BOND))),
        JobsError.WRONG_STATUS);
    // A receipt from another provider, a receipt for another job.
    refused(
        chain.one(chain.tx(OTHER.key, JobsCalls.submit(id, OTHER.publish(id, 0)))),
        JobsError.NOT_PROVIDER);
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.submit(id, OTHER.publish(id, 0)))),
        JobsError.VCR_BASE + ReceiptRejection.WRONG_PROVIDER.ordinal());
    H256 elsewhere = H256.of(Hashing.tagged("elsewhere").toArray());
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.submit(id, PROVIDER.publish(elsewhere, 0)))),
        JobsError.VCR_BASE + ReceiptRejection.WRONG_JOB.ordinal());
    // A falsified final output never gets in.
    int last = TestProvider.PROGRAM.length() - 1;
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.submit(id, PROVIDER.publish(id, last)))),
        JobsError.VCR_BASE + ReceiptRejection.LAST_STEP.ordinal());
    // Settling before any receipt, cancelling once accepted: wrong status.
    refused(chain.one(chain.tx(POSTER, JobsCalls.settle(id))), JobsError.WRONG_STATUS);
    refused(chain.one(chain.tx(POSTER, JobsCalls.cancel(id))), JobsError.WRONG_STATUS);
    assertThat(chain.aic(addr(stranger))).isZero();
  }

  @Test
  void postingRulesAreEnforced() {
    H256 ignored = chain.nextJobId(POSTER);
    assertThat(ignored).isNotNull();
    refused(
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        10,
                        BigInteger.TEN,
                        1,
                        chain.slot + 10,
                        Optional.empty(),
                        Optional.empty())))),
        JobsError.PRICE_BELOW_BURN);
    refused(
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        1,
                        PRICE,
                        1,
                        chain.slot,
                        Optional.empty(),
                        Optional.empty())))),
        JobsError.DEADLINE_IN_PAST);
    refused(
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        0,
                        PRICE,
                        1,
                        chain.slot + 5,
                        Optional.empty(),
                        Optional.empty())))),
        JobsError.ZERO_AMOUNT);
    // More than the poster holds: the ledger refuses the debit.
    Receipt broke =
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        1,
                        JobsChain.AIC_EACH.add(BigInteger.ONE),
                        1,
                        chain.slot + 5,
                        Optional.empty(),
                        Optional.empty()))));
    assertThat(broke.errorCode()).isNotZero();
    assertThat(supply().escrowed()).isZero();
    // Malformed arguments and unknown methods change nothing.
    refused(
        chain.one(
            chain.tx(POSTER, new Call(JobsProgram.ID, JobsCalls.SETTLE, Bytes.of(new byte[3])))),
        JobsError.MALFORMED_ARGS);
    assertThat(
            chain
                .one(chain.tx(POSTER, new Call(ReputationProgram.ID, "bump", Bytes.EMPTY)))
                .errorCode())
        .isNotZero();
  }

  @Test
  void aMissedDeadlineRefundsThePosterAndSlashesTheBond() {
    H256 id = post(10, PRICE, 3);
    ok(chain.one(chain.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BOND))));
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(id))), JobsError.DEADLINE_NOT_PASSED);
    BigInteger before = chain.aic(addr(POSTER));
    chain.toSlot(job(id).terms().deadlineSlot());
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(id))));
    JobRecord j = job(id);
    assertThat(j.status()).isEqualTo(JobStatus.SLASHED);
    assertThat(chain.aic(addr(POSTER))).isEqualTo(before.add(PRICE).add(BigInteger.valueOf(1_000)));
    assertThat(j.outcome().burned()).isEqualTo(BigInteger.valueOf(1_000));
    assertThat(chain.view().reputation(PROVIDER.address()).deadlinesMissed()).isEqualTo(1);
    // Too late to submit now, and the job is final.
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.submit(id, PROVIDER.publish(id, 0)))),
        JobsError.WRONG_STATUS);
    // An unaccepted job past its deadline: a plain refund.
    H256 lonely = post(10, PRICE, 2);
    chain.toSlot(job(lonely).terms().deadlineSlot());
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(lonely))));
    assertThat(job(lonely).status()).isEqualTo(JobStatus.REFUNDED);
    assertThat(supply().circulating()).isEqualTo(total());
  }

  @Test
  void aChallengeAfterTheWindowIsRefusedAndTheProviderCannotChallengeItself() {
    H256 id = submitted(3);
    refused(
        chain.one(chain.tx(PROVIDER.key, JobsCalls.challenge(TestProvider.proof(id, 3, 3)))),
        JobsError.SELF_CHALLENGE);
    chain.toSlot(job(id).receipt().orElseThrow().windowEndSlot());
    refused(
        chain.one(chain.tx(CHALLENGER, JobsCalls.challenge(TestProvider.proof(id, 3, 3)))),
        JobsError.WINDOW_CLOSED);
  }

  @Test
  void developmentTeesRegisterOnlyOnADevnet() {
    JobsChain production = new JobsChain(List.of(PROVIDER.address()), false);
    refused(
        production.one(production.tx(PROVIDER.key, JobsCalls.register(PROVIDER.registration()))),
        JobsError.DEV_TEE_DISALLOWED);
    // Nor may anyone register a key it does not sign with.
    JobsCalls.Register r = OTHER.registration();
    refused(chain.one(chain.tx(PROVIDER.key, JobsCalls.register(r))), JobsError.NOT_KEY_OWNER);
  }
}
