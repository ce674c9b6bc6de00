package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real Milan report from go-sev-guest, against its VCEK and the pinned ARK. */
class SnpVerifierTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String MEASUREMENT =
      "b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01";

  private final TeeVerifier verifier = new TeeVerifier();

  /** The test report was taken from a debug-enabled guest (POLICY 0xb0000). */
  private static final Policy DEBUG_OK = Vectors.snpPolicy();

  private Verdict verify(final byte[] report, final List<byte[]> certs, final Policy policy)
      throws TeeException {
    return verifier.verify(
        report, Collateral.ofCertificates(certs), policy, Optional.empty(), Vectors.SNP_AT);
  }

  private static Reason reason(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason();
  }

  @Test
  void realReportVerifiesAsOfItsDateWithVcekAndFullChain() throws Exception {
    final Verdict v =
        verify(Vectors.snpReport(), List.of(Vectors.vcek(), Vectors.milanChain()), DEBUG_OK);
    assertThat(v.isValid()).as(v.toString()).isTrue();
    final SnpReport r = (SnpReport) ((Verdict.Valid) v).evidence();
    assertThat(HEX.formatHex(r.measurement())).isEqualTo(MEASUREMENT);
    assertThat(r.reportData()).startsWith(1, 2, 3, 4, 5);
    assertThat(r.policy()).isEqualTo(0xb0000L);
  }

  @Test
  void vcekAloneSufficesBecauseAskIsBuiltIn() throws Exception {
    assertThat(verify(Vectors.snpReport(), List.of(Vectors.vcek()), DEBUG_OK).isValid()).isTrue();
  }

  @Test
  void parsesEveryV2FieldAtItsOffset() throws Exception {
    final SnpReport r = SnpReport.parse(Vectors.snpReport());
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.vmpl()).isZero();
    assertThat(r.signatureAlgo()).isEqualTo(1);
    assertThat(r.signingKey()).isEqualTo(SnpReport.SigningKey.VCEK);
    assertThat(r.debugAllowed()).isTrue();
    assertThat(r.smtAllowed()).isTrue();
    assertThat(r.cpuidFamily()).isEmpty();
    assertThat(r.launchMitVector()).isEmpty();
    assertThat(SnpTcb.decode(r.reportedTcbRaw(), SnpProduct.MILAN))
        .isEqualTo(new SnpTcb(0, 2, 0, 5, 68));
    assertThat(HEX.formatHex(r.chipId()))
        .isEqualTo(
            "3ac3fe21e13fb0990eb28a802e3fb6a29483a6b0753590c951bdd3b8e53786184ca39e359669a2b76a1936776b564ea464cdce40c05f63c9b610c5068b006b5d");
    assertThat(r.fields()).containsEntry("measurement", MEASUREMENT);
  }

  @Test
  void reportsWithVersion3And5ExposeTheirExtraFields() throws Exception {
    final byte[] b = Vectors.snpReport();
    b[0] = 5;
    b[0x188] = 0x19;
    b[0x189] = 0x11;
    b[0x18A] = 0x01;
    b[0x1F8] = 0x07;
    b[0x200] = 0x03;
    final SnpReport r = SnpReport.parse(b);
    assertThat(r.cpuidFamily()).contains(0x19);
    assertThat(r.cpuidModel()).contains(0x11);
    assertThat(r.cpuidStepping()).contains(1);
    assertThat(r.productFromCpuid()).isEqualTo(SnpProduct.GENOA);
    assertThat(r.launchMitVector()).contains(7L);
    assertThat(r.currentMitVector()).contains(3L);
    b[0] = 3;
    assertThat(SnpReport.parse(b).launchMitVector()).isEmpty();
  }

  @Test
  void turinTcbLayoutPutsFmcFirst() {
    assertThat(SnpTcb.decode(0x4400000004030201L, SnpProduct.TURIN))
        .isEqualTo(new SnpTcb(1, 2, 3, 4, 0x44));
    assertThat(SnpTcb.decode(0x4405000000000002L, SnpProduct.MILAN))
        .isEqualTo(new SnpTcb(0, 2, 0, 5, 0x44));
  }

  @Test
  void upstreamMutationsOfSignedBytesAndSignatureFailTheSignature() throws Exception {
    // expected.json "negative": REPORT_DATA, MEASUREMENT, POLICY, REPORTED_TCB, R, S.
    for (final int off : new int[] {0x50, 0x90, 0x08, 0x180, 0x2A0, 0x2E8}) {
      final Verdict v =
          verify(Vectors.flip(Vectors.snpReport(), off, 1), List.of(Vectors.vcek()), DEBUG_OK);
      assertThat(reason(v)).as("offset 0x%x", off).isEqualTo(Reason.REPORT_SIGNATURE);
    }
  }

  @Test
  void everyByteOfTheReportMatters() throws Exception {
    final byte[] good = Vectors.snpReport();
    for (int off = 0; off < SnpReport.SIZE; off++) {
      final Verdict v = verify(Vectors.flip(good, off, 0x01), List.of(Vectors.vcek()), DEBUG_OK);
      final Reason expected;
      if (off >= 1 && off <= 3) {
        // VERSION 2 -> 0x102 or a non-zero high half: no longer a supported report at all.
        assertThat(reason(v).group()).as("offset 0x%x", off).isEqualTo(Reason.Group.FORMAT);
        continue;
      } else if (off >= 0x34 && off <= 0x37) {
        expected = Reason.UNSUPPORTED_ALGORITHM; // SIGNATURE_ALGO no longer 1
      } else if (off >= SnpReport.SIGNED_END + 144) {
        expected = Reason.MALFORMED; // reserved tail of the signature field
      } else {
        expected = Reason.REPORT_SIGNATURE;
      }
      assertThat(reason(v)).as("offset 0x%x", off).isEqualTo(expected);
    }
  }

  @Test
  void signingKeySelectorMustMatchTheSuppliedCertificate() throws Exception {
    // bits 4:2 of 0x48 = 1: claims a VLEK; only a VCEK is supplied.
    final byte[] b = Vectors.flip(Vectors.snpReport(), 0x48, 0x04);
    assertThat(reason(verify(b, List.of(Vectors.vcek()), DEBUG_OK))).isEqualTo(Reason.CERT_MISSING);
  }

  @Test
  void missingVcekIsReported() throws Exception {
    assertThat(reason(verify(Vectors.snpReport(), List.of(), DEBUG_OK)))
        .isEqualTo(Reason.CERT_MISSING);
  }

  @Test
  void debugGuestFailsTheStrictPolicy() throws Exception {
    assertThat(reason(verify(Vectors.snpReport(), List.of(Vectors.vcek()), Policy.strict())))
        .isEqualTo(Reason.POLICY_DEBUG);
  }

  @Test
  void measurementAllowListIsEnforced() throws Exception {
    assertThat(
            verify(
                    Vectors.snpReport(),
                    List.of(Vectors.vcek()),
                    DEBUG_OK.withAllowedMeasurements(Set.of(MEASUREMENT.toUpperCase())))
                .isValid())
        .isTrue();
    assertThat(
            reason(
                verify(
                    Vectors.snpReport(),
                    List.of(Vectors.vcek()),
                    DEBUG_OK.withAllowedMeasurements(Set.of("00".repeat(48))))))
        .isEqualTo(Reason.POLICY_MEASUREMENT);
  }

  @Test
  void minimumTcbIsEnforced() throws Exception {
    assertThat(
            verify(
                    Vectors.snpReport(),
                    List.of(Vectors.vcek()),
                    DEBUG_OK.withMinSnpTcb(new SnpTcb(0, 2, 0, 5, 68)))
                .isValid())
        .isTrue();
    assertThat(
            reason(
                verify(
                    Vectors.snpReport(),
                    List.of(Vectors.vcek()),
                    DEBUG_OK.withMinSnpTcb(new SnpTcb(0, 2, 0, 8, 68)))))
        .isEqualTo(Reason.TCB_TOO_LOW);
  }

  @Test
  void certificatesAreCheckedAtTheGivenInstant() throws Exception {
    final Collateral c = Collateral.ofCertificates(List.of(Vectors.vcek()));
    final byte[] r = Vectors.snpReport();
    // VCEK valid 2022-09-24T00:55:28Z to 2029-09-24T00:55:28Z.
    for (final String at : new String[] {"2022-09-24T00:55:00Z", "2029-09-24T00:56:00Z"}) {
      final Verdict v = verifier.verify(r, c, DEBUG_OK, Optional.empty(), Instant.parse(at));
      assertThat(reason(v)).as(at).isEqualTo(Reason.CERT_VALIDITY);
    }
    assertThat(
            verifier
                .verify(r, c, DEBUG_OK, Optional.empty(), Instant.parse("2029-09-24T00:55:00Z"))
                .isValid())
        .isTrue();
  }

  @Test
  void wrongReportDataFailsTheBinding() throws Exception {
    final Collateral c = Collateral.ofCertificates(List.of(Vectors.vcek()));
    final byte[] expected = Vectors.snpReport();
    final byte[] rd = java.util.Arrays.copyOfRange(expected, 0x50, 0x90);
    assertThat(
            verifier
                .verify(Vectors.snpReport(), c, DEBUG_OK, Optional.of(rd), Vectors.SNP_AT)
                .isValid())
        .isTrue();
    rd[63] ^= 1;
    assertThat(
            reason(
                verifier.verify(Vectors.snpReport(), c, DEBUG_OK, Optional.of(rd), Vectors.SNP_AT)))
        .isEqualTo(Reason.REPORT_DATA_MISMATCH);
    final TeeBinding binding =
        new TeeBinding(
            new byte[32],
            new byte[32],
            new byte[32],
            new byte[32],
            1,
            new byte[32],
            new byte[48],
            new byte[32]);
    assertThat(reason(verifier.verify(Vectors.snpReport(), c, DEBUG_OK, binding, Vectors.SNP_AT)))
        .isEqualTo(Reason.REPORT_DATA_MISMATCH);
  }

  @Test
  void wrongLengthsAreRejectedCleanly() {
    final byte[] good = Vectors.snpReport();
    assertThat(reason(verifierVerify(java.util.Arrays.copyOf(good, 1183))))
        .isEqualTo(Reason.TRUNCATED);
    assertThat(reason(verifierVerify(java.util.Arrays.copyOf(good, 1185))))
        .isEqualTo(Reason.OVERSIZED);
    assertThat(reason(verifierVerify(new byte[TeeVerifier.MAX_EVIDENCE_BYTES + 1])))
        .isEqualTo(Reason.OVERSIZED);
    assertThat(reason(verifierVerify(new byte[0]))).isEqualTo(Reason.TRUNCATED);
  }

  private Verdict verifierVerify(final byte[] b) {
    return verifier.verify(b, Collateral.none(), DEBUG_OK, Optional.empty(), Vectors.SNP_AT);
  }
}
