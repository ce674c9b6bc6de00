package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link InputFuzzer} over the real KZG (c-kzg-4844) and BLS (blst) paths: a short seeded run
 * in the default suite, a long one under {@code make soak}. Two deliberately broken implementations
 * show that the fuzzer catches both kinds of fault it looks for.
 */
class KzgBlsFuzzTest {

  private static final Kzg KZG = Kzg.ethereum();
  private static final InputFuzzer.KzgFixture KZG_FIXTURE = InputFuzzer.KzgFixture.make(KZG, 4844);
  private static final InputFuzzer.BlsFixture BLS_FIXTURE =
      InputFuzzer.BlsFixture.make(Bls.INSTANCE, 12381);

  private static List<InputFuzzer.Violation> kzg(final Kzg kzg, final long seed, final int n) {
    final InputFuzzer f = new InputFuzzer(seed);
    f.fuzzKzg(kzg, KZG_FIXTURE, n);
    return f.violations();
  }

  private static List<InputFuzzer.Violation> bls(
      final BlsAggregator bls, final long seed, final int n) {
    final InputFuzzer f = new InputFuzzer(seed);
    f.fuzzBls(bls, BLS_FIXTURE, n);
    return f.violations();
  }

  /** The violations of a run that stops at the first one (for the broken implementations). */
  private static List<InputFuzzer.Violation> firstKzg(final Kzg kzg, final int n) {
    final InputFuzzer f = new InputFuzzer(1).stopAtFirstViolation();
    f.fuzzKzg(kzg, KZG_FIXTURE, n);
    return f.violations();
  }

  private static List<InputFuzzer.Violation> firstBls(final BlsAggregator bls, final int n) {
    final InputFuzzer f = new InputFuzzer(2).stopAtFirstViolation();
    f.fuzzBls(bls, BLS_FIXTURE, n);
    return f.violations();
  }

  @Test
  void kzgInputPathsRefuseOrRejectEveryMutation() {
    assertThat(kzg(KZG, 1, 150)).isEmpty();
  }

  @Test
  void blsInputPathsRefuseOrRejectEveryMutation() {
    assertThat(bls(Bls.INSTANCE, 2, 1_500)).isEmpty();
  }

  @Test
  @Tag("soak")
  void longKzgRun() {
    for (long seed = 100; seed < 105; seed++) {
      assertThat(kzg(KZG, seed, 1_000)).isEmpty();
    }
  }

  @Test
  @Tag("soak")
  void longBlsRun() {
    for (long seed = 200; seed < 210; seed++) {
      assertThat(bls(Bls.INSTANCE, seed, 5_000)).isEmpty();
    }
  }

  /** A verifier that also accepts the negated signature (a lost sign bit) is caught. */
  @Test
  void aBlsVerifierThatIgnoresTheSignBitIsCaught() {
    final BlsAggregator broken =
        new ForwardingBls() {
          @Override
          public boolean verify(final BlsPublicKey pk, final byte[] msg, final BlsSignature sig) {
            final byte[] negated = sig.bytes();
            negated[0] ^= 0x20;
            return Bls.INSTANCE.verify(pk, msg, sig)
                || Bls.INSTANCE.verify(pk, msg, new BlsSignature(negated));
          }
        };
    assertThat(firstBls(broken, 1_500))
        .anySatisfy(
            v -> {
              assertThat(v.target()).isEqualTo("bls verify");
              assertThat(v.what()).isEqualTo("accepted a mutated input");
            });
  }

  /** A KZG wrapper that lets a foreign exception through instead of CryptoException is caught. */
  @Test
  void aKzgPathThatThrowsAForeignExceptionIsCaught() {
    final Kzg broken =
        new ForwardingKzg() {
          @Override
          public boolean verifyProof(
              final KzgCommitment c,
              final KzgFieldElement z,
              final KzgFieldElement y,
              final KzgProof p) {
            try {
              return KZG.verifyProof(c, z, y, p);
            } catch (CryptoException e) {
              throw new IllegalStateException(e.getMessage());
            }
          }
        };
    assertThat(firstKzg(broken, 150))
        .anySatisfy(v -> assertThat(v.what()).startsWith("threw java.lang.IllegalStateException"));
  }

  /** Delegates every call to the real BLS implementation. */
  private static class ForwardingBls implements BlsAggregator {
    @Override
    public boolean verify(final BlsPublicKey pk, final byte[] msg, final BlsSignature sig) {
      return Bls.INSTANCE.verify(pk, msg, sig);
    }

    @Override
    public BlsSignature aggregate(final List<BlsSignature> signatures) {
      return Bls.INSTANCE.aggregate(signatures);
    }

    @Override
    public boolean fastAggregateVerify(
        final List<BlsPublicKey> pks, final byte[] msg, final BlsSignature sig) {
      return Bls.INSTANCE.fastAggregateVerify(pks, msg, sig);
    }

    @Override
    public boolean aggregateVerify(
        final List<BlsPublicKey> pks, final List<byte[]> msgs, final BlsSignature sig) {
      return Bls.INSTANCE.aggregateVerify(pks, msgs, sig);
    }

    @Override
    public boolean verifyPossession(final BlsPublicKey pk, final BlsSignature proof) {
      return Bls.INSTANCE.verifyPossession(pk, proof);
    }
  }

  /** Delegates every call to the real KZG implementation. */
  private static class ForwardingKzg implements Kzg {
    @Override
    public KzgCommitment blobToCommitment(final Blob blob) {
      return KZG.blobToCommitment(blob);
    }

    @Override
    public KzgProofAndY computeProof(final Blob blob, final KzgFieldElement z) {
      return KZG.computeProof(blob, z);
    }

    @Override
    public boolean verifyProof(
        final KzgCommitment c, final KzgFieldElement z, final KzgFieldElement y, final KzgProof p) {
      return KZG.verifyProof(c, z, y, p);
    }

    @Override
    public KzgProof computeBlobProof(final Blob blob, final KzgCommitment commitment) {
      return KZG.computeBlobProof(blob, commitment);
    }

    @Override
    public boolean verifyBlobProof(final Blob blob, final KzgCommitment c, final KzgProof p) {
      return KZG.verifyBlobProof(blob, c, p);
    }

    @Override
    public boolean verifyBlobProofBatch(
        final List<Blob> blobs, final List<KzgCommitment> cs, final List<KzgProof> ps) {
      return KZG.verifyBlobProofBatch(blobs, cs, ps);
    }
  }
}
