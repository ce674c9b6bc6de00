package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevQuoteTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final byte[] MEASUREMENT = new byte[48];

  private final TeeVerifier verifier = new TeeVerifier();

  private static DevTeeSigner signer(final long seed) throws Exception {
    final KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    final SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    g.initialize(255, rnd);
    final KeyPair kp = g.generateKeyPair();
    return new DevTeeSigner(kp);
  }

  private static String hex(final DevTeeSigner s) {
    return HexFormat.of().formatHex(s.publicKey());
  }

  private static final TeeBinding BINDING =
      new TeeBinding(
          new byte[32],
          new byte[32],
          new byte[32],
          new byte[32],
          42,
          new byte[32],
          new byte[48],
          new byte[32]);

  private Verdict verify(final byte[] quote, final Policy policy) {
    return verifier.verify(quote, Collateral.none(), policy, BINDING, AT);
  }

  private static Reason reason(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason();
  }

  @Test
  void devQuoteIsAcceptedOnlyWhenThePolicyAllowsIt() throws Exception {
    final byte[] q = signer(1).quote(MEASUREMENT, BINDING.reportData());
    assertThat(q).hasSize(DevQuote.SIZE);
    assertThat(reason(verify(q, Policy.strict()))).isEqualTo(Reason.POLICY_DEV_DISALLOWED);
    final Verdict ok = verify(q, Policy.strict().withDevAttestations(true, Set.of(hex(signer(1)))));
    assertThat(ok.isValid()).as(ok.toString()).isTrue();
    assertThat(((Verdict.Valid) ok).evidence().kind()).isEqualTo(Evidence.Kind.DEV);
  }

  @Test
  void noDevelopmentKeyIsTrustedUnlessNamed() throws Exception {
    assertThat(Policy.strict().allowDevAttestations()).isFalse();
    assertThat(Policy.strict().trustedDevKeys()).isEmpty();
    // There is no "any key": allowing development quotes without naming a key is refused.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Policy.strict().withDevAttestations(true, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no development key named");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Policy.strict().withDevAttestations(true, Set.of("abcd")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trustedKeyListIsEnforced() throws Exception {
    final DevTeeSigner a = signer(1);
    final DevTeeSigner b = signer(2);
    final Policy onlyA =
        Policy.strict().withDevAttestations(true, Set.of(HexFormat.of().formatHex(a.publicKey())));
    assertThat(verify(a.quote(MEASUREMENT, BINDING.reportData()), onlyA).isValid()).isTrue();
    final Verdict.Invalid other =
        (Verdict.Invalid) verify(b.quote(MEASUREMENT, BINDING.reportData()), onlyA);
    assertThat(other.reason()).isEqualTo(Reason.POLICY_DEV_KEY);
    assertThat(other.detail()).contains(hex(b)).contains("trusted: " + hex(a));
  }

  @Test
  void everyByteIsCovered() throws Exception {
    final byte[] q = signer(3).quote(MEASUREMENT, BINDING.reportData());
    final Policy dev = Policy.strict().withDevAttestations(true, Set.of(hex(signer(3))));
    for (int i = 16; i < DevQuote.SIZE; i++) {
      final Reason r = reason(verify(Vectors.flip(q, i, 0x01), dev));
      // A changed public key (bytes 128..159) is no longer the trusted one.
      final boolean key = i >= 128 && i < 160;
      assertThat(r)
          .as("byte %d", i)
          .isEqualTo(key ? Reason.POLICY_DEV_KEY : Reason.REPORT_SIGNATURE);
    }
    for (int i = 0; i < 16; i++) {
      // A damaged magic is not a development quote any more.
      assertThat(reason(verify(Vectors.flip(q, i, 0x01), dev)).group())
          .as("magic byte %d", i)
          .isEqualTo(Reason.Group.FORMAT);
    }
  }

  @Test
  void bindingAndMeasurementAreChecked() throws Exception {
    final DevTeeSigner s = signer(4);
    final Policy dev = Policy.strict().withDevAttestations(true, Set.of(hex(s)));
    final byte[] wrong = new byte[64];
    assertThat(reason(verify(s.quote(MEASUREMENT, wrong), dev)))
        .isEqualTo(Reason.REPORT_DATA_MISMATCH);
    assertThat(
            reason(
                verify(
                    s.quote(MEASUREMENT, BINDING.reportData()),
                    dev.withAllowedMeasurements(Set.of("ab".repeat(48))))))
        .isEqualTo(Reason.POLICY_MEASUREMENT);
  }

  @Test
  void wrongSizesAreRejected() throws Exception {
    final byte[] q = signer(5).quote(MEASUREMENT, BINDING.reportData());
    final Policy dev = Policy.strict().withDevAttestations(true, Set.of(hex(signer(5))));
    assertThat(reason(verify(java.util.Arrays.copyOf(q, 223), dev))).isEqualTo(Reason.TRUNCATED);
    assertThat(reason(verify(java.util.Arrays.copyOf(q, 225), dev))).isEqualTo(Reason.OVERSIZED);
    assertThat(verifier.verify(q, Collateral.none(), dev, Optional.empty(), AT).isValid()).isTrue();
  }
}
