package dev.aether.verifiers.tee;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
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
 * <p>The collateral is trusted only after {@link PcsDocuments#authenticate} (issuer chain,
 * signature over the exact {@code "tcbInfo"} bytes, freshness).
 */
final class TdxTcbInfo {

  private static final HexFormat HEX = HexFormat.of();

  private final PinnedRoots roots;

  TdxTcbInfo(final PinnedRoots roots) {
    this.roots = roots;
  }

  /** The matching level's status after all checks; throws at the first failure. */
  String evaluate(
      final Collateral.PcsDocument info,
      final X509Certificate pck,
      final TdxQuote quote,
      final Policy policy,
      final List<byte[]> crls,
      final Instant at)
      throws TeeException {
    final JsonNode t = PcsDocuments.authenticate(info, "tcbInfo", "TCB info", roots, crls, at);
    if (!"TDX".equals(t.path("id").asText()) || t.path("version").asInt() != 3) {
      throw new TeeException(Reason.COLLATERAL_MISMATCH, "TCB info is not TDX version 3");
    }
    final PckExtensions pckExt = PckExtensions.of(pck);
    if (!t.path("fmspc").asText().toLowerCase(Locale.ROOT).equals(HEX.formatHex(pckExt.fmspc()))
        || !t.path("pceId")
            .asText()
            .toLowerCase(Locale.ROOT)
            .equals(HEX.formatHex(pckExt.pceId()))) {
      throw new TeeException(
          Reason.COLLATERAL_MISMATCH,
          "TCB info is for FMSPC "
              + t.path("fmspc").asText()
              + ", the PCK for "
              + HEX.formatHex(pckExt.fmspc()));
    }
    final JsonNode module = t.path("tdxModule");
    if (!module.isMissingNode()) {
      final byte[] mrSigner =
          PcsDocuments.hex(module.path("mrsigner").asText(""), "TCB info tdxModule.mrsigner");
      final long attrs = Long.parseUnsignedLong(module.path("attributes").asText("0"), 16);
      final long mask = Long.parseUnsignedLong(module.path("attributesMask").asText("0"), 16);
      // The JSON writes attributes as big-endian hex of the 8 bytes in quote order.
      final long seam = Long.reverseBytes(quote.seamAttributes());
      if (!Arrays.equals(mrSigner, quote.mrSignerSeam()) || (seam & mask) != (attrs & mask)) {
        throw new TeeException(
            Reason.COLLATERAL_MISMATCH, "TDX module signer or attributes differ from the TCB info");
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
}
