package dev.aether.verifiers.tee;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Applies supplied CRLs to a verified chain. Each CRL must be issued (and signed) by a CA on the
 * chain and be current at the instant ({@code thisUpdate <= at <= nextUpdate}); then no certificate
 * that CA issued on the chain may be listed.
 */
final class Crls {

  private static final String BEGIN = "-----BEGIN X509 CRL-----";
  private static final String END = "-----END X509 CRL-----";

  private Crls() {}

  static void check(final List<byte[]> crlFiles, final List<X509Certificate> path, final Instant at)
      throws TeeException {
    check(crlFiles, path, at, true);
  }

  /**
   * As {@link #check(List, List, Instant)}; with {@code requireRelevant} false, CRLs from CAs not
   * on this path are skipped (for side chains such as the PCS documents' issuer chain, after the
   * evidence's own chain has already required every CRL to be relevant there).
   */
  static void check(
      final List<byte[]> crlFiles,
      final List<X509Certificate> path,
      final Instant at,
      final boolean requireRelevant)
      throws TeeException {
    for (final byte[] file : crlFiles) {
      final X509CRL crl = parse(file);
      final java.util.Optional<X509Certificate> found =
          path.stream()
              .filter(c -> c.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
              .findFirst();
      if (found.isEmpty() && !requireRelevant) {
        continue;
      }
      final X509Certificate issuer =
          found.orElseThrow(
              () ->
                  new TeeException(
                      Reason.CERT_MALFORMED,
                      "CRL issued by '"
                          + crl.getIssuerX500Principal()
                          + "', not a CA on the chain"));
      try {
        crl.verify(issuer.getPublicKey());
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new TeeException(
            Reason.CERT_SIGNATURE,
            "CRL signature does not verify with '" + Certs.name(issuer) + "'");
      }
      final Date when = Date.from(at);
      if (when.before(crl.getThisUpdate())
          || crl.getNextUpdate() == null
          || when.after(crl.getNextUpdate())) {
        throw new TeeException(
            Reason.CERT_VALIDITY,
            "CRL of '"
                + Certs.name(issuer)
                + "' is not current at "
                + at
                + " (this update "
                + crl.getThisUpdate().toInstant()
                + ", next "
                + (crl.getNextUpdate() == null ? "none" : crl.getNextUpdate().toInstant())
                + ")");
      }
      for (final X509Certificate c : path) {
        if (c.getIssuerX500Principal().equals(crl.getIssuerX500Principal()) && crl.isRevoked(c)) {
          throw new TeeException(
              Reason.CERT_REVOKED,
              "certificate '"
                  + Certs.name(c)
                  + "' (serial "
                  + c.getSerialNumber().toString(16)
                  + ") is revoked by the CRL of '"
                  + Certs.name(issuer)
                  + "'");
        }
      }
    }
  }

  static X509CRL parse(final byte[] file) throws TeeException {
    if (file.length > Certs.MAX_CERT_BYTES) {
      throw new TeeException(
          Reason.OVERSIZED, "CRL is larger than " + Certs.MAX_CERT_BYTES + " bytes");
    }
    byte[] der = file;
    final String text = new String(file, StandardCharsets.US_ASCII).strip();
    if (text.startsWith(BEGIN) && text.endsWith(END)) {
      final String body =
          text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("[\\r\\n]", "");
      try {
        der = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new TeeException(Reason.CERT_MALFORMED, "CRL: bad base64");
      }
    }
    try {
      final X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      if (!Arrays.equals(crl.getEncoded(), der)) {
        throw new TeeException(Reason.CERT_MALFORMED, "CRL has trailing or non-canonical bytes");
      }
      return crl;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TeeException(Reason.CERT_MALFORMED, "not a valid X.509 CRL");
    }
  }
}
