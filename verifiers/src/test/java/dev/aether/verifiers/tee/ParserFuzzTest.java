package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property: for any bytes — random, or real evidence with random edits — parsing either succeeds or
 * throws {@link TeeException}, and verification returns a verdict; nothing else ever escapes. Seeds
 * are fixed by QuickTheories' default, so failures reproduce.
 */
class ParserFuzzTest {

  /** Evidence seeds 0..2 (SEV-SNP, TDX, an unsigned development quote), certificates 3..4. */
  private static final byte[][] SEEDS = {
    Vectors.snpReport(), Vectors.tdxQuote(), devShaped(), Vectors.vcek(), Vectors.milanChain()
  };

  private static byte[] devShaped() {
    final byte[] b = new byte[DevQuote.SIZE];
    final byte[] magic = DevQuote.MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, b, 0, magic.length);
    return b;
  }

  private final TeeVerifier verifier = new TeeVerifier();
  private final Collateral vcek = collateral();

  private static Collateral collateral() {
    try {
      return Collateral.ofCertificates(List.of(Vectors.vcek()));
    } catch (TeeException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A seed input with up to 8 random byte edits, a random truncation or extension. */
  private static Gen<byte[]> mutated() {
    final Gen<Integer> which = integers().between(0, 2);
    final Gen<List<Integer>> edits = lists().of(integers().all()).ofSizeBetween(0, 8);
    // Mostly the original length, so edits reach the signature and chain checks.
    final Gen<Integer> resize =
        integers().between(-64, 64).map(r -> Math.floorMod(r, 4) == 0 ? r : 0);
    return which.zip(edits, resize, (w, e, r) -> mutate(SEEDS[w], e, r));
  }

  private static byte[] mutate(final byte[] seed, final List<Integer> edits, final int resize) {
    final int len = Math.max(0, seed.length + resize);
    final byte[] out = java.util.Arrays.copyOf(seed, len);
    for (final int e : edits) {
      if (len > 0) {
        out[Math.floorMod(e, len)] = (byte) (e >>> 24);
      }
    }
    return out;
  }

  private static Gen<byte[]> randomBytes() {
    return lists()
        .of(integers().between(0, 255))
        .ofSizeBetween(0, 1400)
        .map(
            l -> {
              final byte[] b = new byte[l.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) l.get(i);
              }
              return b;
            });
  }

  private void neverThrowsAnythingButTeeException(final byte[] input) {
    try {
      TeeVerifier.parse(input);
    } catch (TeeException e) {
      assertThat(e.reason()).isNotNull();
    }
    final Verdict v =
        verifier.verify(
            input,
            vcek,
            Policy.strict().withAllowDebug(true).withDevAttestations(true, java.util.Set.of()),
            Optional.empty(),
            Vectors.TDX_AT);
    assertThat(v).isNotNull();
  }

  @Test
  void mutatedRealEvidenceNeverEscapesTheErrorType() {
    qt().withExamples(300).forAll(mutated()).checkAssert(this::neverThrowsAnythingButTeeException);
  }

  @Test
  void randomBytesNeverEscapeTheErrorType() {
    qt().withExamples(300)
        .forAll(randomBytes())
        .checkAssert(this::neverThrowsAnythingButTeeException);
  }

  @Test
  void mutatedCertificatesNeverEscapeTheErrorType() {
    final Gen<List<Integer>> edits = lists().of(integers().all()).ofSizeBetween(1, 6);
    qt().withExamples(300)
        .forAll(arbitrary().pick(3, 4), edits)
        .checkAssert(
            (w, e) -> {
              final byte[] cert = mutate(SEEDS[w], e, 0);
              try {
                Certs.parse(cert, "fuzz");
              } catch (TeeException ex) {
                assertThat(ex.reason().group()).isIn(Reason.Group.CHAIN, Reason.Group.FORMAT);
              }
            });
  }

  @Test
  @Tag("soak")
  void longFuzzRun() {
    qt().withExamples(20_000)
        .forAll(mutated())
        .checkAssert(this::neverThrowsAnythingButTeeException);
    qt().withExamples(20_000)
        .forAll(randomBytes())
        .checkAssert(this::neverThrowsAnythingButTeeException);
  }
}
