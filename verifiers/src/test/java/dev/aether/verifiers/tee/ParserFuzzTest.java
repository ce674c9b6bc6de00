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
 * Properties: for any bytes — random, or real evidence with random edits — parsing either succeeds
 * or throws {@link TeeException}, and verification returns a verdict; nothing else ever escapes.
 * And mutated valid evidence is <em>rejected</em>: every edit of a valid SEV-SNP report, TDX quote
 * or development quote must give {@link Verdict.Invalid}, with one documented exception — bytes
 * after a TDX quote's signature data, which no signature covers (see docs/tee.md), where the
 * verdict must stay valid and {@code trailingBytes()} must report them. Seeds are fixed by
 * QuickTheories' default, so failures reproduce.
 */
class ParserFuzzTest {

  private static final DevTeeSigner DEV = devSigner();

  /**
   * Evidence seeds 0..3 (SEV-SNP, TDX, a signed development quote, an unsigned dev-shaped quote),
   * certificates 4..5. Seeds 0..2 verify under {@link #POLICY} at {@link #AT}.
   */
  private static final byte[][] SEEDS = {
    Vectors.snpReport(),
    Vectors.tdxQuote(),
    DEV.quote(new byte[48], new byte[64]),
    devShaped(),
    Vectors.vcek(),
    Vectors.milanChain()
  };

  private static final int VALID_SEEDS = 3;

  /** Both recorded vectors verify at this instant (the VCEK from 2022-09-24, the PCK chain). */
  private static final java.time.Instant AT = Vectors.TDX_AT;

  /** What the seeds need: debug and SMT (the SNP guest), no TDX collateral, the dev key. */
  private static final Policy POLICY =
      Vectors.snpPolicy()
          .withRequireTdxCollateral(false)
          .withDevAttestations(
              true, java.util.Set.of(java.util.HexFormat.of().formatHex(DEV.publicKey())));

  /** End of the TDX seed's signature data: later bytes are covered by no signature. */
  private static final int TDX_SIGNED_DATA_END = tdxSignedDataEnd();

  private static DevTeeSigner devSigner() {
    try {
      final java.security.KeyPairGenerator g =
          java.security.KeyPairGenerator.getInstance("Ed25519");
      final java.security.SecureRandom rnd = java.security.SecureRandom.getInstance("SHA1PRNG");
      rnd.setSeed(77);
      g.initialize(255, rnd);
      return new DevTeeSigner(g.generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int tdxSignedDataEnd() {
    try {
      final byte[] q = Vectors.tdxQuote();
      return q.length - TdxQuote.parse(q).trailingBytes();
    } catch (TeeException e) {
      throw new IllegalStateException(e);
    }
  }

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

  /** An evidence seed (its index and the mutated bytes). */
  private record Mutated(int seed, byte[] bytes) {}

  /** A seed input with up to 8 random byte edits, a random truncation or extension. */
  private static Gen<Mutated> mutated() {
    final Gen<Integer> which = integers().between(0, 3);
    final Gen<List<Integer>> edits = lists().of(integers().all()).ofSizeBetween(0, 8);
    // Mostly the original length, so edits reach the signature and chain checks.
    final Gen<Integer> resize =
        integers().between(-64, 64).map(r -> Math.floorMod(r, 4) == 0 ? r : 0);
    return which.zip(edits, resize, (w, e, r) -> new Mutated(w, mutate(SEEDS[w], e, r)));
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

  private Verdict neverThrowsAnythingButTeeException(final byte[] input) {
    try {
      TeeVerifier.parse(input);
    } catch (TeeException e) {
      assertThat(e.reason()).isNotNull();
    }
    final Verdict v = verifier.verify(input, vcek, POLICY, Optional.empty(), AT);
    assertThat(v).isNotNull();
    return v;
  }

  /** Nothing escapes, and a mutation of valid evidence is rejected (bar the TDX unsigned tail). */
  private void mutatedValidEvidenceIsRejected(final Mutated m) {
    final Verdict v = neverThrowsAnythingButTeeException(m.bytes());
    if (m.seed() >= VALID_SEEDS) {
      assertThat(v.isValid()).as("an invalid seed cannot become valid by editing").isFalse();
      return;
    }
    final byte[] seed = SEEDS[m.seed()];
    if (java.util.Arrays.equals(m.bytes(), seed)) {
      assertThat(v.isValid()).as("unchanged seed %d: %s", m.seed(), v).isTrue();
    } else if (m.seed() == 1 && onlyTheUnsignedTdxTailDiffers(m.bytes())) {
      assertThat(v.isValid()).as("TDX tail-only edit: %s", v).isTrue();
      final TdxQuote q = (TdxQuote) ((Verdict.Valid) v).evidence();
      assertThat(q.trailingBytes()).isEqualTo(m.bytes().length - TDX_SIGNED_DATA_END);
    } else {
      assertThat(v.isValid()).as("mutated seed %d must be rejected, got %s", m.seed(), v).isFalse();
    }
  }

  private static boolean onlyTheUnsignedTdxTailDiffers(final byte[] b) {
    return b.length >= TDX_SIGNED_DATA_END
        && java.util.Arrays.equals(b, 0, TDX_SIGNED_DATA_END, SEEDS[1], 0, TDX_SIGNED_DATA_END);
  }

  @Test
  void theValidSeedsVerify() {
    for (int i = 0; i < VALID_SEEDS; i++) {
      final Verdict v = verifier.verify(SEEDS[i], vcek, POLICY, Optional.empty(), AT);
      assertThat(v.isValid()).as("seed %d: %s", i, v).isTrue();
    }
  }

  @Test
  void mutatedRealEvidenceIsRejectedAndNeverEscapesTheErrorType() {
    qt().withExamples(300).forAll(mutated()).checkAssert(this::mutatedValidEvidenceIsRejected);
  }

  /** Single-byte edits at every offset class of each valid seed: a denser check than the above. */
  @Test
  void everySingleByteEditOfValidEvidenceIsRejected() {
    qt().withExamples(300)
        .forAll(
            integers().between(0, VALID_SEEDS - 1), integers().all(), integers().between(1, 255))
        .checkAssert(
            (w, at, mask) -> {
              final byte[] b = SEEDS[w].clone();
              b[Math.floorMod(at, b.length)] ^= (byte) (int) mask;
              mutatedValidEvidenceIsRejected(new Mutated(w, b));
            });
  }

  @Test
  void randomBytesNeverEscapeTheErrorType() {
    qt().withExamples(300)
        .forAll(randomBytes())
        .checkAssert(b -> assertThat(neverThrowsAnythingButTeeException(b).isValid()).isFalse());
  }

  @Test
  void mutatedCertificatesNeverEscapeTheErrorType() {
    final Gen<List<Integer>> edits = lists().of(integers().all()).ofSizeBetween(1, 6);
    qt().withExamples(300)
        .forAll(arbitrary().pick(4, 5), edits)
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
    qt().withExamples(20_000).forAll(mutated()).checkAssert(this::mutatedValidEvidenceIsRejected);
    qt().withExamples(20_000)
        .forAll(randomBytes())
        .checkAssert(b -> assertThat(neverThrowsAnythingButTeeException(b).isValid()).isFalse());
  }
}
