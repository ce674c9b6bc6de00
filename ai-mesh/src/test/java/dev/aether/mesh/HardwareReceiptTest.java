package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.proof.CollateralFiles;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.mesh.tee.Recorded;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeBinding;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardware evidence end to end, from a directory laid out like configfs-tsm and filled with the
 * real recorded evidence of {@code testdata/tee}, through the provider runtime and the receipt's
 * JSON, to the verifiers anyone runs offline.
 *
 * <p>The recordings' REPORT_DATA is fixed (it binds no Aether job), so two things are shown
 * separately and honestly: a provider asking the TEE to quote a job's binding refuses the recorded
 * report that comes back (it does not carry the binding); and the recorded report obtained over its
 * own REPORT_DATA travels in a receipt — evidence in {@code tee_quote}, the host's certificate
 * table (SEV-SNP) or the configured PCS collateral (TDX) in {@code collateral} — and verifies
 * offline under a policy pinning its measurement, while the chain's receipt check refuses it for
 * not binding the job.
 */
class HardwareReceiptTest {
  private static Job job;
  private static VcrSubmission honest;

  @TempDir Path configfs;

  @BeforeAll
  static void runHonestJob() {
    job = TestFixtures.sampleJob("digits-mlp", 5);
    honest = TestFixtures.provider().run(job).publish();
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** The honest receipt with {@code a}'s evidence and collateral, re-signed, via its JSON. */
  private static VcrSubmission carrying(Attestation a) {
    Vcr v = honest.vcr();
    Vcr quoted =
        new Vcr(
            v.jobId(),
            v.provider(),
            v.inputHash(),
            v.modelHash(),
            v.codeHash(),
            v.seed(),
            v.outputHash(),
            a.evidence(),
            v.kzgCommit(),
            v.openings(),
            v.sig());
    Vcr signed = quoted.withSig(Bytes.of(TestFixtures.PROVIDER_KEY.sign(quoted.signingBytes())));
    VcrSubmission sub =
        new VcrSubmission(
            signed,
            honest.header(),
            honest.weightsRoot(),
            honest.leaves(),
            honest.dataProof(),
            honest.lastStep(),
            a.collateral());
    return VcrJson.read(VcrJson.write(sub)); // as anyone downloads it
  }

  private static Verdict offline(VcrSubmission sub, Policy p, byte[] reportData, Instant at)
      throws Exception {
    return new TeeVerifier()
        .verify(
            sub.vcr().teeQuote().toArray(),
            CollateralFiles.parse(sub.collateral().stream().map(Bytes::toArray).toList()),
            p,
            Optional.of(reportData),
            at);
  }

  private static ReceiptVerdict onChain(
      VcrSubmission sub, Evidence.Kind kind, Policy p, Instant at) {
    ProviderTerms terms =
        new ProviderTerms(
            TestFixtures.PROVIDER_KEY.publicKey(),
            kind,
            p,
            List.of(H256.of(TestFixtures.CODE_HASH)));
    return new VcrValidator(TestFixtures.KZG, new TeeVerifier(), Clock.fixed(at, ZoneOffset.UTC))
        .validate(sub, TestFixtures.terms(job), terms);
  }

  @Test
  void aProviderNeverPublishesAReportThatDoesNotBindItsJob() {
    ProviderRuntime rt =
        new ProviderRuntime(
            TestFixtures.MODELS,
            TestFixtures.ENGINE,
            TestFixtures.KZG,
            TestFixtures.PROVIDER_KEY,
            Recorded.snpConfigfs(configfs),
            TestFixtures.CODE_HASH);
    ProviderRuntime.ExecutedJob ran = rt.run(job);
    byte[] binding =
        new TeeBinding(
                job.jobId(),
                ran.trace().outputs().get(0).sha256(),
                ran.model().modelHash(),
                TestFixtures.CODE_HASH,
                job.seed(),
                ran.output().sha256(),
                ran.commitment(),
                TestFixtures.PROVIDER_KEY.publicKey())
            .reportData();
    assertThatThrownBy(ran::publish)
        .isInstanceOf(MeshException.TeeReportDataMismatch.class)
        .hasMessageContaining(hex(binding)) // the job's binding was what the TEE was asked for
        .hasMessageContaining(hex(Recorded.snpReportData()));
    assertThatThrownBy(ran::signVcr).isInstanceOf(MeshException.TeeReportDataMismatch.class);
  }

  @Test
  void recordedSnpEvidenceTravelsInTheReceiptAndVerifiesOffline() throws Exception {
    Attestation a = Recorded.snpConfigfs(configfs).attest(Recorded.snpReportData());
    VcrSubmission sub = carrying(a);
    assertThat(sub.vcr().teeQuote().toArray()).isEqualTo(Recorded.snpReport());
    assertThat(sub.collateral()).hasSize(3); // VCEK, ASK, ARK from the host's table
    byte[] m = TeeVerifier.parse(Recorded.snpReport()).measurement();
    Policy debugSmt =
        Policy.strict()
            .withAllowDebug(true)
            .withSnpGuest(new Policy.SnpGuestRules(false, true, false, 0));
    Policy pinned = debugSmt.withAllowedMeasurements(Set.of(hex(m)));
    assertThat(offline(sub, pinned, Recorded.snpReportData(), Recorded.SNP_AT))
        .isInstanceOf(Verdict.Valid.class);
    // Another registered measurement: refused.
    byte[] other = m.clone();
    other[0] ^= 1;
    assertThat(
            offline(
                sub,
                debugSmt.withAllowedMeasurements(Set.of(hex(other))),
                Recorded.snpReportData(),
                Recorded.SNP_AT))
        .isInstanceOfSatisfying(
            Verdict.Invalid.class,
            v -> assertThat(v.reason().code()).isEqualTo("TEE_POLICY_MEASUREMENT"));
    // Without the host's certificates the report cannot be checked at all.
    VcrSubmission bare =
        new VcrSubmission(
            sub.vcr(),
            sub.header(),
            sub.weightsRoot(),
            sub.leaves(),
            sub.dataProof(),
            sub.lastStep(),
            List.of());
    assertThat(offline(bare, pinned, Recorded.snpReportData(), Recorded.SNP_AT))
        .isInstanceOfSatisfying(
            Verdict.Invalid.class,
            v -> assertThat(v.reason().code()).isEqualTo("TEE_CERT_MISSING"));
    // The chain's receipt check gets past signature, chain, TCB and policy, and refuses the
    // binding: this report's REPORT_DATA is not the job's.
    ReceiptVerdict r = onChain(sub, Evidence.Kind.SEV_SNP, pinned, Recorded.SNP_AT);
    assertThat(r)
        .isInstanceOfSatisfying(
            ReceiptVerdict.Rejected.class,
            x -> {
              assertThat(x.reason()).isEqualTo(ReceiptRejection.BINDING);
              assertThat(x.detail()).contains("TEE_REPORT_DATA_MISMATCH");
            });
    // Under the chain's strict policy the recorded (debuggable) guest is refused before that.
    assertThat(
            onChain(
                sub,
                Evidence.Kind.SEV_SNP,
                Policy.strict().withAllowedMeasurements(Set.of(hex(m))),
                Recorded.SNP_AT))
        .isInstanceOfSatisfying(
            ReceiptVerdict.Rejected.class,
            x -> assertThat(x.detail()).contains("TEE_POLICY_DEBUG"));
  }

  @Test
  void recordedTdxEvidenceTravelsWithItsPckChainAndPcsCollateral() throws Exception {
    Attestation a =
        Recorded.tdxConfigfs(configfs, List.of(Recorded.qeIdentityBundle()))
            .attest(Recorded.tdxReportData());
    VcrSubmission sub = carrying(a);
    assertThat(sub.vcr().teeQuote().toArray()).isEqualTo(Recorded.tdxQuote());
    assertThat(sub.collateral()).containsExactly(Recorded.qeIdentityBundle());
    byte[] mrtd = TeeVerifier.parse(Recorded.tdxQuote()).measurement();
    Policy pinned = Policy.strict().withAllowedMeasurements(Set.of(hex(mrtd)));
    assertThat(
            offline(
                sub,
                pinned.withRequireTdxCollateral(false),
                Recorded.tdxReportData(),
                Recorded.TDX_AT))
        .isInstanceOf(Verdict.Valid.class);
    // The chain's strict policy wants the TCB info too.
    assertThat(onChain(sub, Evidence.Kind.TDX, pinned, Recorded.TDX_AT))
        .isInstanceOfSatisfying(
            ReceiptVerdict.Rejected.class,
            x -> assertThat(x.detail()).contains("TEE_COLLATERAL_MISSING"));
    // With it, Intel's 2023 sample rates no TCB level of this platform.
    VcrSubmission both =
        carrying(
            Recorded.tdxConfigfs(
                    configfs, List.of(Recorded.qeIdentityBundle(), Recorded.tcbInfoBundle()))
                .attest(Recorded.tdxReportData()));
    assertThat(onChain(both, Evidence.Kind.TDX, pinned, Recorded.TDX_AT))
        .isInstanceOfSatisfying(
            ReceiptVerdict.Rejected.class, x -> assertThat(x.detail()).contains("TEE_TCB_STATUS"));
    // And with the relaxed policy the receipt check again stops at the binding.
    assertThat(
            onChain(
                sub, Evidence.Kind.TDX, pinned.withRequireTdxCollateral(false), Recorded.TDX_AT))
        .isInstanceOfSatisfying(
            ReceiptVerdict.Rejected.class,
            x -> assertThat(x.reason()).isEqualTo(ReceiptRejection.BINDING));
  }
}
