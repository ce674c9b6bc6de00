package dev.aether.verifiers.tee;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Evaluates Intel PCS QE identity (v2, id "TD_QE") against the quoting enclave's report inside a
 * TDX quote: same MRSIGNER and ISVPRODID, MISCSELECT and ATTRIBUTES equal under their masks (hex
 * strings read as bytes in report order), and the first TCB level whose ISVSVN is at most the QE's
 * gives the status, which the policy must accept.
 */
final class TdxQeIdentity {

  private static final HexFormat HEX = HexFormat.of();

  private final PinnedRoots roots;

  TdxQeIdentity(final PinnedRoots roots) {
    this.roots = roots;
  }

  /** The matching level's status after all checks; throws at the first failure. */
  String evaluate(
      final Collateral.PcsDocument doc,
      final TdxQuote quote,
      final Policy policy,
      final List<byte[]> crls,
      final Instant at)
      throws TeeException {
    final JsonNode id =
        PcsDocuments.authenticate(doc, "enclaveIdentity", "QE identity", roots, crls, at);
    if (!"TD_QE".equals(id.path("id").asText()) || id.path("version").asInt() != 2) {
      throw new TeeException(Reason.COLLATERAL_MISMATCH, "QE identity is not TD_QE version 2");
    }
    final byte[] mrSigner =
        PcsDocuments.hex(id.path("mrsigner").asText(""), "QE identity mrsigner");
    if (!java.util.Arrays.equals(mrSigner, quote.qeMrSigner())
        || id.path("isvprodid").asInt(-1) != quote.qeIsvProdId()) {
      throw new TeeException(
          Reason.COLLATERAL_MISMATCH,
          "quoting enclave MRSIGNER "
              + HEX.formatHex(quote.qeMrSigner())
              + " / ISVPRODID "
              + quote.qeIsvProdId()
              + " is not the one in the QE identity");
    }
    masked(id, "miscselect", quote.qeMiscSelect());
    masked(id, "attributes", quote.qeAttributes());
    for (final JsonNode level : id.path("tcbLevels")) {
      if (level.path("tcb").path("isvsvn").asInt(Integer.MAX_VALUE) <= quote.qeIsvSvn()) {
        final String status = level.path("tcbStatus").asText("");
        if (!policy.acceptedTcbStatuses().contains(status)) {
          throw new TeeException(
              Reason.TCB_STATUS,
              "quoting enclave ISVSVN " + quote.qeIsvSvn() + " has status " + status);
        }
        return status;
      }
    }
    throw new TeeException(
        Reason.TCB_STATUS, "no QE identity TCB level matches ISVSVN " + quote.qeIsvSvn());
  }

  private static void masked(final JsonNode id, final String field, final byte[] actual)
      throws TeeException {
    final byte[] want = PcsDocuments.hex(id.path(field).asText(""), "QE identity " + field);
    final byte[] mask =
        PcsDocuments.hex(id.path(field + "Mask").asText(""), "QE identity " + field + "Mask");
    if (want.length != actual.length || mask.length != actual.length) {
      throw new TeeException(
          Reason.COLLATERAL_MISMATCH, "QE identity " + field + " has the wrong size");
    }
    for (int i = 0; i < actual.length; i++) {
      if ((actual[i] & mask[i]) != (want[i] & mask[i])) {
        throw new TeeException(
            Reason.COLLATERAL_MISMATCH,
            "quoting enclave "
                + field.toUpperCase(java.util.Locale.ROOT)
                + " "
                + HEX.formatHex(actual)
                + " does not match the QE identity under its mask");
      }
    }
  }
}
