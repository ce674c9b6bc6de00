package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of tampering with a published receipt is rejected, and for its own reason. */
class VcrValidatorTest {
  private static Job job;
  private static VcrSubmission honest;

  @BeforeAll
  static void runJob() {
    job = TestFixtures.sampleJob("digits-mlp", 9);
    honest = TestFixtures.provider().run(job).publish();
  }

  private static ReceiptRejection reason(VcrSubmission s) {
    return reason(s, TestFixtures.terms(job));
  }

  private static ReceiptRejection reason(VcrSubmission s, JobTerms terms) {
    ReceiptVerdict v = TestFixtures.validator().validate(s, terms, TestFixtures.providerTerms());
    assertThat(v).isInstanceOf(ReceiptVerdict.Rejected.class);
    return ((ReceiptVerdict.Rejected) v).reason();
  }

  private static VcrSubmission with(Vcr v) {
    return new VcrSubmission(
        v,
        honest.header(),
        honest.weightsRoot(),
        honest.leaves(),
        honest.dataProof(),
        honest.lastStep(),
        honest.collateral());
  }

  private static Vcr vcr(
      H256 input, H256 output, Optional<Bytes> commit, Optional<List<Opening>> os) {
    Vcr v = honest.vcr();
    return new Vcr(
        v.jobId(),
        v.provider(),
        input,
        v.modelHash(),
        v.codeHash(),
        v.seed(),
        output,
        v.teeQuote(),
        commit,
        os,
        v.sig());
  }

  private static H256 other(int fill) {
    return H256.of(TestFixtures.bytes(fill));
  }

  @Test
  void flippedSignatureBitIsASignatureFailure() {
    byte[] sig = honest.vcr().sig().toArray();
    sig[10] ^= 1;
    assertThat(reason(with(honest.vcr().withSig(Bytes.of(sig)))))
        .isEqualTo(ReceiptRejection.SIGNATURE);
  }

  @Test
  void outputChangedAfterSigningIsASignatureFailure() {
    Vcr v =
        vcr(honest.vcr().inputHash(), other(5), honest.vcr().kzgCommit(), honest.vcr().openings());
    assertThat(reason(with(v))).isEqualTo(ReceiptRejection.SIGNATURE);
  }

  @Test
  void reSignedFalseOutputOrInputDisagreesWithThePublishedTrace() {
    Vcr out =
        ForgeryRegressionTest.resign(
            vcr(
                honest.vcr().inputHash(),
                other(5),
                honest.vcr().kzgCommit(),
                honest.vcr().openings()));
    assertThat(reason(with(out))).isEqualTo(ReceiptRejection.OUTPUT_MISMATCH);
    Vcr in =
        ForgeryRegressionTest.resign(
            vcr(
                other(6),
                honest.vcr().outputHash(),
                honest.vcr().kzgCommit(),
                honest.vcr().openings()));
    assertThat(reason(with(in))).isEqualTo(ReceiptRejection.INPUT_MISMATCH);
  }

  @Test
  void termsOtherThanTheJobsAreRefused() {
    JobTerms t = TestFixtures.terms(job);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    t.provider(),
                    other(1),
                    t.codeHash(),
                    t.inputHash(),
                    t.seed(),
                    1000)))
        .isEqualTo(ReceiptRejection.MODEL_MISMATCH);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    t.provider(),
                    t.modelHash(),
                    other(1),
                    t.inputHash(),
                    t.seed(),
                    1000)))
        .isEqualTo(ReceiptRejection.CODE_MISMATCH);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    t.provider(),
                    t.modelHash(),
                    t.codeHash(),
                    Optional.of(other(2)),
                    t.seed(),
                    1000)))
        .isEqualTo(ReceiptRejection.INPUT_MISMATCH);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    t.provider(),
                    t.modelHash(),
                    t.codeHash(),
                    t.inputHash(),
                    Optional.of(10L),
                    1000)))
        .isEqualTo(ReceiptRejection.SEED_MISMATCH);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    t.provider(),
                    t.modelHash(),
                    t.codeHash(),
                    t.inputHash(),
                    t.seed(),
                    0)))
        .isEqualTo(ReceiptRejection.OVER_BUDGET);
    assertThat(
            reason(
                honest,
                new JobTerms(
                    t.jobId(),
                    dev.aether.types.Address.ofPublicKey(TestFixtures.bytes(3)),
                    t.modelHash(),
                    t.codeHash(),
                    t.inputHash(),
                    t.seed(),
                    1000)))
        .isEqualTo(ReceiptRejection.WRONG_PROVIDER);
  }

  @Test
  void publishedLeavesThatAreNotTheCommittedVectorAreRefused() {
    List<H256> leaves = new ArrayList<>(honest.leaves());
    leaves.set(3, leaves.get(2));
    VcrSubmission changed =
        new VcrSubmission(
            honest.vcr(),
            honest.header(),
            honest.weightsRoot(),
            leaves,
            honest.dataProof(),
            honest.lastStep(),
            honest.collateral());
    assertThat(reason(changed)).isEqualTo(ReceiptRejection.COMMITMENT);
    VcrSubmission shorter =
        new VcrSubmission(
            honest.vcr(),
            honest.header(),
            honest.weightsRoot(),
            honest.leaves().subList(0, 4),
            honest.dataProof(),
            honest.lastStep(),
            honest.collateral());
    assertThat(reason(shorter)).isEqualTo(ReceiptRejection.COMMITMENT);
  }

  @Test
  void receiptWithoutACommitmentIsRefused() {
    Vcr v =
        ForgeryRegressionTest.resign(
            vcr(
                honest.vcr().inputHash(),
                honest.vcr().outputHash(),
                Optional.empty(),
                Optional.empty()));
    assertThat(reason(with(v))).isEqualTo(ReceiptRejection.COMMITMENT);
  }

  @Test
  void aWrongWeightsRootIsAModelMismatch() {
    VcrSubmission s =
        new VcrSubmission(
            honest.vcr(),
            honest.header(),
            other(9),
            honest.leaves(),
            honest.dataProof(),
            honest.lastStep(),
            honest.collateral());
    assertThat(reason(s)).isEqualTo(ReceiptRejection.MODEL_MISMATCH);
  }

  @Test
  void tamperedSpotCheckOpeningIsAnOpeningFailure() {
    List<Opening> os = new ArrayList<>(honest.vcr().openings().orElseThrow());
    Opening last = os.get(1);
    byte[] proof = last.proof().toArray();
    proof[5] ^= 1;
    os.set(1, new Opening(last.index(), last.value(), Bytes.of(proof)));
    Vcr v =
        ForgeryRegressionTest.resign(
            vcr(
                honest.vcr().inputHash(),
                honest.vcr().outputHash(),
                honest.vcr().kzgCommit(),
                Optional.of(os)));
    assertThat(reason(with(v))).isEqualTo(ReceiptRejection.OPENING);
  }

  @Test
  void jsonRoundTripKeepsTheReceiptValid() {
    VcrSubmission back = VcrJson.read(VcrJson.write(honest));
    assertThat(back.encode()).isEqualTo(honest.encode());
    assertThat(
            TestFixtures.validator()
                .validate(back, TestFixtures.terms(job), TestFixtures.providerTerms())
                .isValid())
        .isTrue();
  }
}
