package dev.aether.verifiers.tee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Authenticates a signed Intel PCS document (TCB info, QE identity): its issuer chain must be Intel
 * SGX TCB Signing under the pinned root, valid at the instant; its ECDSA P-256 signature must
 * verify over the exact bytes of the signed JSON member; and the instant must lie within the
 * member's {@code issueDate} and {@code nextUpdate}.
 */
final class PcsDocuments {

  private static final String SIGNER_CN = "Intel SGX TCB Signing";

  private PcsDocuments() {}

  /**
   * Returns the authenticated member ({@code "tcbInfo"} or {@code "enclaveIdentity"}).
   *
   * @param what a name for messages, e.g. "TCB info"
   */
  static JsonNode authenticate(
      final Collateral.PcsDocument doc,
      final String member,
      final String what,
      final PinnedRoots roots,
      final List<byte[]> crls,
      final Instant at)
      throws TeeException {
    final List<X509Certificate> chain = Certs.parse(doc.issuerChain(), what + " issuer chain");
    if (!Certs.name(chain.getFirst()).equals(SIGNER_CN)) {
      throw new TeeException(
          Reason.CERT_PROFILE, what + " is signed by '" + Certs.name(chain.getFirst()) + "'");
    }
    Certs.verifyPath(chain, roots.intelRoots(), at);
    Crls.check(crls, chain, at, false);

    final byte[] body = doc.body();
    final byte[] signed = rawMember(body, member, what);
    final JsonNode root = json(body, what);
    final byte[] sig = hex(root.path("signature").asText(""), what + " signature");
    if (sig.length != 64
        || !Sigs.ecdsaP1363("SHA256", chain.getFirst().getPublicKey(), signed, sig)) {
      throw new TeeException(
          Reason.COLLATERAL_SIGNATURE, what + " signature does not verify with " + SIGNER_CN);
    }
    final JsonNode m = root.path(member);
    final Instant issued = instant(m, "issueDate", what);
    final Instant next = instant(m, "nextUpdate", what);
    if (at.isBefore(issued) || at.isAfter(next)) {
      throw new TeeException(
          Reason.COLLATERAL_STALE, what + " is valid " + issued + " to " + next + ", not at " + at);
    }
    return m;
  }

  static byte[] hex(final String s, final String field) throws TeeException {
    try {
      return HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TeeException(Reason.COLLATERAL_MISMATCH, field + " is not hex");
    }
  }

  private static JsonNode json(final byte[] body, final String what) throws TeeException {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new TeeException(Reason.COLLATERAL_SIGNATURE, what + " is not JSON");
    }
  }

  private static Instant instant(final JsonNode m, final String field, final String what)
      throws TeeException {
    try {
      return Instant.parse(m.path(field).asText(""));
    } catch (DateTimeParseException e) {
      throw new TeeException(Reason.COLLATERAL_MISMATCH, what + " " + field + " is not a date");
    }
  }

  /**
   * The exact bytes of a top-level member's object value, as Intel signs them: found by matching
   * braces outside strings, so no re-serialisation can change what is verified.
   */
  static byte[] rawMember(final byte[] body, final String name, final String what)
      throws TeeException {
    final String text = new String(body, StandardCharsets.UTF_8);
    final String key = "\"" + name + "\"";
    final int k = text.indexOf(key);
    final int start = k < 0 ? -1 : text.indexOf('{', k + key.length());
    if (start < 0 || !text.substring(k + key.length(), start).strip().equals(":")) {
      throw new TeeException(Reason.COLLATERAL_SIGNATURE, what + " has no \"" + name + "\" object");
    }
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(start, i + 1).getBytes(StandardCharsets.UTF_8);
      }
    }
    throw new TeeException(Reason.COLLATERAL_SIGNATURE, what + " \"" + name + "\" is unterminated");
  }
}
