package dev.aether.programs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replica quorums through a real ledger: commit, reveal, agreement, a wrong replica convicted by
 * one fraud proof (not outvoted), unresolved disagreement, missed commits, every refusal with its
 * stable code, and the AIC each outcome moves.
 */
class QuorumJobsTest {
  private static final Ed25519KeyPair POSTER = JobsProgramTest.key("q-poster");
  private static final Ed25519KeyPair CHALLENGER = JobsProgramTest.key("q-challenger");
  private static final List<TestProvider> P =
      List.of(
          new TestProvider("q1"),
          new TestProvider("q2"),
          new TestProvider("q3"),
          new TestProvider("q4"));
  private static final BigInteger PRICE = BigInteger.valueOf(1_000);
  private static final BigInteger BOND = BigInteger.valueOf(1_500);
  private static final H256 INPUT_HASH = H256.of(TestProvider.run(0).outputs().getFirst().sha256());
  private static final int MIDDLE = 3;

  private JobsChain chain;

  @BeforeEach
  void chain() {
    List<Address> funded = new ArrayList<>();
    funded.add(JobsProgramTest.addr(POSTER));
    funded.add(JobsProgramTest.addr(CHALLENGER));
    P.forEach(p -> funded.add(p.address()));
    chain = new JobsChain(funded, true);
    for (TestProvider p : P) {
      ok(chain.one(chain.tx(p.key, JobsCalls.register(p.registration()))));
    }
  }

  // ------------------------------------------------------------------------------ outcomes

  @Test
  void agreeingReplicasAreEachPaidProRataAndThePosterRefundedTheRest() {
    BigInteger posterBefore = chain.aic(JobsProgramTest.addr(POSTER));
    List<BigInteger> before = P.stream().map(p -> chain.aic(p.address())).toList();
    H256 id = filled(3);
    assertThat(quorum(id).status()).isEqualTo(QuorumJob.Status.RUNNING);
    assertThat(chain.aic(JobsProgramTest.addr(POSTER))).isEqualTo(posterBefore.subtract(esc(3)));
    commitAll(id, 0, 0, 0);
    assertThat(quorum(id).commitsClosedSlot()).isEqualTo(chain.slot);
    revealAll(id, 0, 0, 0);
    QuorumJob q = quorum(id);
    assertThat(q.revealsClosedSlot()).isEqualTo(chain.slot);
    long end = q.challengeEndSlot(JobsChain.WINDOW);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))), JobsError.WINDOW_OPEN);
    chain.toSlot(end - 1);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.SETTLED);
    // Per replica: cost = 1000 × 1/10 = 100, burn = 1 J-unit × 2 = 2, pay 98, bond back.
    for (int i = 0; i < 3; i++) {
      assertThat(q.members().get(i).status()).isEqualTo(QuorumJob.MemberStatus.PAID);
      assertThat(chain.aic(P.get(i).address())).isEqualTo(before.get(i).add(bi(98)));
    }
    assertThat(chain.aic(JobsProgramTest.addr(POSTER))).isEqualTo(posterBefore.subtract(bi(300)));
    assertThat(q.outcome())
        .isEqualTo(new JobRecord.Outcome(bi(294), bi(2_700), bi(6), bi(0), BOND.multiply(bi(3))));
    conserved();
    assertThat(chain.view().supply().orElseThrow().escrowed()).isZero();
    assertThat(chain.view().supply().orElseThrow().bonded()).isZero();
  }

  @Test
  void oneWrongReplicaIsConvictedByAFraudProofNotOutvotedAndTheOthersSettle() {
    BigInteger challengerBefore = chain.aic(JobsProgramTest.addr(CHALLENGER));
    BigInteger posterBefore = chain.aic(JobsProgramTest.addr(POSTER));
    BigInteger badBefore = chain.aic(P.get(2).address());
    H256 id = filled(3);
    commitAll(id, 0, 0, MIDDLE);
    revealAll(id, 0, 0, MIDDLE);
    // A wrong proof (an honest step of the bad replica) loses the challenger's bond...
    refusedOrLost(id, 2, TestProvider.proof(id, MIDDLE, 1), true);
    // ...the right one convicts it, whoever sends it.
    ok(
        chain.one(
            chain.tx(
                CHALLENGER,
                JobsCalls.challengeReplica(
                    P.get(2).address(), TestProvider.proof(id, MIDDLE, MIDDLE)))));
    QuorumJob q = quorum(id);
    assertThat(q.members().get(2).status()).isEqualTo(QuorumJob.MemberStatus.CONVICTED);
    // The challenger: its bond back and half the slashed bond; minus the lost challenge's bond.
    assertThat(chain.aic(JobsProgramTest.addr(CHALLENGER)))
        .isEqualTo(challengerBefore.add(bi(750)).subtract(bi(100)));
    assertThat(chain.aic(P.get(2).address())).isEqualTo(badBefore.subtract(BOND));
    chain.toSlot(q.challengeEndSlot(JobsChain.WINDOW) - 1);
    ok(chain.one(chain.tx(P.get(0).key, JobsCalls.settle(id))));
    q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.SETTLED);
    assertThat(q.members().get(0).status()).isEqualTo(QuorumJob.MemberStatus.PAID);
    assertThat(q.members().get(1).status()).isEqualTo(QuorumJob.MemberStatus.PAID);
    // The poster pays for the two agreeing replicas only.
    assertThat(chain.aic(JobsProgramTest.addr(POSTER))).isEqualTo(posterBefore.subtract(bi(200)));
    accountsFor(q);
    conserved();
  }

  @Test
  void twoWrongReplicasAgainstOneHonestLoseBothBonds() {
    H256 id = filled(3);
    commitAll(id, 0, MIDDLE, MIDDLE);
    revealAll(id, 0, MIDDLE, MIDDLE);
    for (int i = 1; i <= 2; i++) {
      ok(
          chain.one(
              chain.tx(
                  P.get(0).key,
                  JobsCalls.challengeReplica(
                      P.get(i).address(), TestProvider.proof(id, MIDDLE, MIDDLE)))));
    }
    chain.toSlot(quorum(id).challengeEndSlot(JobsChain.WINDOW) - 1);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    QuorumJob q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.SETTLED);
    assertThat(q.members().stream().map(QuorumJob.Member::status))
        .containsExactly(
            QuorumJob.MemberStatus.PAID,
            QuorumJob.MemberStatus.CONVICTED,
            QuorumJob.MemberStatus.CONVICTED);
    accountsFor(q);
    conserved();
  }

  @Test
  void disagreementNobodyProvesIsUnresolvedNobodyIsPaidAndBondsReturn() {
    BigInteger posterBefore = chain.aic(JobsProgramTest.addr(POSTER));
    List<BigInteger> before = P.stream().map(p -> chain.aic(p.address())).toList();
    H256 id = filled(3);
    commitAll(id, 0, 0, MIDDLE);
    revealAll(id, 0, 0, MIDDLE);
    chain.toSlot(quorum(id).challengeEndSlot(JobsChain.WINDOW) - 1);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    QuorumJob q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.UNRESOLVED);
    assertThat(chain.aic(JobsProgramTest.addr(POSTER))).isEqualTo(posterBefore);
    for (int i = 0; i < 3; i++) {
      assertThat(q.members().get(i).status()).isEqualTo(QuorumJob.MemberStatus.RELEASED);
      assertThat(chain.aic(P.get(i).address())).isEqualTo(before.get(i));
    }
    accountsFor(q);
    conserved();
  }

  @Test
  void aReplicaThatNeverCommitsIsSlashedAfterTheDeadlineAndTheRestSettle() {
    BigInteger posterBefore = chain.aic(JobsProgramTest.addr(POSTER));
    H256 id = filled(3);
    commit(id, 0, 0);
    commit(id, 1, 0);
    // Reveals wait for every commit until the deadline passes.
    refused(reveal(id, 0, 0), JobsError.REVEALS_NOT_OPEN);
    chain.toSlot(quorum(id).terms().deadlineSlot());
    refused(commit(id, 2, 0), JobsError.COMMITS_CLOSED);
    ok(reveal(id, 0, 0));
    ok(reveal(id, 1, 0));
    QuorumJob q = quorum(id);
    assertThat(q.revealsClosedSlot()).isEqualTo(chain.slot);
    chain.toSlot(q.challengeEndSlot(JobsChain.WINDOW) - 1);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.SETTLED);
    assertThat(q.members().get(2).status()).isEqualTo(QuorumJob.MemberStatus.MISSED);
    // The poster: pays 2 × 100, gets half the missed replica's bond as compensation.
    assertThat(chain.aic(JobsProgramTest.addr(POSTER)))
        .isEqualTo(posterBefore.subtract(bi(200)).add(bi(750)));
    assertThat(chain.view().reputation(P.get(2).address()).deadlinesMissed()).isEqualTo(1);
    accountsFor(q);
    conserved();
  }

  @Test
  void aJobThatNeverFillsIsRefundedAndItsReplicasGetTheirBondsBack() {
    BigInteger p0 = chain.aic(P.get(0).address());
    H256 id = post(3, 20);
    accept(id, 0);
    refused(chain.one(chain.tx(POSTER, JobsCalls.cancel(id))), JobsError.WRONG_STATUS);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(id))), JobsError.DEADLINE_NOT_PASSED);
    chain.toSlot(quorum(id).terms().deadlineSlot());
    refused(accept(id, 1), JobsError.DEADLINE_PASSED);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(id))));
    QuorumJob q = quorum(id);
    assertThat(q.status()).isEqualTo(QuorumJob.Status.REFUNDED);
    assertThat(chain.aic(P.get(0).address())).isEqualTo(p0);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.expire(id))), JobsError.WRONG_STATUS);
    accountsFor(q);
    conserved();
  }

  @Test
  void aPosterCancelsAJobNoReplicaAccepted() {
    BigInteger before = chain.aic(JobsProgramTest.addr(POSTER));
    H256 id = post(4, 20);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.cancel(id))), JobsError.NOT_POSTER);
    ok(chain.one(chain.tx(POSTER, JobsCalls.cancel(id))));
    assertThat(quorum(id).status()).isEqualTo(QuorumJob.Status.REFUNDED);
    assertThat(chain.aic(JobsProgramTest.addr(POSTER))).isEqualTo(before);
    conserved();
  }

  // ------------------------------------------------------------------------------ refusals

  @Test
  void postingRulesHaveStableCodes() {
    refused(postTx(2, true, true, Optional.empty()), JobsError.BAD_REPLICAS);
    refused(postTx(6, true, true, Optional.empty()), JobsError.BAD_REPLICAS);
    refused(postTx(0, true, true, Optional.empty()), JobsError.BAD_REPLICAS);
    refused(postTx(3, false, true, Optional.empty()), JobsError.QUORUM_NEEDS_FIXED_INPUT);
    refused(postTx(3, true, false, Optional.empty()), JobsError.QUORUM_NEEDS_FIXED_INPUT);
    refused(
        postTx(1, false, true, Optional.of(Bytes.of(TestProvider.INPUT))),
        JobsError.INPUT_NOT_BOUND);
    // An input over the limit does not decode.
    refused(
        postTx(3, true, true, Optional.of(Bytes.of(new byte[JobsCalls.MAX_INPUT_BYTES + 1]))),
        JobsError.MALFORMED_ARGS);
    // One post per transaction, whichever method.
    Call spec = JobsCalls.postSpec(spec(3, true, true, Optional.empty()));
    Call legacy = JobsCalls.post(spec(1, true, true, Optional.empty()).terms());
    refused(chain.one(chain.tx(POSTER, spec, legacy)), JobsError.ONE_POST_PER_TX);
    refused(chain.one(chain.tx(POSTER, legacy, spec)), JobsError.ONE_POST_PER_TX);
    assertThat(chain.view().supply().orElseThrow().escrowed()).isZero();
  }

  @Test
  void aSingleJobPostedWithItsInputBehavesLikePostJob() {
    H256 id = chain.nextJobId(POSTER);
    ok(postTx(1, true, true, Optional.of(Bytes.of(TestProvider.INPUT))));
    assertThat(chain.view().quorum(id)).isEmpty();
    JobRecord j = chain.view().job(id).orElseThrow();
    assertThat(j.status()).isEqualTo(JobStatus.POSTED);
    ok(chain.one(chain.tx(P.get(0).key, JobsCalls.accept(id, P.get(0).address(), BOND))));
    ok(chain.one(chain.tx(P.get(0).key, JobsCalls.submit(id, P.get(0).publish(id, 0)))));
    // Replica-only calls name the job kind they need.
    refused(
        chain.one(chain.tx(P.get(0).key, JobsCalls.commit(id, H256.ZERO))), JobsError.NOT_QUORUM);
    refused(
        chain.one(chain.tx(P.get(0).key, JobsCalls.commit(H256.ZERO, H256.ZERO))),
        JobsError.UNKNOWN_JOB);
  }

  @Test
  void replicasAreCheckedAtEveryStep() {
    H256 id = post(3, 40);
    accept(id, 0);
    refused(accept(id, 0), JobsError.ALREADY_REPLICA);
    refused(commit(id, 0, 0), JobsError.WRONG_STATUS); // not full yet
    accept(id, 1);
    accept(id, 2);
    refused(accept(id, 3), JobsError.WRONG_STATUS); // full
    refused(commit(id, 3, 0), JobsError.NOT_REPLICA);
    ok(commit(id, 0, 0));
    refused(commit(id, 0, 0), JobsError.WRONG_STATUS); // committed once
    commit(id, 1, 0);
    commit(id, 2, 0);
    // A reveal that is not what was committed: another salt, or another run.
    refused(
        chain.one(
            chain.tx(
                P.get(0).key,
                JobsCalls.reveal(id, Bytes.of(new byte[32]), P.get(0).publish(id, 0)))),
        JobsError.REVEAL_MISMATCH);
    refused(
        chain.one(
            chain.tx(P.get(0).key, JobsCalls.reveal(id, salt(id, 0), P.get(0).publish(id, 2)))),
        JobsError.REVEAL_MISMATCH);
    // Another replica's receipt of the same result matches the commitment's values but fails the
    // receipt check, with the verifier's own code.
    assertThat(
            chain
                .one(
                    chain.tx(
                        P.get(0).key, JobsCalls.reveal(id, salt(id, 0), P.get(1).publish(id, 0))))
                .errorCode())
        .isEqualTo(
            JobsError.VCR_BASE
                + dev.aether.compute.proof.ReceiptRejection.WRONG_PROVIDER.ordinal());
    ok(reveal(id, 0, 0));
    refused(reveal(id, 0, 0), JobsError.WRONG_STATUS);
    refused(
        chain.one(
            chain.tx(
                P.get(0).key,
                JobsCalls.challengeReplica(P.get(0).address(), TestProvider.proof(id, 0, 1)))),
        JobsError.SELF_CHALLENGE);
    refused(
        chain.one(
            chain.tx(
                CHALLENGER,
                JobsCalls.challengeReplica(P.get(1).address(), TestProvider.proof(id, 0, 1)))),
        JobsError.WRONG_STATUS); // replica 1 has not revealed
    QuorumJob q = quorum(id);
    chain.toSlot(q.revealEndSlot(JobsChain.WINDOW) - 1);
    refused(reveal(id, 1, 0), JobsError.REVEALS_CLOSED);
    chain.toSlot(quorum(id).challengeEndSlot(JobsChain.WINDOW) - 1);
    refused(
        chain.one(
            chain.tx(
                CHALLENGER,
                JobsCalls.challengeReplica(P.get(0).address(), TestProvider.proof(id, 0, 1)))),
        JobsError.WINDOW_CLOSED);
    ok(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))));
    q = quorum(id);
    // One revealed (paid), two missed their reveal (slashed).
    assertThat(q.status()).isEqualTo(QuorumJob.Status.SETTLED);
    assertThat(q.members().stream().map(QuorumJob.Member::status))
        .containsExactly(
            QuorumJob.MemberStatus.PAID,
            QuorumJob.MemberStatus.MISSED,
            QuorumJob.MemberStatus.MISSED);
    refused(chain.one(chain.tx(CHALLENGER, JobsCalls.settle(id))), JobsError.WRONG_STATUS);
    accountsFor(q);
    conserved();
  }

  @Test
  void aLosingChallengeOfAReplicaBurnsTheChallengeBondAndChangesNothingElse() {
    H256 id = filled(3);
    commitAll(id, 0, 0, 0);
    revealAll(id, 0, 0, 0);
    BigInteger before = chain.aic(JobsProgramTest.addr(CHALLENGER));
    byte[] job = QuorumJob.CODEC.encode(quorum(id));
    ok(
        chain.one(
            chain.tx(
                CHALLENGER,
                JobsCalls.challengeReplica(P.get(1).address(), TestProvider.proof(id, 0, 2)))));
    assertThat(chain.aic(JobsProgramTest.addr(CHALLENGER))).isEqualTo(before.subtract(bi(100)));
    assertThat(QuorumJob.CODEC.encode(quorum(id))).isEqualTo(job);
    assertThat(chain.view().reputation(P.get(1).address()).challengesSurvived()).isEqualTo(1);
    conserved();
  }

  @Test
  void theCommitmentBindsJobProviderOutputTraceAndSalt() {
    H256 base =
        QuorumJob.commitment(
            H256.ZERO,
            P.get(0).address(),
            H256.ZERO,
            Bytes.of(new byte[48]),
            Bytes.of(new byte[32]));
    assertThat(
            QuorumJob.commitment(
                H256.ZERO,
                P.get(1).address(),
                H256.ZERO,
                Bytes.of(new byte[48]),
                Bytes.of(new byte[32])))
        .isNotEqualTo(base);
    byte[] one = new byte[32];
    one[31] = 1;
    assertThat(
            QuorumJob.commitment(
                H256.ZERO, P.get(0).address(), H256.ZERO, Bytes.of(new byte[48]), Bytes.of(one)))
        .isNotEqualTo(base);
    assertThat(
            QuorumJob.commitment(
                H256.of(one),
                P.get(0).address(),
                H256.ZERO,
                Bytes.of(new byte[48]),
                Bytes.of(new byte[32])))
        .isNotEqualTo(base);
  }

  // ------------------------------------------------------------------------------ helpers

  static BigInteger bi(long v) {
    return BigInteger.valueOf(v);
  }

  private static BigInteger esc(int replicas) {
    return PRICE.multiply(bi(replicas));
  }

  private static void ok(Receipt r) {
    assertThat(r.errorCode()).as("receipt error %d", r.errorCode()).isZero();
  }

  private static void refused(Receipt r, JobsError e) {
    assertThat(r.errorCode()).as("expected %s", e.code()).isEqualTo(e.number());
  }

  private void refusedOrLost(
      H256 id, int replica, dev.aether.compute.proof.FraudProof p, boolean lost) {
    Receipt r =
        chain.one(chain.tx(CHALLENGER, JobsCalls.challengeReplica(P.get(replica).address(), p)));
    if (lost) {
      ok(r);
      assertThat(quorum(id).members().get(replica).status())
          .isEqualTo(QuorumJob.MemberStatus.REVEALED);
    }
  }

  private QuorumJob quorum(H256 id) {
    return chain.view().quorum(id).orElseThrow();
  }

  static JobsCalls.PostJobSpec spec(
      int replicas, boolean fixInput, boolean fixSeed, Optional<Bytes> input, long deadline) {
    return new JobsCalls.PostJobSpec(
        new JobsCalls.PostJob(
            TestProvider.MODEL_HASH,
            TestProvider.CODE_HASH,
            10,
            PRICE,
            30_000,
            deadline,
            fixInput ? Optional.of(INPUT_HASH) : Optional.empty(),
            fixSeed ? Optional.of(TestProvider.SEED) : Optional.empty()),
        replicas,
        input);
  }

  private JobsCalls.PostJobSpec spec(
      int replicas, boolean fixInput, boolean fixSeed, Optional<Bytes> input) {
    return spec(replicas, fixInput, fixSeed, input, chain.slot + 40);
  }

  private Receipt postTx(int replicas, boolean fixInput, boolean fixSeed, Optional<Bytes> input) {
    return chain.one(
        chain.tx(POSTER, JobsCalls.postSpec(spec(replicas, fixInput, fixSeed, input))));
  }

  private H256 post(int replicas, long deadlineIn) {
    H256 id = chain.nextJobId(POSTER);
    ok(
        chain.one(
            chain.tx(
                POSTER,
                JobsCalls.postSpec(
                    spec(
                        replicas,
                        true,
                        true,
                        Optional.of(Bytes.of(TestProvider.INPUT)),
                        chain.slot + deadlineIn)))));
    return id;
  }

  private Receipt accept(H256 id, int p) {
    Receipt r = chain.one(chain.tx(P.get(p).key, JobsCalls.accept(id, P.get(p).address(), BOND)));
    return r;
  }

  private H256 filled(int replicas) {
    H256 id = post(replicas, 30);
    for (int i = 0; i < replicas; i++) {
      ok(accept(id, i));
    }
    return id;
  }

  /** Replica {@code p}'s salt for job {@code id} (any 32 bytes it keeps until the reveal). */
  static Bytes salt(H256 id, int p) {
    return Bytes.of(Hashing.tagged("test/salt", id.toArray(), new byte[] {(byte) p}).toArray());
  }

  private Receipt commit(H256 id, int p, int falsified) {
    TestProvider.Run run = TestProvider.run(falsified);
    H256 c =
        QuorumJob.commitment(
            id,
            P.get(p).address(),
            H256.of(run.outputs().getLast().sha256()),
            Bytes.of(run.committed().commitment()),
            salt(id, p));
    return chain.one(chain.tx(P.get(p).key, JobsCalls.commit(id, c)));
  }

  private Receipt reveal(H256 id, int p, int falsified) {
    Tx tx =
        chain.tx(P.get(p).key, JobsCalls.reveal(id, salt(id, p), P.get(p).publish(id, falsified)));
    return chain.one(tx);
  }

  private void commitAll(H256 id, int... falsified) {
    for (int i = 0; i < falsified.length; i++) {
      ok(commit(id, i, falsified[i]));
    }
  }

  private void revealAll(H256 id, int... falsified) {
    for (int i = 0; i < falsified.length; i++) {
      ok(reveal(id, i, falsified[i]));
    }
  }

  /** A final quorum job accounts for its escrow and every bond exactly. */
  private static void accountsFor(QuorumJob q) {
    BigInteger bonds = BigInteger.ZERO;
    for (QuorumJob.Member m : q.members()) {
      bonds = bonds.add(m.bond());
      JobRecord.Outcome o = m.outcome();
      assertThat(m.status().isFinal()).isTrue();
      assertThat(o.paid().add(o.burned()).add(o.rewarded()).add(o.bondReturned()))
          .as("replica %s", m.provider())
          .isGreaterThanOrEqualTo(m.bond());
    }
    JobRecord.Outcome o = q.outcome();
    assertThat(q.escrow().add(bonds))
        .isEqualTo(
            o.paid().add(o.refunded()).add(o.burned()).add(o.rewarded()).add(o.bondReturned()));
  }

  /** AIC in accounts = minted − custody − burned; flows balance. */
  private void conserved() {
    Supply s = chain.view().supply().orElseThrow();
    BigInteger inAccounts = BigInteger.ZERO;
    for (Address a : chain.funded) {
      inAccounts = inAccounts.add(chain.aic(a));
    }
    assertThat(inAccounts).isEqualTo(s.circulating());
    assertThat(s.deposited().add(s.locked()).add(s.forfeited()))
        .isEqualTo(
            s.escrowed()
                .add(s.bonded())
                .add(s.paid())
                .add(s.refunded())
                .add(s.returned())
                .add(s.rewarded())
                .add(s.burned()));
  }
}
