package dev.aether.verifiers.tee;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a TDX quote: PCK chain to the pinned Intel SGX Root CA, the QE report signed by the PCK
 * key, the QE report binding the attestation key, the quote signed by the attestation key, the
 * minimum TCB and the caller's policy. Throws at the first failed check.
 */
final class TdxVerifier {

  private static final String PCK_LEAF_CN = "Intel SGX PCK Certificate";
  private static final HexFormat HEX = HexFormat.of();

  private final PinnedRoots roots;
  private final TdxTcbInfo tcbInfo;
  private final TdxQeIdentity qeIdentity;

  TdxVerifier(final PinnedRoots roots) {
    this.roots = roots;
    this.tcbInfo = new TdxTcbInfo(roots);
    this.qeIdentity = new TdxQeIdentity(roots);
  }

  void verify(
      final TdxQuote quote,
      final Collateral collateral,
      final Policy policy,
      final Instant at,
      final List<String> checks)
      throws TeeException {
    final List<X509Certificate> chain = Certs.parse(quote.pckChain(), "PCK certificate chain");
    if (chain.size() < 2) {
      throw new TeeException(Reason.CERT_MISSING, "PCK chain needs the PCK, its CA and the root");
    }
    final X509Certificate pck = chain.getFirst();
    if (!Certs.name(pck).equals(PCK_LEAF_CN)) {
      throw new TeeException(
          Reason.CERT_PROFILE, "first certificate is '" + Certs.name(pck) + "', not a PCK");
    }
    Certs.verifyPath(chain, roots.intelRoots(), at);
    Crls.check(collateral.crls(), chain, at);
    checks.add(
        "chain: "
            + String.join(" <- ", chain.stream().map(Certs::name).toList())
            + " (pinned, valid at "
            + at
            + (collateral.crls().isEmpty() ? "" : ", " + collateral.crls().size() + " CRLs applied")
            + ")");

    final PublicKey pckKey = pck.getPublicKey();
    if (!Sigs.isEc(pckKey, 256)) {
      throw new TeeException(Reason.UNSUPPORTED_ALGORITHM, "PCK key is not ECDSA P-256");
    }
    if (!Sigs.ecdsaP1363("SHA256", pckKey, quote.qeReport(), quote.qeReportSignature())) {
      throw new TeeException(
          Reason.QE_REPORT_SIGNATURE, "QE report signature does not verify with the PCK key");
    }
    checks.add("qe report: signed by the PCK key");

    final byte[] expected = new byte[64];
    System.arraycopy(sha256(quote.attestationKey(), quote.qeAuthData()), 0, expected, 0, 32);
    if (!MessageDigest.isEqual(expected, quote.qeReportData())) {
      throw new TeeException(
          Reason.ATTESTATION_KEY_BINDING,
          "QE REPORTDATA is not SHA-256(attestation key || QE auth data) || 0^32");
    }
    checks.add("attestation key: bound by the QE report");

    final PublicKey ak =
        Sigs.p256(quote.attestationKey())
            .orElseThrow(
                () ->
                    new TeeException(
                        Reason.REPORT_SIGNATURE, "attestation key is not a P-256 curve point"));
    if (!Sigs.ecdsaP1363("SHA256", ak, quote.signedPart(), quote.quoteSignature())) {
      throw new TeeException(
          Reason.REPORT_SIGNATURE, "quote signature does not verify with the attestation key");
    }
    checks.add("signature: ECDSA P-256/SHA-256 over header and TD quote body");

    if (policy.minTdxTeeTcbSvn().isPresent()) {
      final byte[] min = HEX.parseHex(policy.minTdxTeeTcbSvn().get());
      final byte[] svn = quote.teeTcbSvn();
      for (int i = 0; i < svn.length; i++) {
        if ((svn[i] & 0xff) < (min[i] & 0xff)) {
          throw new TeeException(
              Reason.TCB_TOO_LOW,
              "TEE_TCB_SVN " + HEX.formatHex(svn) + " is below the minimum " + HEX.formatHex(min));
        }
      }
    }
    requireCollateral(collateral, policy);
    if (collateral.tcbInfo().isPresent()) {
      final String status =
          tcbInfo.evaluate(collateral.tcbInfo().get(), pck, quote, policy, collateral.crls(), at);
      checks.add("tcb: Intel TCB info signed and current, platform level " + status);
    } else {
      checks.add(
          "tcb: platform TCB status NOT evaluated (no TCB info supplied; the policy does not"
              + " require it)");
    }
    if (collateral.qeIdentity().isPresent()) {
      final String status =
          qeIdentity.evaluate(collateral.qeIdentity().get(), quote, policy, collateral.crls(), at);
      checks.add("tcb: Intel QE identity signed and current, quoting enclave " + status);
    } else {
      checks.add(
          "tcb: quoting enclave identity NOT evaluated (no QE identity supplied; the policy does"
              + " not require it)");
    }
    if (quote.debug() && !policy.allowDebug()) {
      throw new TeeException(Reason.POLICY_DEBUG, "TDATTRIBUTES.DEBUG is set");
    }
    if (!policy.measurementAllowed(quote.mrTd())) {
      throw new TeeException(
          Reason.POLICY_MEASUREMENT,
          "MRTD " + HEX.formatHex(quote.mrTd()) + " is not on the allow-list");
    }
    for (int i = 0; i < 4; i++) {
      final var allowed = policy.allowedRtmrs().get(i);
      final String v = HEX.formatHex(quote.rtmr(i));
      if (!allowed.isEmpty() && !allowed.contains(v)) {
        throw new TeeException(
            Reason.POLICY_RTMR, "RTMR" + i + " " + v + " is not on the allow-list");
      }
    }
    checks.add("policy: minimum TEE_TCB_SVN, debug, MRTD, RTMR0..3");
  }

  /** With {@link Policy#requireTdxCollateral()}, names what is missing instead of skipping it. */
  static void requireCollateral(final Collateral collateral, final Policy policy)
      throws TeeException {
    if (!policy.requireTdxCollateral()) {
      return;
    }
    final List<String> missing = new java.util.ArrayList<>();
    if (collateral.tcbInfo().isEmpty()) {
      missing.add("TCB info (Intel PCS tcbInfo)");
    }
    if (collateral.qeIdentity().isEmpty()) {
      missing.add("QE identity (Intel PCS qe/identity)");
    }
    if (!missing.isEmpty()) {
      throw new TeeException(
          Reason.COLLATERAL_MISSING,
          "the policy requires TDX collateral to evaluate the TCB status; missing: "
              + String.join(", ", missing));
    }
  }

  private static byte[] sha256(final byte[] a, final byte[] b) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(a);
      md.update(b);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
