package dev.aether.verifiers.tee;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The pinned vendor roots, parsed once.
 *
 * @param amdArks AMD root keys (trust anchors)
 * @param amdIntermediates AMD ASKs/ASVK (verified against the ARKs on every use)
 * @param intelRoots Intel SGX Root CA (trust anchor)
 */
record PinnedRoots(
    List<X509Certificate> amdArks,
    List<X509Certificate> amdIntermediates,
    List<X509Certificate> intelRoots) {

  static PinnedRoots load() {
    return new PinnedRoots(
        List.of(pem(AmdRoots.ARK_MILAN), pem(AmdRoots.ARK_GENOA), pem(AmdRoots.ARK_TURIN)),
        List.of(
            pem(AmdRoots.ASK_MILAN),
            pem(AmdRoots.ASK_GENOA),
            pem(AmdRoots.ASK_TURIN),
            pem(AmdRoots.ASVK_MILAN)),
        List.of(pem(IntelRoots.SGX_ROOT_CA)));
  }

  private static X509Certificate pem(final String text) {
    try {
      return Certs.parse(text.getBytes(StandardCharsets.US_ASCII), "pinned root").getFirst();
    } catch (TeeException e) {
      // The constants are part of this source file; failing here is a build defect.
      throw new IllegalStateException("pinned certificate does not parse: " + e.getMessage(), e);
    }
  }
}
