package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyAndInputTest {

  @Test
  void strictPolicyIsTheProductionDefault() {
    final Policy p = Policy.strict();
    assertThat(p.allowDebug()).isFalse();
    assertThat(p.allowDevAttestations()).isFalse();
    assertThat(p.maxVmpl()).isZero();
    assertThat(p.allowedMeasurements()).isEmpty();
    assertThat(p.minSnpTcb()).isEmpty();
  }

  @Test
  void hexIsNormalisedAndValidated() {
    assertThat(Policy.strict().withAllowedMeasurements(Set.of("AB")).allowedMeasurements())
        .containsExactly("ab");
    assertThatThrownBy(() -> Policy.strict().withAllowedMeasurements(Set.of("xyz")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.strict().withMinTdxTeeTcbSvn("0011"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.strict().withMaxVmpl(4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnpTcb(0, 256, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tooManyCollateralFilesAreRejected() {
    final List<byte[]> files = new ArrayList<>();
    for (int i = 0; i <= Collateral.MAX_FILES; i++) {
      files.add(new byte[1]);
    }
    assertThatThrownBy(() -> Collateral.ofCertificates(files))
        .isInstanceOf(TeeException.class)
        .extracting(e -> ((TeeException) e).reason())
        .isEqualTo(Reason.OVERSIZED);
  }

  @Test
  void reasonCodesAreUniqueAndPrefixed() {
    final Set<String> codes = new java.util.HashSet<>();
    for (final Reason r : Reason.values()) {
      assertThat(r.code()).startsWith("TEE_");
      assertThat(codes.add(r.code())).as(r.code()).isTrue();
    }
  }

  @Test
  void formatsAreToldApartByTheirHeaders() throws Exception {
    assertThat(TeeVerifier.parse(Vectors.snpReport())).isInstanceOf(SnpReport.class);
    assertThat(TeeVerifier.parse(Vectors.tdxQuote())).isInstanceOf(TdxQuote.class);
    final byte[] notAny = new byte[1184];
    notAny[2] = 1; // bytes 2-3 non-zero but TEE type is not TDX
    assertThatThrownBy(() -> TeeVerifier.parse(notAny))
        .isInstanceOf(TeeException.class)
        .extracting(e -> ((TeeException) e).reason())
        .isEqualTo(Reason.UNKNOWN_FORMAT);
  }
}
