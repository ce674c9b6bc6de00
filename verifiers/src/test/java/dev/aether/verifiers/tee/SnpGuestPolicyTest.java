package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SEV-SNP guest POLICY bits and GUEST_SVN a deployment demands. The real report (POLICY
 * 0xb0000: SMT allowed, reserved bit 17, debug; PLATFORM_INFO SMT_EN; GUEST_SVN 0) is verified in
 * full; the bits it does not have are checked on edited copies through the policy step alone (their
 * signature no longer verifies, which the full verification reports first).
 */
class SnpGuestPolicyTest {

  private final TeeVerifier verifier = new TeeVerifier();

  private Verdict verify(final Policy policy) throws TeeException {
    return verifier.verify(
        Vectors.snpReport(),
        Collateral.ofCertificates(List.of(Vectors.vcek())),
        policy,
        Optional.empty(),
        Vectors.SNP_AT);
  }

  private static Reason reason(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason();
  }

  private static Policy.SnpGuestRules rules(
      final boolean ma, final boolean smt, final boolean single, final long svn) {
    return new Policy.SnpGuestRules(ma, smt, single, svn);
  }

  /** The real report with POLICY, PLATFORM_INFO and GUEST_SVN replaced (signature now stale). */
  private static SnpReport edited(final long policy, final long platformInfo, final long guestSvn)
      throws TeeException {
    final byte[] b = Vectors.snpReport();
    for (int i = 0; i < 8; i++) {
      b[0x08 + i] = (byte) (policy >>> (8 * i));
      b[0x40 + i] = (byte) (platformInfo >>> (8 * i));
    }
    for (int i = 0; i < 4; i++) {
      b[0x04 + i] = (byte) (guestSvn >>> (8 * i));
    }
    return SnpReport.parse(b);
  }

  @Test
  void theStrictPolicyRefusesTheRealGuestBecauseItAllowsSmt() throws Exception {
    assertThat(Policy.strict().snpGuest()).isEqualTo(rules(false, false, false, 0));
    final Verdict.Invalid v = (Verdict.Invalid) verify(Policy.strict().withAllowDebug(true));
    assertThat(v.reason()).isEqualTo(Reason.POLICY_SMT);
    assertThat(v.reason().code()).isEqualTo("TEE_POLICY_SMT");
    assertThat(v.detail()).contains("bit 16");
  }

  @Test
  void theRealGuestPassesWhenSmtIsAllowedAndTheChecksNameEveryBit() throws Exception {
    final Verdict v = verify(Vectors.snpPolicy());
    assertThat(v.isValid()).as(v.toString()).isTrue();
    assertThat(((Verdict.Valid) v).checks())
        .anyMatch(
            c ->
                c.contains("guest POLICY 0xb0000")
                    && c.contains("migration agent not allowed")
                    && c.contains("SMT allowed and enabled on the host")
                    && c.contains("single socket not required")
                    && c.contains("GUEST_SVN 0"));
  }

  @Test
  void singleSocketAndMinimumGuestSvnAreEnforcedOnTheRealReport() throws Exception {
    assertThat(reason(verify(Vectors.snpPolicy().withSnpGuest(rules(false, true, true, 0)))))
        .isEqualTo(Reason.POLICY_SINGLE_SOCKET);
    assertThat(reason(verify(Vectors.snpPolicy().withSnpGuest(rules(false, true, false, 1)))))
        .isEqualTo(Reason.POLICY_GUEST_SVN);
  }

  @Test
  void migrationAgentIsRefusedUnlessAllowed() throws Exception {
    final SnpReport withMa = edited(0x20000L | 1L << 18, 0, 0); // MIGRATE_MA, no SMT
    final Policy noSmt = Policy.strict().withAllowDebug(true);
    assertThatThrownBy(() -> SnpVerifier.checkGuestPolicy(withMa, noSmt))
        .isInstanceOfSatisfying(
            TeeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.POLICY_MIGRATION_AGENT));
    SnpVerifier.checkGuestPolicy(withMa, noSmt.withSnpGuest(rules(true, false, false, 0)));
  }

  @Test
  void smtIsJudgedByBothThePolicyBitAndTheHost() throws Exception {
    final Policy noSmt = Policy.strict();
    // SMT not permitted to the guest, but the host has it enabled: refused.
    assertThatThrownBy(() -> SnpVerifier.checkGuestPolicy(edited(0x20000L, 1, 0), noSmt))
        .isInstanceOfSatisfying(
            TeeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.POLICY_SMT);
              assertThat(e.getMessage()).contains("SMT_EN");
            });
    // Permitted to the guest though the host has it off: still refused (policy bit).
    assertThatThrownBy(() -> SnpVerifier.checkGuestPolicy(edited(0x30000L, 0, 0), noSmt))
        .isInstanceOfSatisfying(
            TeeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.POLICY_SMT));
    SnpVerifier.checkGuestPolicy(edited(0x20000L, 0, 0), noSmt);
  }

  @Test
  void singleSocketAndGuestSvnBoundaries() throws Exception {
    final Policy p = Policy.strict().withSnpGuest(rules(false, false, true, 7));
    SnpVerifier.checkGuestPolicy(edited(0x20000L | 1L << 20, 0, 7), p);
    SnpVerifier.checkGuestPolicy(edited(0x20000L | 1L << 20, 0, 0xFFFF_FFFFL), p);
    assertThatThrownBy(() -> SnpVerifier.checkGuestPolicy(edited(0x20000L | 1L << 20, 0, 6), p))
        .isInstanceOfSatisfying(
            TeeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.POLICY_GUEST_SVN));
    assertThatThrownBy(() -> SnpVerifier.checkGuestPolicy(edited(0x20000L, 0, 7), p))
        .isInstanceOfSatisfying(
            TeeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.POLICY_SINGLE_SOCKET));
    assertThatThrownBy(() -> rules(false, false, false, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEditedPolicyFieldFailsTheSignatureBeforeAnyPolicyCheck() throws Exception {
    final byte[] b = Vectors.snpReport();
    b[0x08 + 2] &= (byte) ~0x01; // clear POLICY.SMT: the report would now pass the strict rule
    final Verdict v =
        verifier.verify(
            b,
            Collateral.ofCertificates(List.of(Vectors.vcek())),
            Policy.strict().withAllowDebug(true),
            Optional.empty(),
            Vectors.SNP_AT);
    assertThat(reason(v)).isEqualTo(Reason.REPORT_SIGNATURE);
  }
}
