package dev.aether.compute.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Reason;
import dev.aether.verifiers.tee.TeeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The collateral files a receipt carries: certificates as before, and TDX PCS bundles (response
 * body then its PEM issuer chain) split back into the exact body bytes and the chain.
 */
class CollateralFilesTest {
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

  static Path testdata() {
    return Path.of(System.getProperty("aether.testdata", "../testdata"));
  }

  @Test
  void realPcsResponsesRoundTripByteForByte() throws Exception {
    // The body runs to its closing brace; a trailing newline in the file is not part of it.
    byte[] tcb =
        Files.readString(testdata().resolve("tee/tdx/sample_tcbInfo_response"))
            .strip()
            .getBytes(StandardCharsets.UTF_8);
    byte[] qe =
        Files.readString(testdata().resolve("tee/tdx/sample_qeIdentity_response"))
            .strip()
            .getBytes(StandardCharsets.UTF_8);
    byte[] chain = PEM.getBytes(StandardCharsets.US_ASCII);
    Collateral c =
        CollateralFiles.parse(
            List.of(CollateralFiles.bundle(tcb, chain), CollateralFiles.bundle(qe, chain)));
    assertThat(c.tcbInfo().orElseThrow().body()).isEqualTo(tcb);
    assertThat(c.tcbInfo().orElseThrow().issuerChain()).isEqualTo(chain);
    assertThat(c.qeIdentity().orElseThrow().body()).isEqualTo(qe);
    assertThat(c.certificateFiles()).isEmpty();
  }

  @Test
  void bracesInsideStringsDoNotEndTheBody() throws TeeException {
    String body = "{\"tcbInfo\":{\"x\":\"}{\\\"}\"},\"signature\":\"ab\"}";
    Collateral c =
        CollateralFiles.parse(
            List.of(CollateralFiles.bundle(body.getBytes(StandardCharsets.UTF_8), PEM.getBytes())));
    assertThat(new String(c.tcbInfo().orElseThrow().body(), StandardCharsets.UTF_8))
        .isEqualTo(body);
  }

  @Test
  void certificatesPassThroughAndBadBundlesAreRefused() throws TeeException, IOException {
    byte[] vcek = Files.readAllBytes(testdata().resolve("tee/sev-snp/vcek.testcer"));
    assertThat(CollateralFiles.parse(List.of(vcek)).certificateFiles()).hasSize(1);
    assertThat(CollateralFiles.parse(List.of()).certificateFiles()).isEmpty();
    for (String bad :
        List.of(
            "{\"tcbInfo\":{}",
            "{\"tcbInfo\":{}}",
            "{\"tcbInfo\":{}}not a certificate",
            "{\"other\":{}}" + PEM)) {
      assertThatThrownBy(() -> CollateralFiles.parse(List.of(bad.getBytes())))
          .isInstanceOf(TeeException.class)
          .satisfies(e -> assertThat(((TeeException) e).reason()).isEqualTo(Reason.MALFORMED));
    }
    byte[] one = CollateralFiles.bundle("{\"tcbInfo\":{}}".getBytes(), PEM.getBytes());
    assertThatThrownBy(() -> CollateralFiles.parse(List.of(one, one)))
        .isInstanceOf(TeeException.class);
  }
}
