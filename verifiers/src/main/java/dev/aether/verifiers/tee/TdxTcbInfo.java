package dev.aether.verifiers.tee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates Intel PCS TCB info (v3, id "TDX") for a TDX quote, following Intel's "TDX DCAP Quote
 * Verification" TCB-level rule: the first level whose SGX component SVNs and PCE SVN are all at
 * most the PCK certificate's, and whose TDX component SVNs are all at most the quote's TEE_TCB_SVN,
 * is the platform's level; its tcbStatus must be one the policy accepts.
 *
 * <p>The collateral is trusted only after its issuer chain (Intel SGX TCB Signing, pinned root)
 * verifies at the instant and its ECDSA P-256 signature over the exact bytes of the {@code
 * "tcbInfo"} JSON value verifies.
 */
final class TdxTcbInfo {

  private static final String SIGNER_CN = "Intel SGX TCB Signing";
  private static final HexFormat HEX = HexFormat.of();

  private final PinnedRoots roots;

  TdxTcbInfo(final PinnedRoots roots) {
    this.roots = roots;
  }

  /** The matching level's status after all checks; throws at the first failure. */
  String evaluate(
      final Collateral.TcbInfo info,
      final X509Certificate pck,
      final TdxQuote quote,
      final Policy policy,
      final Instant at)
      throws TeeException {
    final List<X509Certificate> chain = Certs.parse(info.issuerChain(), "TCB info issuer chain");
    if (!Certs.name(chain.getFirst()).equals(SIGNER_CN)) {
      throw new TeeException(
          Reason.CERT_PROFILE, "TCB info is signed by '" + Certs.name(chain.getFirst()) + "'");
    }
    Certs.verifyPath(chain, roots.intelRoots(), at);

    final byte[] body = info.body();
    final byte[] signed = rawMember(body, "tcbInfo");
    final JsonNode root = json(body);
    final byte[] sig = hex(root.path("signature").asText(""), "signature");
    if (sig.length != 64
        || !Sigs.ecdsaP1363("SHA256", chain.getFirst().getPublicKey(), signed, sig)) {
      throw new TeeException(
          Reason.TCB_INFO_SIGNATURE,
          "TCB info signature does not verify with Intel SGX TCB Signing");
    }

    final JsonNode t = root.path("tcbInfo");
    if (!"TDX".equals(t.path("id").asText()) || t.path("version").asInt() != 3) {
      throw new TeeException(Reason.TCB_INFO_MISMATCH, "TCB info is not TDX version 3");
    }
    final Instant issued = instant(t, "issueDate");
    final Instant next = instant(t, "nextUpdate");
    if (at.isBefore(issued) || at.isAfter(next)) {
      throw new TeeException(
          Reason.TCB_INFO_STALE, "TCB info is valid " + issued + " to " + next + ", not at " + at);
    }
    final PckExtensions pckExt = PckExtensions.of(pck);
    if (!t.path("fmspc").asText().toLowerCase(Locale.ROOT).equals(HEX.formatHex(pckExt.fmspc()))
        || !t.path("pceId")
            .asText()
            .toLowerCase(Locale.ROOT)
            .equals(HEX.formatHex(pckExt.pceId()))) {
      throw new TeeException(
          Reason.TCB_INFO_MISMATCH,
          "TCB info is for FMSPC "
              + t.path("fmspc").asText()
              + ", the PCK for "
              + HEX.formatHex(pckExt.fmspc()));
    }
    final JsonNode module = t.path("tdxModule");
    if (!module.isMissingNode()) {
      final byte[] mrSigner = hex(module.path("mrsigner").asText(""), "tdxModule.mrsigner");
      final long attrs = Long.parseUnsignedLong(module.path("attributes").asText("0"), 16);
      final long mask = Long.parseUnsignedLong(module.path("attributesMask").asText("0"), 16);
      // The JSON writes attributes as big-endian hex of the 8 bytes in quote order.
      final long seam = Long.reverseBytes(quote.seamAttributes());
      if (!Arrays.equals(mrSigner, quote.mrSignerSeam()) || (seam & mask) != (attrs & mask)) {
        throw new TeeException(
            Reason.TCB_INFO_MISMATCH, "TDX module signer or attributes differ from the TCB info");
      }
    }
    final byte[] teeTcbSvn = quote.teeTcbSvn();
    for (final JsonNode level : t.path("tcbLevels")) {
      if (matches(level.path("tcb"), pckExt, teeTcbSvn)) {
        final String status = level.path("tcbStatus").asText("");
        if (!policy.acceptedTcbStatuses().contains(status)) {
          throw new TeeException(
              Reason.TCB_STATUS,
              "platform TCB level (" + level.path("tcbDate").asText() + ") has status " + status);
        }
        return status;
      }
    }
    throw new TeeException(
        Reason.TCB_STATUS,
        "no TCB level in the TCB info matches the platform (PCK SVNs "
            + Arrays.toString(pckExt.compSvn())
            + " pcesvn "
            + pckExt.pceSvn()
            + ", TEE_TCB_SVN "
            + HEX.formatHex(teeTcbSvn)
            + ")");
  }

  /** Intel's rule for one TCB level: every SVN of the level is at most the platform's. */
  static boolean matches(final JsonNode tcb, final PckExtensions pck, final byte[] teeTcbSvn) {
    final JsonNode sgx = tcb.path("sgxtcbcomponents");
    final JsonNode tdx = tcb.path("tdxtcbcomponents");
    if (sgx.size() != 16 || tdx.size() != 16) {
      return false;
    }
    for (int i = 0; i < 16; i++) {
      if (sgx.get(i).path("svn").asInt(Integer.MAX_VALUE) > pck.compSvn()[i]
          || tdx.get(i).path("svn").asInt(Integer.MAX_VALUE) > (teeTcbSvn[i] & 0xff)) {
        return false;
      }
    }
    return tcb.path("pcesvn").asInt(Integer.MAX_VALUE) <= pck.pceSvn();
  }

  private static JsonNode json(final byte[] body) throws TeeException {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new TeeException(Reason.TCB_INFO_SIGNATURE, "TCB info is not JSON");
    }
  }

  private static Instant instant(final JsonNode t, final String field) throws TeeException {
    try {
      return Instant.parse(t.path(field).asText(""));
    } catch (DateTimeParseException e) {
      throw new TeeException(Reason.TCB_INFO_MISMATCH, "TCB info " + field + " is not a date");
    }
  }

  private static byte[] hex(final String s, final String field) throws TeeException {
    try {
      return HEX.parseHex(s.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TeeException(Reason.TCB_INFO_MISMATCH, "TCB info " + field + " is not hex");
    }
  }

  /**
   * The exact bytes of a top-level member's object value, as Intel signs them: found by matching
   * braces outside strings, so no re-serialisation can change what is verified.
   */
  static byte[] rawMember(final byte[] body, final String name) throws TeeException {
    final String text = new String(body, StandardCharsets.UTF_8);
    final String key = "\"" + name + "\"";
    final int k = text.indexOf(key);
    final int start = k < 0 ? -1 : text.indexOf('{', k + key.length());
    if (start < 0 || !text.substring(k + key.length(), start).strip().equals(":")) {
      throw new TeeException(Reason.TCB_INFO_SIGNATURE, "TCB info has no \"" + name + "\" object");
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
    throw new TeeException(Reason.TCB_INFO_SIGNATURE, "TCB info \"" + name + "\" is unterminated");
  }
}
