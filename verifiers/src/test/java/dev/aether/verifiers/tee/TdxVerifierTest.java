package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real Sapphire Rapids TDX quote from go-tdx-guest, against the pinned Intel root. */
class TdxVerifierTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String REPORT_DATA =
      "6c62dec1b8191749a31dab490be532a35944dea47caef1f980863993d9899545eb7406a38d1eed313b987a467dacead6f0c87a6d766c66f6f29f8acb281f1113";
  private static final String MRTD =
      "6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb";

  private final TeeVerifier verifier = new TeeVerifier();

  private Verdict verify(final byte[] quote, final Policy policy, final Instant at) {
    return verifier.verify(quote, Collateral.none(), policy, Optional.empty(), at);
  }

  private Verdict verify(final byte[] quote) {
    return verify(quote, Vectors.tdxPolicy(), Vectors.TDX_AT);
  }

  private static Reason reason(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason();
  }

  private static byte[] set(final byte[] in, final int off, final int value) {
    final byte[] out = in.clone();
    out[off] = (byte) value;
    return out;
  }

  @Test
  void realQuoteVerifiesAsOfItsDate() {
    final Verdict v = verify(Vectors.tdxQuote());
    assertThat(v.isValid()).as(v.toString()).isTrue();
    final TdxQuote q = (TdxQuote) ((Verdict.Valid) v).evidence();
    assertThat(HEX.formatHex(q.reportData())).isEqualTo(REPORT_DATA);
    assertThat(HEX.formatHex(q.mrTd())).isEqualTo(MRTD);
    assertThat(q.debug()).isFalse();
    assertThat(q.trailingBytes()).isEqualTo(39);
  }

  @Test
  void parsesHeaderBodyAndSignatureData() throws Exception {
    final TdxQuote q = TdxQuote.parse(Vectors.tdxQuote());
    assertThat(q.version()).isEqualTo(4);
    assertThat(HEX.formatHex(q.qeVendorId())).isEqualTo("939a7233f79c4ca9940a0db3957f0607");
    assertThat(HEX.formatHex(q.teeTcbSvn())).isEqualTo("03000400000000000000000000000000");
    assertThat(q.tdAttributes()).isEqualTo(0x40000000L);
    assertThat(q.xfam()).isEqualTo(0x61ae7L);
    assertThat(q.qeIsvProdId()).isEqualTo(2);
    assertThat(q.qeIsvSvn()).isEqualTo(4);
    assertThat(HEX.formatHex(q.qeMrSigner()))
        .isEqualTo("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
    assertThat(q.qeAuthData()).hasSize(32);
    assertThat(new String(q.pckChain(), java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(HEX.formatHex(q.rtmr(3))).isEqualTo("00".repeat(48));
  }

  @Test
  void expiredCertificatesFailInTheFuture() {
    // go-tdx-guest: 2053-07-01 must fail, the PCK leaf expired 2029-09-20.
    assertThat(
            reason(
                verify(
                    Vectors.tdxQuote(),
                    Vectors.tdxPolicy(),
                    Instant.parse("2053-07-01T00:00:00Z"))))
        .isEqualTo(Reason.CERT_VALIDITY);
    assertThat(
            reason(
                verify(
                    Vectors.tdxQuote(),
                    Vectors.tdxPolicy(),
                    Instant.parse("2022-09-20T13:20:00Z"))))
        .isEqualTo(Reason.CERT_VALIDITY);
  }

  @Test
  void upstreamNegativeMutationsFailWithTheRightReason() {
    final byte[] q = Vectors.tdxQuote();
    assertThat(reason(verify(set(q, 0x00, 0x03)))).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(reason(verify(set(q, 0x278, 0x10)))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(verify(set(q, 0x1343, 0x32))).group()).isEqualTo(Reason.Group.CHAIN);
    assertThat(reason(verify(set(q, 0x1329, 0x32))).group()).isEqualTo(Reason.Group.CHAIN);
    assertThat(reason(verify(set(q, 0xF5F, 0x32))).group()).isEqualTo(Reason.Group.CHAIN);
    assertThat(reason(verify(set(q, 0xB77, 0x32))).group()).isEqualTo(Reason.Group.CHAIN);
    assertThat(reason(verify(set(q, 0x1E, 0x32)))).isEqualTo(Reason.REPORT_SIGNATURE);
    assertThat(reason(verify(set(q, 0x3C, 0x32)))).isEqualTo(Reason.REPORT_SIGNATURE);
  }

  @Test
  void everySignedByteAndTheQuoteSignatureMatter() {
    final byte[] good = Vectors.tdxQuote();
    for (int off = 0; off < TdxQuote.SIGNED_END + 4 + 64; off++) {
      final Verdict v = verify(Vectors.flip(good, off, 0x01));
      final Reason r = reason(v);
      if (off < 8 || off >= TdxQuote.SIGNED_END && off < TdxQuote.SIGNED_END + 4) {
        // version, key type, TEE type, signature data length: no longer a parseable quote
        assertThat(r.group()).as("offset 0x%x", off).isEqualTo(Reason.Group.FORMAT);
      } else {
        assertThat(r).as("offset 0x%x", off).isEqualTo(Reason.REPORT_SIGNATURE);
      }
    }
  }

  @Test
  void attestationKeyQeReportAndItsSignatureMatter() {
    final byte[] good = Vectors.tdxQuote();
    final int ak = TdxQuote.SIGNED_END + 4 + 64;
    final int qeReport = ak + 64 + 6;
    for (int off = ak; off < ak + 64; off++) {
      assertThat(reason(verify(Vectors.flip(good, off, 0x01))))
          .as("AK offset %d", off)
          .isEqualTo(Reason.ATTESTATION_KEY_BINDING);
    }
    for (int off = qeReport; off < qeReport + 384 + 64; off++) {
      assertThat(reason(verify(Vectors.flip(good, off, 0x01))))
          .as("QE report offset %d", off)
          .isEqualTo(Reason.QE_REPORT_SIGNATURE);
    }
    // QE auth data is bound through the QE report data hash.
    final int auth = qeReport + 384 + 64 + 2;
    assertThat(reason(verify(Vectors.flip(good, auth, 0x01))))
        .isEqualTo(Reason.ATTESTATION_KEY_BINDING);
  }

  @Test
  void everyByteOfThePckChainMatters() throws Exception {
    final byte[] good = Vectors.tdxQuote();
    final TdxQuote q = TdxQuote.parse(good);
    final int start = good.length - q.trailingBytes() - q.pckChain().length;
    for (final int i : Vectors.positions(q.pckChain().length, 600, 3)) {
      final int off = start + i;
      final Verdict v = verify(Vectors.flip(good, off, 0x01));
      assertThat(v.isValid()).as("PCK chain offset %d", off).isFalse();
      final Reason r = reason(v);
      // A PCK key flip is caught by the chain signature before the QE report check.
      assertThat(r.group()).as("PCK chain offset %d: %s", off, v).isEqualTo(Reason.Group.CHAIN);
    }
  }

  @Test
  void policyChecks() {
    final byte[] q = Vectors.tdxQuote();
    assertThat(
            verify(q, Vectors.tdxPolicy().withAllowedMeasurements(Set.of(MRTD)), Vectors.TDX_AT)
                .isValid())
        .isTrue();
    assertThat(
            reason(
                verify(
                    q,
                    Vectors.tdxPolicy().withAllowedMeasurements(Set.of("11".repeat(48))),
                    Vectors.TDX_AT)))
        .isEqualTo(Reason.POLICY_MEASUREMENT);
    assertThat(
            reason(
                verify(
                    q,
                    Vectors.tdxPolicy().withAllowedRtmr(3, Set.of("11".repeat(48))),
                    Vectors.TDX_AT)))
        .isEqualTo(Reason.POLICY_RTMR);
    assertThat(
            verify(
                    q,
                    Vectors.tdxPolicy().withAllowedRtmr(3, Set.of("00".repeat(48))),
                    Vectors.TDX_AT)
                .isValid())
        .isTrue();
    assertThat(
            verify(
                    q,
                    Vectors.tdxPolicy().withMinTdxTeeTcbSvn("03000400000000000000000000000000"),
                    Vectors.TDX_AT)
                .isValid())
        .isTrue();
    assertThat(
            reason(
                verify(
                    q,
                    Vectors.tdxPolicy().withMinTdxTeeTcbSvn("03000500000000000000000000000000"),
                    Vectors.TDX_AT)))
        .isEqualTo(Reason.TCB_TOO_LOW);
  }

  @Test
  void reportDataBinding() {
    final byte[] q = Vectors.tdxQuote();
    final byte[] rd = HEX.parseHex(REPORT_DATA);
    assertThat(
            verifier
                .verify(q, Collateral.none(), Vectors.tdxPolicy(), Optional.of(rd), Vectors.TDX_AT)
                .isValid())
        .isTrue();
    rd[0] ^= 1;
    assertThat(
            reason(
                verifier.verify(
                    q, Collateral.none(), Vectors.tdxPolicy(), Optional.of(rd), Vectors.TDX_AT)))
        .isEqualTo(Reason.REPORT_DATA_MISMATCH);
  }

  @Test
  void truncatedAndOversizedQuotesAreRejectedCleanly() {
    final byte[] q = Vectors.tdxQuote();
    for (final int len : new int[] {8, 47, 631, 632, 635, 700, 1000, 4900, 4934}) {
      assertThat(reason(verify(Arrays.copyOf(q, len))).group())
          .as("length %d", len)
          .isEqualTo(Reason.Group.FORMAT);
    }
    assertThat(reason(verify(Arrays.copyOf(q, TeeVerifier.MAX_EVIDENCE_BYTES + 1))))
        .isEqualTo(Reason.OVERSIZED);
  }
}
