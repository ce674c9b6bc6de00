package dev.aether.verifiers.tee;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * X.509 parsing and chain checks shared by the SEV-SNP and TDX verifiers.
 *
 * <p>Hand-written on top of the JDK's certificate parser rather than {@code CertPathValidator}: the
 * verifier must report which certificate failed which check (a stable reason per step), and PKIX
 * would also reject AMD's chains for reasons irrelevant here (no revocation source). Each step is
 * the plain PKIX rule: validity at the instant, issuer name, issuer is a CA, signature, and the
 * last certificate byte-equal to a pinned root.
 */
final class Certs {

  /** Largest certificate or PEM bundle accepted; real ones are under 8 KiB. */
  static final int MAX_CERT_BYTES = 64 * 1024;

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\r\\n]*)-----END CERTIFICATE-----");

  private Certs() {}

  /**
   * Parses a DER certificate or one or more PEM certificates.
   *
   * @throws TeeException CERT_MALFORMED for anything that is not exactly that
   */
  static List<X509Certificate> parse(final byte[] data, final String what) throws TeeException {
    if (data.length > MAX_CERT_BYTES) {
      throw new TeeException(
          Reason.OVERSIZED, what + " is larger than " + MAX_CERT_BYTES + " bytes");
    }
    if (data.length > 0 && data[0] == 0x30) {
      return List.of(parseDer(data, what));
    }
    final String text = new String(data, StandardCharsets.US_ASCII);
    final Matcher m = PEM.matcher(text);
    final List<X509Certificate> out = new ArrayList<>();
    int last = 0;
    while (m.find()) {
      requireBlank(text, last, m.start(), what);
      last = m.end();
      final String body = m.group(1).replace("\r", "").replace("\n", "");
      final byte[] der;
      try {
        der = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new TeeException(Reason.CERT_MALFORMED, what + ": bad base64 in PEM certificate");
      }
      // The decoder ignores unused bits of the last group; insisting on the canonical text
      // means no byte of the PEM can change without changing the certificate.
      if (!Base64.getEncoder().encodeToString(der).equals(body)) {
        throw new TeeException(Reason.CERT_MALFORMED, what + ": non-canonical base64 in PEM");
      }
      out.add(parseDer(der, what));
    }
    requireBlank(text, last, text.length(), what);
    if (out.isEmpty()) {
      throw new TeeException(Reason.CERT_MALFORMED, what + ": no DER or PEM certificate found");
    }
    return List.copyOf(out);
  }

  /**
   * Between and around PEM blocks only line breaks, spaces, tabs and NUL padding may appear: a
   * damaged BEGIN line must not make a certificate silently disappear from a bundle.
   */
  private static void requireBlank(
      final String text, final int from, final int to, final String what) throws TeeException {
    for (int i = from; i < to; i++) {
      final char c = text.charAt(i);
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t' && c != 0) {
        throw new TeeException(
            Reason.CERT_MALFORMED, what + ": unexpected text outside PEM certificate blocks");
      }
    }
  }

  static X509Certificate parseDer(final byte[] der, final String what) throws TeeException {
    final X509Certificate cert;
    try {
      final CertificateFactory cf = CertificateFactory.getInstance("X.509");
      cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new TeeException(Reason.CERT_MALFORMED, what + ": not a valid X.509 certificate");
    }
    // The JDK parser stops after the first certificate; trailing bytes would be unverified
    // data travelling with a valid certificate, so require an exact encoding.
    try {
      if (!Arrays.equals(cert.getEncoded(), der)) {
        throw new TeeException(
            Reason.CERT_MALFORMED, what + ": certificate has trailing or non-canonical bytes");
      }
    } catch (CertificateException e) {
      throw new TeeException(Reason.CERT_MALFORMED, what + ": certificate cannot be re-encoded");
    }
    return cert;
  }

  static String name(final X509Certificate c) {
    final String dn = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    for (final String part : dn.split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return dn;
  }

  static boolean selfIssued(final X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  static boolean sameCert(final X509Certificate a, final X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateException e) {
      return false;
    }
  }

  /**
   * Checks a path, leaf first, whose last certificate must be one of the pinned roots.
   *
   * @throws TeeException with a CHAIN reason naming the first certificate that failed
   */
  static void verifyPath(
      final List<X509Certificate> path, final List<X509Certificate> roots, final Instant at)
      throws TeeException {
    verifyPath(path, roots, Optional.of(at));
  }

  /**
   * As {@link #verifyPath(List, List, Instant)}; with an empty instant validity periods are not
   * checked (for supplied certificates that are not on the evidence's own chain).
   */
  static void verifyPath(
      final List<X509Certificate> path,
      final List<X509Certificate> roots,
      final Optional<Instant> instant)
      throws TeeException {
    for (int i = 0; i < path.size(); i++) {
      final X509Certificate cert = path.get(i);
      final boolean last = i == path.size() - 1;
      final X509Certificate issuer = last ? cert : path.get(i + 1);
      final String who = "certificate '" + name(cert) + "'";
      try {
        if (instant.isPresent()) {
          cert.checkValidity(Date.from(instant.get()));
        }
      } catch (CertificateException e) {
        throw new TeeException(
            Reason.CERT_VALIDITY,
            who
                + " is not valid at "
                + instant.get()
                + " (valid "
                + cert.getNotBefore().toInstant()
                + " to "
                + cert.getNotAfter().toInstant()
                + ")");
      }
      if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        throw new TeeException(
            Reason.CERT_ISSUER_MISMATCH,
            who
                + " is issued by '"
                + cert.getIssuerX500Principal()
                + "', not '"
                + name(issuer)
                + "'");
      }
      if (issuer.getBasicConstraints() < 0) {
        throw new TeeException(
            Reason.CERT_PROFILE, "issuer '" + name(issuer) + "' is not a CA certificate");
      }
      final boolean[] ku = issuer.getKeyUsage();
      if (ku != null && (ku.length < 6 || !ku[5])) {
        throw new TeeException(
            Reason.CERT_PROFILE, "issuer '" + name(issuer) + "' may not sign certificates");
      }
      try {
        cert.verify(issuer.getPublicKey());
      } catch (NoSuchAlgorithmException e) {
        throw new TeeException(
            Reason.UNSUPPORTED_ALGORITHM,
            who + " uses unsupported algorithm " + cert.getSigAlgName());
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new TeeException(
            Reason.CERT_SIGNATURE, who + " signature does not verify with '" + name(issuer) + "'");
      }
    }
    final X509Certificate top = path.getLast();
    if (roots.stream().noneMatch(r -> sameCert(r, top))) {
      throw new TeeException(
          Reason.CERT_UNTRUSTED_ROOT, "chain ends in '" + name(top) + "', not a pinned root");
    }
  }
}
