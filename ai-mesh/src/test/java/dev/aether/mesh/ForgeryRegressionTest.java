package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.Judgement;
import dev.aether.compute.proof.Meter;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.SnpTcb;
import dev.aether.verifiers.tee.TeeBinding;
import dev.aether.verifiers.tee.TeeVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forgeries issue 17 lists, each one a receipt that today's code must refuse (or a falsified
 * step that anyone re-running the job must catch): the public dev TEE key, a falsified last step, a
 * falsified middle (or first) step, a quote that does not bind the output, a receipt replayed for
 * another job, a wrong launch measurement (and a TCB below the registered minimum), expired
 * collateral.
 */
class ForgeryRegressionTest {
  private static Job job;
  private static VcrSubmission honest;

  @BeforeAll
  static void runHonestJob() {
    job = TestFixtures.sampleJob("digits-mlp", 9);
    honest = TestFixtures.provider().run(job).publish();
  }

  private static ReceiptVerdict check(VcrSubmission sub, JobTerms terms, ProviderTerms p) {
    return TestFixtures.validator().validate(sub, terms, p);
  }

  private static ReceiptRejection rejection(VcrSubmission sub) {
    return rejection(sub, TestFixtures.terms(job), TestFixtures.providerTerms());
  }

  private static ReceiptRejection rejection(VcrSubmission sub, JobTerms terms, ProviderTerms p) {
    ReceiptVerdict v = check(sub, terms, p);
    assertThat(v).isInstanceOf(ReceiptVerdict.Rejected.class);
    return ((ReceiptVerdict.Rejected) v).reason();
  }

  private static String detail(VcrSubmission sub, ProviderTerms p) {
    return ((ReceiptVerdict.Rejected) check(sub, TestFixtures.terms(job), p)).detail();
  }

  /** {@code sub} with its receipt's quote replaced and the receipt re-signed by the provider. */
  private static VcrSubmission withQuote(VcrSubmission sub, byte[] quote) {
    Vcr v = sub.vcr();
    Vcr changed =
        new Vcr(
            v.jobId(),
            v.provider(),
            v.inputHash(),
            v.modelHash(),
            v.codeHash(),
            v.seed(),
            v.outputHash(),
            Bytes.of(quote),
            v.kzgCommit(),
            v.openings(),
            v.sig());
    return replace(sub, resign(changed), sub.collateral());
  }

  static Vcr resign(Vcr v) {
    return v.withSig(Bytes.of(TestFixtures.PROVIDER_KEY.sign(v.signingBytes())));
  }

  private static VcrSubmission replace(VcrSubmission s, Vcr v, List<Bytes> collateral) {
    return new VcrSubmission(
        v, s.header(), s.weightsRoot(), s.leaves(), s.dataProof(), s.lastStep(), collateral);
  }

  private static byte[] binding(Vcr v, byte[] outputHash, byte[] commitment) {
    return new TeeBinding(
            v.jobId().toArray(),
            v.inputHash().toArray(),
            v.modelHash().toArray(),
            v.codeHash().toArray(),
            v.seed(),
            outputHash,
            commitment,
            TestFixtures.PROVIDER_KEY.publicKey())
        .reportData();
  }

  @Test
  void honestReceiptIsAccepted() {
    assertThat(check(honest, TestFixtures.terms(job), TestFixtures.providerTerms()))
        .isInstanceOf(ReceiptVerdict.Accepted.class);
  }

  @Test
  void theFormerPublicDevTeeKeyIsTrustedNowhere() {
    // Before: the dev TEE key was SHA-256("aether-dev-tee"), public, and trusted by default.
    byte[] publicSeed = TestFixtures.sha256("aether-dev-tee".getBytes(StandardCharsets.US_ASCII));
    DevAttester anyone = new DevAttester(publicSeed, TestFixtures.MEASUREMENT);
    Vcr v = honest.vcr();
    VcrSubmission forged =
        withQuote(honest, anyone.quote(binding(v, v.outputHash().toArray(), commit(v))));
    assertThat(rejection(forged)).isEqualTo(ReceiptRejection.QUOTE);
    assertThat(detail(forged, TestFixtures.providerTerms())).contains("TEE_POLICY_DEV_KEY");
    // Allowing development quotes without naming a key is refused outright: there is no "any
    // key" policy to build.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Policy.strict().withDevAttestations(true, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    // And where the chain does not allow development quotes, even the registered key is refused.
    ProviderTerms production =
        new ProviderTerms(
            TestFixtures.PROVIDER_KEY.publicKey(),
            Evidence.Kind.DEV,
            TestFixtures.devPolicy().withDevAttestations(false, Set.of()),
            List.of(H256.of(TestFixtures.CODE_HASH)));
    assertThat(detail(honest, production)).contains("TEE_POLICY_DEV_DISALLOWED");
  }

  @Test
  void falsifiedLastStepIsRefused() {
    int n = TestFixtures.MODELS.resolve("digits-mlp").model().architecture().program().length();
    // The provider lies about the output and commits, signs and attests the lie consistently —
    // before, the receipt alone could not tell (ChallengeTest asserted it passed).
    VcrSubmission lie =
        TestFixtures.provider().run(job, Optional.of(Engine.Tamper.flipFirst(n - 1))).publish();
    assertThat(rejection(lie)).isEqualTo(ReceiptRejection.LAST_STEP);
  }

  @Test
  void falsifiedFirstOrMiddleStepIsCaughtByAnyoneWhoReRuns() {
    int n = TestFixtures.MODELS.resolve("digits-mlp").model().architecture().program().length();
    FraudFinder finder =
        new FraudFinder(TestFixtures.MODELS, TestFixtures.ENGINE, TestFixtures.KZG);
    FraudJudge judge = new FraudJudge(TestFixtures.KZG, VerifyCosts.V1);
    for (int step = 1; step < n - 1; step++) {
      VcrSubmission lie =
          TestFixtures.provider().run(job, Optional.of(Engine.Tamper.flipFirst(step))).publish();
      // Self-consistent: the receipt check alone cannot see a lie inside the trace...
      assertThat(check(lie, TestFixtures.terms(job), TestFixtures.providerTerms()))
          .as("step %d", step)
          .isInstanceOf(ReceiptVerdict.Accepted.class);
      // ...but re-running finds the first divergent step and the one-step proof convicts it.
      FraudFinder.Finding f = finder.check(lie, job.input());
      assertThat(f).isInstanceOf(FraudFinder.Finding.Divergent.class);
      FraudProof proof = ((FraudFinder.Finding.Divergent) f).proof();
      assertThat(proof.step()).isEqualTo(step);
      Judgement j = judge.judge(proof, accepted(lie), Meter.NONE);
      assertThat(j).as("step %d", step).isInstanceOf(Judgement.FraudProven.class);
    }
  }

  @Test
  void aChallengeOfAnHonestStepLoses() {
    FraudJudge judge = new FraudJudge(TestFixtures.KZG, VerifyCosts.V1);
    var executed = TestFixtures.provider().run(job);
    VcrSubmission sub = executed.publish();
    VectorCommitmentOpenings o = new VectorCommitmentOpenings(sub);
    FraudProof claim =
        new FraudProof(
            sub.vcr().jobId(),
            sub.header(),
            sub.weightsRoot(),
            3,
            o.open(3),
            List.of(o.open(2)),
            executed.evidence(3));
    assertThat(judge.judge(claim, accepted(sub), Meter.NONE))
        .isEqualTo(new Judgement.StepHonest(3));
  }

  @Test
  void aQuoteThatDoesNotBindTheOutputAndTraceIsRefused() {
    Vcr v = honest.vcr();
    // A quote over the job alone (the old v1 binding left the result out): here, zero output.
    byte[] jobOnly = binding(v, new byte[32], new byte[48]);
    assertThat(rejection(withQuote(honest, TestFixtures.ATTESTER.quote(jobOnly))))
        .isEqualTo(ReceiptRejection.BINDING);
    // A quote over another output or another trace: also refused.
    byte[] otherOutput = binding(v, TestFixtures.bytes(5), commit(v));
    assertThat(rejection(withQuote(honest, TestFixtures.ATTESTER.quote(otherOutput))))
        .isEqualTo(ReceiptRejection.BINDING);
    byte[] otherTrace = binding(v, v.outputHash().toArray(), new byte[48]);
    assertThat(rejection(withQuote(honest, TestFixtures.ATTESTER.quote(otherTrace))))
        .isEqualTo(ReceiptRejection.BINDING);
  }

  @Test
  void aReceiptReplayedForAnotherJobIsRefused() {
    Job other = new Job(TestFixtures.bytes(0x77), job.modelHash(), job.input(), job.seed());
    assertThat(rejection(honest, TestFixtures.terms(other), TestFixtures.providerTerms()))
        .isEqualTo(ReceiptRejection.WRONG_JOB);
    // Re-labelling the receipt with the other job's id (and re-signing) breaks the quote's binding.
    Vcr v = honest.vcr();
    Vcr relabelled =
        resign(
            new Vcr(
                H256.of(other.jobId()),
                v.provider(),
                v.inputHash(),
                v.modelHash(),
                v.codeHash(),
                v.seed(),
                v.outputHash(),
                v.teeQuote(),
                v.kzgCommit(),
                v.openings(),
                v.sig()));
    assertThat(
            rejection(
                replace(honest, relabelled, honest.collateral()),
                TestFixtures.terms(other),
                TestFixtures.providerTerms()))
        .isEqualTo(ReceiptRejection.BINDING);
  }

  @Test
  void aMeasurementTheProviderDidNotRegisterIsRefused() {
    byte[] otherArtifact = RuntimeArtifact.devMeasurement("another build".getBytes());
    DevAttester tee = new DevAttester(TestFixtures.bytes(0x22), otherArtifact);
    Vcr v = honest.vcr();
    VcrSubmission sub =
        withQuote(honest, tee.quote(binding(v, v.outputHash().toArray(), commit(v))));
    assertThat(rejection(sub)).isEqualTo(ReceiptRejection.QUOTE);
    assertThat(detail(sub, TestFixtures.providerTerms())).contains("TEE_POLICY_MEASUREMENT");
    // A policy that pins no measurement is not a provider policy at all.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ProviderTerms(
                    TestFixtures.PROVIDER_KEY.publicKey(),
                    Evidence.Kind.DEV,
                    Policy.strict()
                        .withDevAttestations(true, Set.of(TestFixtures.ATTESTER.publicKeyHex())),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hardwareEvidenceBelowTheRegisteredTcbOrWithExpiredCollateralIsRefused() throws Exception {
    Path tee = Path.of(System.getProperty("aether.shared", "../../shared"), "vectors", "tee");
    byte[] report = Files.readAllBytes(tee.resolve("sev-snp/attestation.bin"));
    byte[] vcek = Files.readAllBytes(tee.resolve("sev-snp/vcek.testcer"));
    String measurement = HexFormat.of().formatHex(TeeVerifier.parse(report).measurement());
    VcrSubmission quoted = withQuote(honest, report);
    VcrSubmission snp = replace(quoted, quoted.vcr(), List.of(Bytes.of(vcek)));
    Policy registered = Policy.strict().withAllowedMeasurements(Set.of(measurement));
    ProviderTerms snpTerms =
        new ProviderTerms(
            TestFixtures.PROVIDER_KEY.publicKey(),
            Evidence.Kind.SEV_SNP,
            registered,
            List.of(H256.of(TestFixtures.CODE_HASH)));
    // Expired collateral: judged long after the VCEK's validity ended.
    VcrValidator late =
        new VcrValidator(
            TestFixtures.KZG,
            new TeeVerifier(),
            Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC));
    ReceiptVerdict expired = late.validate(snp, TestFixtures.terms(job), snpTerms);
    assertThat(expired).isInstanceOf(ReceiptVerdict.Rejected.class);
    assertThat(((ReceiptVerdict.Rejected) expired).reason()).isEqualTo(ReceiptRejection.QUOTE);
    assertThat(((ReceiptVerdict.Rejected) expired).detail()).contains("TEE_CERT_VALIDITY");
    // As of the report's own date the chain is valid, but the registered minimum TCB is not met.
    ProviderTerms highTcb =
        new ProviderTerms(
            TestFixtures.PROVIDER_KEY.publicKey(),
            Evidence.Kind.SEV_SNP,
            registered.withMinSnpTcb(new SnpTcb(0, 99, 99, 99, 99)),
            List.of(H256.of(TestFixtures.CODE_HASH)));
    VcrValidator then =
        new VcrValidator(
            TestFixtures.KZG,
            new TeeVerifier(),
            Clock.fixed(Instant.parse("2022-09-24T01:00:00Z"), ZoneOffset.UTC));
    ReceiptVerdict low = then.validate(snp, TestFixtures.terms(job), highTcb);
    assertThat(((ReceiptVerdict.Rejected) low).detail()).contains("TEE_TCB_TOO_LOW");
    // Evidence of another kind than the provider registered is refused before it is verified.
    assertThat(rejection(snp, TestFixtures.terms(job), TestFixtures.providerTerms()))
        .isEqualTo(ReceiptRejection.QUOTE);
  }

  private static byte[] commit(Vcr v) {
    return v.kzgCommit().orElseThrow().toArray();
  }

  static FraudJudge.Accepted accepted(VcrSubmission sub) {
    return new FraudJudge.Accepted(
        sub.vcr().jobId(),
        sub.vcr().modelHash(),
        commit(sub.vcr()),
        sub.leaves().size(),
        sub.vcr().seed());
  }

  /** Opens positions of a published trace, as a challenger does. */
  private static final class VectorCommitmentOpenings {
    private final dev.aether.compute.trace.VectorCommitment.Committed c;

    VectorCommitmentOpenings(VcrSubmission sub) {
      c = TestFixtures.KZG.commit(dev.aether.compute.proof.ReceiptVerifier.leafBytes(sub.leaves()));
    }

    dev.aether.types.Opening open(int i) {
      return c.open(i);
    }
  }
}
