package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The constants pinned in code are the vendors' certificates, byte for byte, and chain up. */
class PinnedRootsTest {

  private final PinnedRoots roots = PinnedRoots.load();

  @Test
  void pinnedArksAreTheShippedOnes() throws Exception {
    assertThat(roots.amdArks())
        .extracting(Certs::name)
        .containsExactly("ARK-Milan", "ARK-Genoa", "ARK-Turin");
    for (final String file :
        List.of("ask_ark_milan.pem", "ask_ark_genoa.pem", "ask_ark_turin_vcek.pem")) {
      final List<X509Certificate> shipped = Certs.parse(Vectors.read("sev-snp/" + file), file);
      assertThat(roots.amdArks()).anyMatch(a -> Certs.sameCert(a, shipped.getLast()));
      assertThat(roots.amdIntermediates()).anyMatch(a -> Certs.sameCert(a, shipped.getFirst()));
    }
  }

  @Test
  void everyBuiltInIntermediateChainsToAPinnedArk() throws Exception {
    final Instant at = Instant.parse("2024-06-01T00:00:00Z");
    for (final X509Certificate ask : roots.amdIntermediates()) {
      final X509Certificate ark =
          roots.amdArks().stream()
              .filter(a -> a.getSubjectX500Principal().equals(ask.getIssuerX500Principal()))
              .findFirst()
              .orElseThrow();
      Certs.verifyPath(List.of(ask, ark), roots.amdArks(), at);
    }
  }

  @Test
  void intelRootIsTheTrustedRootFile() throws Exception {
    final X509Certificate shipped =
        Certs.parse(Vectors.read("tdx/trusted_root.pem"), "trusted_root.pem").getFirst();
    assertThat(roots.intelRoots()).hasSize(1);
    assertThat(Certs.sameCert(roots.intelRoots().getFirst(), shipped)).isTrue();
    Certs.verifyPath(List.of(shipped), roots.intelRoots(), Instant.parse("2030-01-01T00:00:00Z"));
  }
}
