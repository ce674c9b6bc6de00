package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TDX with Intel PCS collateral: the sample TCB info (signature checked independently with
 * python-cryptography), the PCK CRL and the root CA CRL from go-tdx-guest.
 */
class TdxCollateralTest {

  private final TeeVerifier verifier = new TeeVerifier();

  static byte[] issuerChain() {
    try (InputStream in =
        TdxCollateralTest.class.getResourceAsStream("/tee/tcb_info_issuer_chain.pem")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Collateral.PcsDocument tcbInfo() {
    return new Collateral.PcsDocument(Vectors.read("tdx/sample_tcbInfo_response"), issuerChain());
  }

  private static List<byte[]> crls() {
    return List.of(Vectors.read("tdx/pckcrl"), Vectors.read("tdx/rootcrl.der"));
  }

  private Verdict verify(final Collateral c, final Policy p, final Instant at) {
    return verifier.verify(Vectors.tdxQuote(), c, p, Optional.empty(), at);
  }

  private static Verdict.Invalid invalid(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return (Verdict.Invalid) v;
  }

  @Test
  void crlsAreVerifiedAndAppliedAsOfTheInstant() throws Exception {
    final Collateral c = Collateral.none().withCrls(crls());
    final Verdict ok = verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT);
    assertThat(ok.isValid()).as(ok.toString()).isTrue();
    assertThat(((Verdict.Valid) ok).checks()).anyMatch(s -> s.contains("2 CRLs applied"));
    // The PCK CRL's nextUpdate is 2023-07-08T07:27:52Z.
    final Verdict.Invalid stale =
        invalid(verify(c, Vectors.tdxPolicy(), Instant.parse("2023-07-09T00:00:00Z")));
    assertThat(stale.reason()).isEqualTo(Reason.CERT_VALIDITY);
    assertThat(stale.detail()).contains("CRL");
  }

  @Test
  void damagedCrlFails() throws Exception {
    final byte[] pckCrl = Vectors.read("tdx/pckcrl");
    for (final int i : Vectors.positions(pckCrl.length, 300, 5)) {
      final Collateral c = Collateral.none().withCrls(List.of(Vectors.flip(pckCrl, i, 0x01)));
      final Verdict v = verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT);
      assertThat(v.isValid()).as("CRL byte %d", i).isFalse();
      assertThat(invalid(v).reason().group())
          .as("CRL byte %d", i)
          .isIn(Reason.Group.CHAIN, Reason.Group.FORMAT);
    }
  }

  @Test
  void crlFromAnUnrelatedIssuerIsRejected() throws Exception {
    // The Intel root CA CRL offered for an AMD chain: no AMD CA issued it.
    final Collateral c =
        Collateral.ofCertificates(List.of(Vectors.vcek()))
            .withCrls(List.of(Vectors.read("tdx/rootcrl.der")));
    final Verdict v =
        verifier.verify(
            Vectors.snpReport(),
            c,
            Vectors.tdxPolicy().withAllowDebug(true),
            Optional.empty(),
            Vectors.SNP_AT);
    assertThat(invalid(v).reason()).isEqualTo(Reason.CERT_MALFORMED);
  }

  @Test
  void tcbInfoSignatureAndFreshnessAreChecked() throws Exception {
    final Collateral c = Collateral.none().withTcbInfo(tcbInfo());
    // This platform's PCK SVNs (3,3,2,2,2,1,0,2; pcesvn 11) are below every level of the 2023-06
    // sample TCB info (5,5,2,2,3,1,0,3), so once the signature and freshness pass, Intel's rule
    // finds no matching level.
    final Verdict.Invalid v = invalid(verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT));
    assertThat(v.reason()).as(v.detail()).isEqualTo(Reason.TCB_STATUS);
    assertThat(v.detail()).contains("no TCB level");
    // nextUpdate 2023-07-18T08:42:58Z
    assertThat(
            invalid(verify(c, Vectors.tdxPolicy(), Instant.parse("2023-07-19T00:00:00Z"))).reason())
        .isEqualTo(Reason.COLLATERAL_STALE);
    assertThat(
            invalid(verify(c, Vectors.tdxPolicy(), Instant.parse("2023-06-18T00:00:00Z"))).reason())
        .isEqualTo(Reason.COLLATERAL_STALE);
  }

  @Test
  void tamperedTcbInfoFailsItsSignature() throws Exception {
    final String body =
        new String(Vectors.read("tdx/sample_tcbInfo_response"), StandardCharsets.UTF_8);
    final String lowered =
        body.replace("\"tcbStatus\":\"OutOfDate\"", "\"tcbStatus\":\"UpToDate\"");
    assertThat(lowered).isNotEqualTo(body);
    final Collateral c =
        Collateral.none()
            .withTcbInfo(
                new Collateral.PcsDocument(
                    lowered.getBytes(StandardCharsets.UTF_8), issuerChain()));
    assertThat(invalid(verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT)).reason())
        .isEqualTo(Reason.COLLATERAL_SIGNATURE);
    final byte[] b = Vectors.read("tdx/sample_tcbInfo_response");
    for (final int i : Vectors.positions(b.length, 200, 6)) {
      final Collateral ci =
          Collateral.none()
              .withTcbInfo(new Collateral.PcsDocument(Vectors.flip(b, i, 0x01), issuerChain()));
      final Verdict.Invalid r = invalid(verify(ci, Vectors.tdxPolicy(), Vectors.TDX_AT));
      assertThat(r.reason())
          .as("byte %d: %s", i, r.detail())
          .isIn(Reason.COLLATERAL_SIGNATURE, Reason.COLLATERAL_MISMATCH, Reason.COLLATERAL_STALE);
    }
  }

  private static Collateral.PcsDocument qeIdentity() {
    return new Collateral.PcsDocument(
        Vectors.read("tdx/sample_qeIdentity_response"), issuerChain());
  }

  @Test
  void qeIdentityMatchesTheRealQuotingEnclave() throws Exception {
    // TD_QE identity 2023-06-08..2023-07-08: MRSIGNER dc9e2a7c..., ISVPRODID 2, level ISVSVN 4
    // UpToDate; the quote's QE report has ISVSVN 4.
    final Collateral c = Collateral.none().withQeIdentity(qeIdentity());
    final Verdict ok = verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT);
    assertThat(ok.isValid()).as(ok.toString()).isTrue();
    assertThat(((Verdict.Valid) ok).checks()).anyMatch(s -> s.contains("quoting enclave UpToDate"));
    assertThat(
            invalid(verify(c, Vectors.tdxPolicy(), Instant.parse("2023-07-09T00:00:00Z"))).reason())
        .isEqualTo(Reason.COLLATERAL_STALE);
    assertThat(
            invalid(
                    verify(
                        c,
                        Vectors.tdxPolicy().withAcceptedTcbStatuses(Set.of("SWHardeningNeeded")),
                        Vectors.TDX_AT))
                .reason())
        .isEqualTo(Reason.TCB_STATUS);
  }

  @Test
  void allCollateralTogetherVerifies() throws Exception {
    final Collateral c = Collateral.none().withCrls(crls()).withQeIdentity(qeIdentity());
    final Verdict ok = verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT);
    assertThat(ok.isValid()).as(ok.toString()).isTrue();
    assertThat(((Verdict.Valid) ok).checks())
        .anyMatch(s -> s.contains("2 CRLs applied"))
        .anyMatch(s -> s.contains("quoting enclave UpToDate"));
  }

  @Test
  void tamperedQeIdentityFails() throws Exception {
    final String body =
        new String(Vectors.read("tdx/sample_qeIdentity_response"), StandardCharsets.UTF_8);
    final String edited = body.replace("\"isvsvn\":4", "\"isvsvn\":3");
    assertThat(edited).isNotEqualTo(body);
    final Collateral c =
        Collateral.none()
            .withQeIdentity(
                new Collateral.PcsDocument(edited.getBytes(StandardCharsets.UTF_8), issuerChain()));
    assertThat(invalid(verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT)).reason())
        .isEqualTo(Reason.COLLATERAL_SIGNATURE);
    // A TCB info offered as QE identity has no "enclaveIdentity" member.
    final Collateral wrong = Collateral.none().withQeIdentity(tcbInfo());
    assertThat(invalid(verify(wrong, Vectors.tdxPolicy(), Vectors.TDX_AT)).reason())
        .isEqualTo(Reason.COLLATERAL_SIGNATURE);
  }

  @Test
  void tcbInfoMustBeSignedByIntelsTcbSigningKey() throws Exception {
    // The PCK chain is a valid Intel chain, but its leaf is not the TCB signing certificate.
    final TdxQuote q = TdxQuote.parse(Vectors.tdxQuote());
    final Collateral c =
        Collateral.none()
            .withTcbInfo(
                new Collateral.PcsDocument(
                    Vectors.read("tdx/sample_tcbInfo_response"), q.pckChain()));
    assertThat(invalid(verify(c, Vectors.tdxPolicy(), Vectors.TDX_AT)).reason())
        .isEqualTo(Reason.CERT_PROFILE);
  }

  @Test
  void levelMatchingFollowsIntelsRule() throws Exception {
    final int[] comp = {3, 3, 2, 2, 2, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    final PckExtensions pck = new PckExtensions(new byte[6], new byte[2], comp, 11);
    final byte[] tee = java.util.HexFormat.of().parseHex("03000400000000000000000000000000");
    final com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    final java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> level =
        spec -> {
          try {
            return m.readTree(spec);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    final String sgxEqual = svns(comp);
    final String tdxEqual = svns(new int[] {3, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    final String tdxHigher = svns(new int[] {3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    final String sgxHigher = svns(new int[] {3, 4, 2, 2, 2, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThat(TdxTcbInfo.matches(level.apply(tcb(sgxEqual, 11, tdxEqual)), pck, tee)).isTrue();
    assertThat(TdxTcbInfo.matches(level.apply(tcb(sgxEqual, 10, tdxEqual)), pck, tee)).isTrue();
    assertThat(TdxTcbInfo.matches(level.apply(tcb(sgxEqual, 12, tdxEqual)), pck, tee)).isFalse();
    assertThat(TdxTcbInfo.matches(level.apply(tcb(sgxEqual, 11, tdxHigher)), pck, tee)).isFalse();
    assertThat(TdxTcbInfo.matches(level.apply(tcb(sgxHigher, 11, tdxEqual)), pck, tee)).isFalse();
    assertThat(TdxTcbInfo.matches(level.apply("{}"), pck, tee)).isFalse();
  }

  private static String svns(final int[] v) {
    final StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"svn\":").append(v[i]).append('}');
    }
    return b.append(']').toString();
  }

  private static String tcb(final String sgx, final int pcesvn, final String tdx) {
    return "{\"sgxtcbcomponents\":"
        + sgx
        + ",\"pcesvn\":"
        + pcesvn
        + ",\"tdxtcbcomponents\":"
        + tdx
        + "}";
  }

  @Test
  void theStrictPolicyRequiresTcbInfoAndQeIdentityAndNamesWhatIsMissing() throws Exception {
    assertThat(Policy.strict().requireTdxCollateral()).isTrue();
    final Verdict.Invalid none =
        invalid(verify(Collateral.none(), Policy.strict(), Vectors.TDX_AT));
    assertThat(none.reason()).isEqualTo(Reason.COLLATERAL_MISSING);
    assertThat(none.reason().code()).isEqualTo("TEE_COLLATERAL_MISSING");
    assertThat(none.detail()).contains("TCB info").contains("QE identity");
    final Verdict.Invalid qeOnly =
        invalid(
            verify(
                Collateral.none().withQeIdentity(qeIdentity()), Policy.strict(), Vectors.TDX_AT));
    assertThat(qeOnly.reason()).isEqualTo(Reason.COLLATERAL_MISSING);
    assertThat(qeOnly.detail()).contains("TCB info").doesNotContain("QE identity (");
    final Verdict.Invalid tcbOnly =
        invalid(verify(Collateral.none().withTcbInfo(tcbInfo()), Policy.strict(), Vectors.TDX_AT));
    assertThat(tcbOnly.detail()).contains("QE identity").doesNotContain("TCB info (");
  }

  @Test
  void suppliedCollateralIsEvaluatedByDefault() throws Exception {
    // With both documents the strict policy evaluates them: the sample TCB info rates no level
    // for this platform (see docs/tee.md), so the verdict is TCB_STATUS, not a silent pass.
    final Collateral both = Collateral.none().withTcbInfo(tcbInfo()).withQeIdentity(qeIdentity());
    assertThat(invalid(verify(both, Policy.strict(), Vectors.TDX_AT)).reason())
        .isEqualTo(Reason.TCB_STATUS);
  }

  @Test
  void withoutTheRequirementTheVerdictSaysPlainlyWhatWasNotEvaluated() throws Exception {
    final Verdict none = verify(Collateral.none(), Vectors.tdxPolicy(), Vectors.TDX_AT);
    assertThat(none.isValid()).as(none.toString()).isTrue();
    assertThat(((Verdict.Valid) none).checks())
        .anyMatch(c -> c.startsWith("tcb: platform TCB status NOT evaluated"))
        .anyMatch(c -> c.startsWith("tcb: quoting enclave identity NOT evaluated"));
    final Verdict qe =
        verify(Collateral.none().withQeIdentity(qeIdentity()), Vectors.tdxPolicy(), Vectors.TDX_AT);
    assertThat(((Verdict.Valid) qe).checks())
        .anyMatch(c -> c.startsWith("tcb: platform TCB status NOT evaluated"))
        .anyMatch(c -> c.contains("quoting enclave UpToDate"))
        .noneMatch(c -> c.startsWith("tcb: quoting enclave identity NOT evaluated"));
  }

  @Test
  void signedTcbInfoBytesAreCutOutVerbatimAndStatusesAreConfigurable() throws Exception {
    assertThat(Policy.strict().acceptedTcbStatuses()).containsExactly("UpToDate");
    assertThat(
            Policy.strict()
                .withAcceptedTcbStatuses(Set.of("UpToDate", "OutOfDate"))
                .acceptedTcbStatuses())
        .containsExactly("OutOfDate", "UpToDate");
    final byte[] raw =
        PcsDocuments.rawMember(
            "{\"tcbInfo\":{\"a\":\"}{\\\"\",\"b\":{\"c\":1}},\"signature\":\"00\"}"
                .getBytes(StandardCharsets.UTF_8),
            "tcbInfo",
            "test");
    assertThat(new String(raw, StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"}{\\\"\",\"b\":{\"c\":1}}");
  }
}
