package dev.aether.mesh.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.proof.CollateralFiles;
import dev.aether.mesh.Attestation;
import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigfsTsmAttester} against a temporary directory laid out like configfs-tsm ({@link
 * FakeTsmKernel}) whose "kernel" answers with the real recorded evidence of {@code testdata/tee}.
 * The recording's REPORT_DATA is fixed, so the kernel returns it whatever inblob says, and the
 * attester's own check — the report must carry exactly what was written — decides: writing the
 * recorded REPORT_DATA gives the recorded report, writing anything else is refused.
 */
class ConfigfsTsmAttesterTest {
  @TempDir Path root;

  private FakeTsmKernel snpKernel() {
    FakeTsmKernel k = new FakeTsmKernel(root, "sev_guest", in -> Recorded.snpReport());
    k.auxblob = Optional.of(Recorded.milanTable());
    return k;
  }

  private static Policy snpPolicy(byte[] measurement) {
    // The recorded guest is debuggable and runs with SMT (POLICY 0xb0000): only a policy that
    // allows both accepts it; its measurement is pinned as a provider's registration pins it.
    return Policy.strict()
        .withAllowDebug(true)
        .withSnpGuest(new Policy.SnpGuestRules(false, true, false, 0))
        .withAllowedMeasurements(Set.of(HexFormat.of().formatHex(measurement)));
  }

  private static Verdict verify(Attestation a, Policy p, byte[] reportData, java.time.Instant at)
      throws Exception {
    return new TeeVerifier()
        .verify(
            a.evidence().toArray(),
            CollateralFiles.parse(a.collateral().stream().map(Bytes::toArray).toList()),
            p,
            Optional.of(reportData),
            at);
  }

  @Test
  void snpReportAndTheHostsCertificatesComeBackAndVerify() throws Exception {
    FakeTsmKernel k = snpKernel();
    Attestation a =
        new ConfigfsTsmAttester(k, Evidence.Kind.SEV_SNP, List.of())
            .attest(Recorded.snpReportData());
    assertThat(a.evidence().toArray()).isEqualTo(Recorded.snpReport());
    assertThat(a.collateral())
        .containsExactly(
            Bytes.of(Recorded.vcek()),
            Bytes.of(Recorded.askArk().get(0)),
            Bytes.of(Recorded.askArk().get(1)));
    // The kernel was asked for exactly the REPORT_DATA, once, and the entry is gone.
    assertThat(k.inblobs).containsExactly(Recorded.snpReportData());
    assertThat(k.leftovers()).isZero();
    byte[] m = TeeVerifier.parse(Recorded.snpReport()).measurement();
    assertThat(verify(a, snpPolicy(m), Recorded.snpReportData(), Recorded.SNP_AT))
        .isInstanceOf(Verdict.Valid.class);
  }

  @Test
  void aReportThatDoesNotCarryTheWrittenReportDataIsRefused() throws IOException {
    FakeTsmKernel k = snpKernel();
    byte[] binding = new byte[64];
    binding[0] = 0x42;
    assertThatThrownBy(
            () -> new ConfigfsTsmAttester(k, Evidence.Kind.SEV_SNP, List.of()).attest(binding))
        .isInstanceOf(MeshException.TeeReportDataMismatch.class)
        .hasMessageContaining("0102030405")
        .hasMessageContaining("does not bind this job");
    assertThat(k.inblobs).containsExactly(binding);
    assertThat(k.leftovers()).isZero();
  }

  @Test
  void aGenerationThatMovesBetweenWriteAndReadIsRetriedThenRefused() throws IOException {
    FakeTsmKernel once = snpKernel();
    once.interferences = 1;
    Attestation a =
        new ConfigfsTsmAttester(once, Evidence.Kind.SEV_SNP, List.of())
            .attest(Recorded.snpReportData());
    assertThat(a.evidence().toArray()).isEqualTo(Recorded.snpReport());
    assertThat(once.entriesMade).isEqualTo(2); // the conflicted request was dropped and made again
    assertThat(once.leftovers()).isZero();

    FakeTsmKernel always = snpKernel();
    always.interferences = Integer.MAX_VALUE;
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(always, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.snpReportData()))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("generation changed");
    assertThat(always.entriesMade).isEqualTo(ConfigfsTsmAttester.ATTEMPTS);
    assertThat(always.leftovers()).isZero();
  }

  @Test
  void aProviderAetherDoesNotVerifyOrAnotherThanConfiguredIsRefused() {
    FakeTsmKernel cca = new FakeTsmKernel(root, "arm_cca_guest", in -> Recorded.snpReport());
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(cca, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.snpReportData()))
        .isInstanceOf(MeshException.TeeUnknownProvider.class)
        .hasMessageContaining("arm_cca_guest");
    FakeTsmKernel tdx = new FakeTsmKernel(root, "tdx_guest", in -> Recorded.tdxQuote());
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(tdx, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.tdxReportData()))
        .isInstanceOf(MeshException.TeeUnknownProvider.class)
        .hasMessageContaining("makes TDX evidence");
  }

  @Test
  void tdxQuoteCarriesItsPckChainAndTheConfiguredPcsCollateral() throws Exception {
    FakeTsmKernel k = new FakeTsmKernel(root, "tdx_guest", in -> Recorded.tdxQuote());
    Attestation a =
        new ConfigfsTsmAttester(k, Evidence.Kind.TDX, List.of(Recorded.qeIdentityBundle()))
            .attest(Recorded.tdxReportData());
    assertThat(a.evidence().toArray()).isEqualTo(Recorded.tdxQuote());
    assertThat(a.collateral()).containsExactly(Recorded.qeIdentityBundle());
    byte[] mrtd = TeeVerifier.parse(Recorded.tdxQuote()).measurement();
    Policy pinned = Policy.strict().withAllowedMeasurements(Set.of(HexFormat.of().formatHex(mrtd)));
    // The PCK chain inside the quote and the QE identity verify; the platform's TCB status needs
    // Intel's TCB info, which strict requires — and Intel's 2023 sample rates no level of it.
    assertThat(
            verify(
                a,
                pinned.withRequireTdxCollateral(false),
                Recorded.tdxReportData(),
                Recorded.TDX_AT))
        .isInstanceOf(Verdict.Valid.class);
    assertThat(verify(a, pinned, Recorded.tdxReportData(), Recorded.TDX_AT))
        .isInstanceOfSatisfying(
            Verdict.Invalid.class,
            v -> assertThat(v.reason().code()).isEqualTo("TEE_COLLATERAL_MISSING"));
    assertThat(k.leftovers()).isZero();
  }

  @Test
  void aGuestBelowVmplZeroOrGarbageFromTheKernelIsRefused() {
    FakeTsmKernel svsm = snpKernel();
    svsm.privlevelFloor = 2;
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(svsm, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.snpReportData()))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("privlevel_floor is 2");
    FakeTsmKernel garbage = new FakeTsmKernel(root, "sev_guest", in -> new byte[100]);
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(garbage, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.snpReportData()))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("not SEV-SNP evidence");
    // A TDX quote where a SEV-SNP report was expected parses, but as the wrong kind.
    FakeTsmKernel mixed = new FakeTsmKernel(root, "sev_guest", in -> Recorded.tdxQuote());
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(mixed, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.tdxReportData()))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("holds TDX evidence");
  }

  @Test
  void noProviderOrNoPermissionIsUnavailableAndNothingIsLeftBehind() throws IOException {
    FakeTsmKernel none = snpKernel();
    none.mkdirFails = Optional.of(new IOException("No such device or address"));
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(none, Evidence.Kind.SEV_SNP, List.of())
                    .attest(Recorded.snpReportData()))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("No such device or address");
    assertThatThrownBy(
            () ->
                new ConfigfsTsmAttester(snpKernel(), Evidence.Kind.SEV_SNP, List.of())
                    .attest(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(none.leftovers()).isZero();
  }
}
