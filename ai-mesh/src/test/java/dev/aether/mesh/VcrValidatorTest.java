package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.mesh.engine.OperatorSet;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeBinding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of tampering is rejected, and for its own reason. */
class VcrValidatorTest {
  private static Vcr honest;
  private static final VcrValidator DEVNET =
      TestFixtures.validator(TestFixtures.MODELS, TestFixtures.KZG, TestFixtures.DEVNET);

  @BeforeAll
  static void runJob() {
    honest = TestFixtures.provider().run(TestFixtures.sampleJob("digits-mlp", 9)).signVcr();
  }

  private static VcrRejection reason(Vcr v) {
    VcrVerdict verdict = DEVNET.validate(v);
    assertThat(verdict).isInstanceOf(VcrVerdict.Rejected.class);
    return ((VcrVerdict.Rejected) verdict).reason();
  }

  /** A copy with some fields replaced, re-signed by the provider (a lying provider). */
  private static Vcr lie(
      H256 input, H256 model, H256 code, H256 output, Bytes quote, Optional<List<Opening>> ops) {
    Vcr v =
        new Vcr(
            honest.jobId(),
            honest.provider(),
            input,
            model,
            code,
            honest.seed(),
            output,
            quote,
            honest.kzgCommit(),
            ops,
            honest.sig());
    return v.withSig(Bytes.of(TestFixtures.PROVIDER_KEY.sign(v.signingBytes())));
  }

  /** A fresh dev quote that binds the given fields (so only the later checks can fail). */
  private static Bytes quoteFor(H256 input, H256 model, H256 code) {
    return Bytes.of(
        TestFixtures.ATTESTER.quote(
            new TeeBinding(
                    honest.jobId().toArray(),
                    input.toArray(),
                    model.toArray(),
                    code.toArray(),
                    honest.seed(),
                    TestFixtures.PROVIDER_KEY.publicKey())
                .reportData()));
  }

  private static H256 other(int fill) {
    return H256.of(TestFixtures.bytes(fill));
  }

  @Test
  void honestReceiptIsValid() {
    assertThat(DEVNET.validate(honest)).isEqualTo(new VcrVerdict.Valid());
  }

  @Test
  void flippedSignatureBitIsASignatureFailure() {
    byte[] sig = honest.sig().toArray();
    sig[10] ^= 1;
    assertThat(reason(honest.withSig(Bytes.of(sig)))).isEqualTo(VcrRejection.SIGNATURE);
  }

  @Test
  void outputChangedAfterSigningIsASignatureFailure() {
    Vcr v =
        new Vcr(
            honest.jobId(),
            honest.provider(),
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.seed(),
            other(5),
            honest.teeQuote(),
            honest.kzgCommit(),
            honest.openings(),
            honest.sig());
    assertThat(reason(v)).isEqualTo(VcrRejection.SIGNATURE);
  }

  @Test
  void reSignedFalseOutputDisagreesWithTheCommittedLastStep() {
    Vcr v =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            other(5),
            honest.teeQuote(),
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.OUTPUT_MISMATCH);
  }

  @Test
  void inputOtherThanTheCommittedFirstStepIsAnInputMismatch() {
    Vcr v =
        lie(
            other(6),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            quoteFor(other(6), honest.modelHash(), honest.codeHash()),
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.INPUT_MISMATCH);
  }

  @Test
  void modelHashChangedUnderTheOldQuoteIsABindingFailure() {
    Vcr v =
        lie(
            honest.inputHash(),
            other(7),
            honest.codeHash(),
            honest.outputHash(),
            honest.teeQuote(),
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.BINDING);
  }

  @Test
  void quoteForAnotherJobIsABindingFailure() {
    Vcr v =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            quoteFor(other(8), honest.modelHash(), honest.codeHash()),
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.BINDING);
  }

  @Test
  void receiptSignedByAKeyTheQuoteDoesNotVouchForIsABindingFailure() {
    Ed25519Key stranger = Ed25519Key.fromSeed(TestFixtures.bytes(0x33));
    Vcr v =
        new Vcr(
            honest.jobId(),
            Address.ofPublicKey(stranger.publicKey()),
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.seed(),
            honest.outputHash(),
            honest.teeQuote(),
            honest.kzgCommit(),
            honest.openings(),
            honest.sig());
    assertThat(reason(v.withSig(Bytes.of(stranger.sign(v.signingBytes())))))
        .isEqualTo(VcrRejection.BINDING);
  }

  @Test
  void devQuoteFromAnUntrustedDevKeyIsAQuoteFailure() {
    DevAttester rogue = new DevAttester(TestFixtures.bytes(0x44));
    Bytes q =
        Bytes.of(
            rogue.quote(
                new TeeBinding(
                        honest.jobId().toArray(),
                        honest.inputHash().toArray(),
                        honest.modelHash().toArray(),
                        honest.codeHash().toArray(),
                        honest.seed(),
                        TestFixtures.PROVIDER_KEY.publicKey())
                    .reportData()));
    Vcr v =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            q,
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.QUOTE);
  }

  @Test
  void corruptedQuoteIsAQuoteFailure() {
    byte[] q = honest.teeQuote().toArray();
    q[q.length - 1] ^= 1; // inside the dev TEE's signature
    Vcr v =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            Bytes.of(q),
            honest.openings());
    assertThat(reason(v)).isEqualTo(VcrRejection.QUOTE);
  }

  @Test
  void devQuoteUnderAHardwareOnlyPolicyIsAQuoteFailure() {
    var strict = TestFixtures.validator(TestFixtures.MODELS, TestFixtures.KZG, Policy.strict());
    VcrVerdict v = strict.validate(honest);
    assertThat(v).isInstanceOf(VcrVerdict.Rejected.class);
    assertThat(((VcrVerdict.Rejected) v).reason()).isEqualTo(VcrRejection.QUOTE);
  }

  @Test
  void unregisteredModelAndForeignOperatorSetAreRefused() {
    Vcr unknown =
        lie(
            honest.inputHash(),
            other(9),
            honest.codeHash(),
            honest.outputHash(),
            quoteFor(honest.inputHash(), other(9), honest.codeHash()),
            honest.openings());
    assertThat(reason(unknown)).isEqualTo(VcrRejection.UNKNOWN_MODEL);
    Vcr code =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            other(10),
            honest.outputHash(),
            quoteFor(honest.inputHash(), honest.modelHash(), other(10)),
            honest.openings());
    assertThat(reason(code)).isEqualTo(VcrRejection.CODE_HASH);
    assertThat(H256.of(OperatorSet.codeHash())).isEqualTo(honest.codeHash());
  }

  @Test
  void tamperedOpeningProofOrValueIsAnOpeningFailure() {
    List<Opening> ops = honest.openings().orElseThrow();
    byte[] proof = ops.get(1).proof().toArray();
    proof[20] ^= 1;
    Vcr badProof =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            honest.teeQuote(),
            Optional.of(
                List.of(
                    ops.get(0),
                    new Opening(ops.get(1).index(), ops.get(1).value(), Bytes.of(proof)))));
    assertThat(reason(badProof)).isEqualTo(VcrRejection.OPENING);
    byte[] value = ops.get(0).value().toArray();
    value[31] ^= 1;
    Vcr badValue =
        lie(
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.outputHash(),
            honest.teeQuote(),
            Optional.of(List.of(new Opening(0, Bytes.of(value), ops.get(0).proof()), ops.get(1))));
    assertThat(reason(badValue)).isEqualTo(VcrRejection.OPENING);
  }

  @Test
  void receiptWithoutATraceCommitmentIsACommitmentFailure() {
    Vcr v =
        new Vcr(
            honest.jobId(),
            honest.provider(),
            honest.inputHash(),
            honest.modelHash(),
            honest.codeHash(),
            honest.seed(),
            honest.outputHash(),
            honest.teeQuote(),
            Optional.empty(),
            Optional.empty(),
            honest.sig());
    assertThat(reason(v.withSig(Bytes.of(TestFixtures.PROVIDER_KEY.sign(v.signingBytes())))))
        .isEqualTo(VcrRejection.COMMITMENT);
  }

  @Test
  void jsonRoundTripKeepsTheReceiptValid() {
    Vcr back = VcrJson.read(VcrJson.write(honest));
    assertThat(back).isEqualTo(honest);
    assertThat(DEVNET.validate(back).isValid()).isTrue();
  }
}
