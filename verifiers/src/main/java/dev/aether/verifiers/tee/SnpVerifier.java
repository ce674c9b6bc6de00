package dev.aether.verifiers.tee;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks an SEV-SNP report: endorsement chain (VCEK/VLEK, ASK/ASVK, pinned ARK), the report
 * signature, the VCEK's chip id and TCB against the report, and the caller's policy. Throws at the
 * first failed check.
 */
final class SnpVerifier {

  private static final int P384_LEN = 48;
  private static final HexFormat HEX = HexFormat.of();

  private final PinnedRoots roots;

  SnpVerifier(final PinnedRoots roots) {
    this.roots = roots;
  }

  void verify(
      final SnpReport report,
      final Collateral collateral,
      final Policy policy,
      final Instant at,
      final List<String> checks)
      throws TeeException {
    if (report.signatureAlgo() != SnpReport.ALGO_ECDSA_P384_SHA384) {
      throw new TeeException(
          Reason.UNSUPPORTED_ALGORITHM,
          "SEV-SNP SIGNATURE_ALGO " + report.signatureAlgo() + " (only 1, ECDSA P-384, exists)");
    }
    if (report.signingKey() == SnpReport.SigningKey.NONE) {
      throw new TeeException(
          Reason.REPORT_SIGNATURE, "SEV-SNP report is not signed (SIGNING_KEY 7)");
    }
    final List<X509Certificate> supplied = new ArrayList<>();
    for (final byte[] file : collateral.certificateFiles()) {
      supplied.addAll(Certs.parse(file, "collateral certificate"));
    }
    final X509Certificate leaf = pickLeaf(report, supplied);
    final List<X509Certificate> path = pathFrom(leaf, supplied);
    Certs.verifyPath(path, roots.amdArks(), at);
    Crls.check(collateral.crls(), path, at);
    // Supplied certificates off the path (other products, a whole directory of chains) are not
    // used, but a damaged one still fails: collateral must be intact, if not current.
    for (final X509Certificate other : supplied) {
      if (path.stream().noneMatch(p -> Certs.sameCert(p, other))) {
        Certs.verifyPath(pathFrom(other, supplied), roots.amdArks(), Optional.empty());
      }
    }
    final SnpProduct product = product(report, path);
    checks.add(
        "chain: "
            + String.join(" <- ", path.stream().map(Certs::name).toList())
            + " (pinned, valid at "
            + at
            + ")");

    verifySignature(report, leaf.getPublicKey());
    checks.add("signature: ECDSA P-384/SHA-384 over bytes 0x000..0x29F by " + Certs.name(leaf));

    final VcekExtensions ext = VcekExtensions.of(leaf);
    if (report.signingKey() == SnpReport.SigningKey.VCEK && !report.maskChipId()) {
      final byte[] hwId =
          ext.hwId()
              .orElseThrow(
                  () -> new TeeException(Reason.CERT_PROFILE, "VCEK lacks the hwID extension"));
      final byte[] chip = report.chipId();
      // Turin VCEKs carry only the first 8 bytes of CHIP_ID as hwID.
      final byte[] expected = hwId.length == 8 ? Arrays.copyOf(chip, 8) : chip;
      if (!Arrays.equals(hwId, expected)) {
        throw new TeeException(
            Reason.CHIP_ID_MISMATCH,
            "report CHIP_ID is not the VCEK's hwID " + HEX.formatHex(hwId));
      }
      checks.add("chip: CHIP_ID equals the VCEK hwID");
    }
    final SnpTcb reported = SnpTcb.decode(report.reportedTcbRaw(), product);
    final SnpTcb certified =
        product.turinLayout()
            ? ext.tcb()
            : new SnpTcb(0, ext.bootloader(), ext.tee(), ext.snp(), ext.microcode());
    if (!reported.equals(certified)) {
      throw new TeeException(
          Reason.TCB_MISMATCH, "REPORTED_TCB " + reported + " but the VCEK certifies " + certified);
    }
    checks.add(
        "tcb: REPORTED_TCB " + reported + " equals the VCEK's TCB (" + product.kdsName() + ")");
    final Optional<SnpTcb> min = policy.minSnpTcb();
    if (min.isPresent() && !reported.isAtLeast(min.get())) {
      throw new TeeException(
          Reason.TCB_TOO_LOW, "REPORTED_TCB " + reported + " is below the minimum " + min.get());
    }

    checkGuestPolicy(report, policy);
    checks.add(
        "policy: debug, VMPL, measurement, minimum TCB, guest POLICY 0x"
            + Long.toHexString(report.policy())
            + " (migration agent "
            + (report.migrateMaAllowed() ? "allowed" : "not allowed")
            + ", SMT "
            + (report.smtAllowed() ? "allowed" : "not allowed")
            + " and "
            + ((report.platformInfo() & 1) == 1 ? "enabled" : "disabled")
            + " on the host, single socket "
            + (report.singleSocket() ? "required" : "not required")
            + "), GUEST_SVN "
            + report.guestSvn());
  }

  /**
   * The caller's policy over the report's own fields: debug, VMPL, measurement, and the guest
   * POLICY bits and GUEST_SVN of {@link Policy.SnpGuestRules}. The report must already be
   * authenticated (this only reads fields).
   */
  static void checkGuestPolicy(final SnpReport report, final Policy policy) throws TeeException {
    final Policy.SnpGuestRules rules = policy.snpGuest();
    if (report.debugAllowed() && !policy.allowDebug()) {
      throw new TeeException(Reason.POLICY_DEBUG, "guest POLICY allows debugging (bit 19)");
    }
    if (report.migrateMaAllowed() && !rules.allowMigrationAgent()) {
      throw new TeeException(
          Reason.POLICY_MIGRATION_AGENT,
          "guest POLICY allows a migration agent (MIGRATE_MA, bit 18), which can read guest"
              + " memory");
    }
    if (!rules.allowSmt()) {
      if (report.smtAllowed()) {
        throw new TeeException(
            Reason.POLICY_SMT, "guest POLICY allows SMT (bit 16) and the policy forbids it");
      }
      if ((report.platformInfo() & 1) == 1) {
        throw new TeeException(
            Reason.POLICY_SMT, "PLATFORM_INFO says SMT is enabled on the host (SMT_EN, bit 0)");
      }
    }
    if (rules.requireSingleSocket() && !report.singleSocket()) {
      throw new TeeException(
          Reason.POLICY_SINGLE_SOCKET,
          "guest POLICY does not restrict the guest to one socket (SINGLE_SOCKET, bit 20)");
    }
    if (report.guestSvn() < rules.minGuestSvn()) {
      throw new TeeException(
          Reason.POLICY_GUEST_SVN,
          "GUEST_SVN " + report.guestSvn() + " is below the minimum " + rules.minGuestSvn());
    }
    if (report.vmpl() > policy.maxVmpl()) {
      throw new TeeException(
          Reason.POLICY_VMPL,
          "report from VMPL " + report.vmpl() + ", policy allows up to " + policy.maxVmpl());
    }
    if (!policy.measurementAllowed(report.measurement())) {
      throw new TeeException(
          Reason.POLICY_MEASUREMENT,
          "MEASUREMENT " + HEX.formatHex(report.measurement()) + " is not on the allow-list");
    }
  }

  /** The VCEK (or VLEK) among the supplied certificates, as the report's SIGNING_KEY says. */
  private static X509Certificate pickLeaf(
      final SnpReport report, final List<X509Certificate> supplied) throws TeeException {
    final boolean vlek = report.signingKey() == SnpReport.SigningKey.VLEK;
    final String cn = vlek ? "SEV-VLEK" : "SEV-VCEK";
    final List<X509Certificate> candidates =
        supplied.stream().filter(c -> Certs.name(c).equals(cn)).toList();
    if (candidates.isEmpty()) {
      throw new TeeException(
          Reason.CERT_MISSING, "report is signed by a " + (vlek ? "VLEK" : "VCEK") + "; supply it");
    }
    if (!vlek && candidates.size() > 1) {
      // Several VCEKs (e.g. a directory of them): take the one for this chip.
      final byte[] chip = report.chipId();
      for (final X509Certificate c : candidates) {
        final byte[] id = c.getExtensionValue("1.3.6.1.4.1.3704.1.4");
        if (id != null && id.length >= 2 + chip.length) {
          if (Arrays.equals(Arrays.copyOfRange(id, id.length - chip.length, id.length), chip)) {
            return c;
          }
        }
      }
    }
    return candidates.getFirst();
  }

  /** Walks issuer names from {@code leaf} up to a self-issued certificate. */
  private List<X509Certificate> pathFrom(
      final X509Certificate leaf, final List<X509Certificate> supplied) throws TeeException {
    final List<X509Certificate> path = new ArrayList<>();
    X509Certificate cur = leaf;
    path.add(cur);
    while (!Certs.selfIssued(cur)) {
      if (path.size() > 4) {
        throw new TeeException(Reason.CERT_PROFILE, "AMD certificate chain longer than 4");
      }
      final X509Certificate issuer = findIssuer(cur, supplied);
      path.add(issuer);
      cur = issuer;
    }
    return path;
  }

  /** Supplied certificates win over the built-in intermediates and roots. */
  private X509Certificate findIssuer(
      final X509Certificate cert, final List<X509Certificate> supplied) throws TeeException {
    final List<List<X509Certificate>> pools =
        List.of(supplied, roots.amdIntermediates(), roots.amdArks());
    for (final List<X509Certificate> pool : pools) {
      for (final X509Certificate c : pool) {
        if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
          return c;
        }
      }
    }
    throw new TeeException(
        Reason.CERT_MISSING,
        "no issuer '" + cert.getIssuerX500Principal() + "' for '" + Certs.name(cert) + "'");
  }

  /** The product the chain is for, cross-checked against the report's CPUID when present. */
  private static SnpProduct product(final SnpReport report, final List<X509Certificate> path)
      throws TeeException {
    SnpProduct fromChain = SnpProduct.UNKNOWN;
    for (final X509Certificate c : path.subList(1, path.size())) {
      final Optional<SnpProduct> p = SnpProduct.fromName(Certs.name(c));
      if (p.isPresent()) {
        fromChain = p.get();
        break;
      }
    }
    final SnpProduct fromReport = report.productFromCpuid();
    if (fromReport != SnpProduct.UNKNOWN
        && fromChain != SnpProduct.UNKNOWN
        && fromReport != fromChain) {
      throw new TeeException(
          Reason.CERT_PROFILE,
          "report CPUID says " + fromReport.kdsName() + " but the chain is " + fromChain.kdsName());
    }
    return fromChain != SnpProduct.UNKNOWN ? fromChain : fromReport;
  }

  private static void verifySignature(final SnpReport report, final PublicKey key)
      throws TeeException {
    if (!Sigs.isEc(key, 384)) {
      throw new TeeException(
          Reason.UNSUPPORTED_ALGORITHM, "endorsement key is not an ECDSA P-384 key");
    }
    final byte[] r = report.signatureR();
    final byte[] s = report.signatureS();
    // r and s are 72-byte fields holding 48-byte values; non-zero high bytes are not a
    // P-384 signature and would otherwise be silently dropped.
    final int pad = r.length - P384_LEN;
    if (!LittleEndian.allZero(r, 0, pad) || !LittleEndian.allZero(s, 0, pad)) {
      throw new TeeException(Reason.REPORT_SIGNATURE, "signature r/s exceed 384 bits");
    }
    final byte[] p1363 = new byte[2 * P384_LEN];
    System.arraycopy(r, pad, p1363, 0, P384_LEN);
    System.arraycopy(s, pad, p1363, P384_LEN, P384_LEN);
    if (!Sigs.ecdsaP1363("SHA384", key, report.signedPart(), p1363)) {
      throw new TeeException(
          Reason.REPORT_SIGNATURE, "report signature does not verify with the endorsement key");
    }
  }
}
