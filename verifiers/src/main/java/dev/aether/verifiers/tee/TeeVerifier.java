package dev.aether.verifiers.tee;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point: verifies TEE evidence (AMD SEV-SNP report, Intel TDX quote, or a development
 * quote) against the vendor roots pinned in this module, as of a given instant.
 *
 * <p>Checks run in a fixed order and stop at the first failure: format, certificate chain,
 * signatures, TCB, policy, and finally REPORT_DATA against the expected job binding. The verifier
 * is immutable and thread-safe; it does no I/O and reads no clock.
 */
public final class TeeVerifier {

  /** Largest evidence accepted; real TDX quotes with their PCK chain are about 5 KiB. */
  public static final int MAX_EVIDENCE_BYTES = 64 * 1024;

  private final SnpVerifier snp;
  private final TdxVerifier tdx;
  private final DevVerifier dev;

  /** A verifier trusting exactly the roots pinned in this module. */
  public TeeVerifier() {
    final PinnedRoots roots = PinnedRoots.load();
    this.snp = new SnpVerifier(roots);
    this.tdx = new TdxVerifier(roots);
    this.dev = new DevVerifier();
  }

  /**
   * Parses evidence of any supported kind, telling the kinds apart by their headers.
   *
   * @throws TeeException a FORMAT reason when the bytes are not well-formed evidence
   */
  public static Evidence parse(final byte[] evidence) throws TeeException {
    if (evidence.length > MAX_EVIDENCE_BYTES) {
      throw new TeeException(
          Reason.OVERSIZED,
          "evidence is " + evidence.length + " bytes, more than " + MAX_EVIDENCE_BYTES);
    }
    if (DevQuote.hasMagic(evidence)) {
      return DevQuote.parse(evidence);
    }
    if (evidence.length < 8) {
      throw new TeeException(Reason.TRUNCATED, "evidence is only " + evidence.length + " bytes");
    }
    // TDX quotes: u16 version, u16 attestation key type (2 or 3), u32 TEE type 0x81.
    // SEV-SNP reports: u32 version 2..5, so bytes 2-3 are zero and never a key type.
    final int keyType = LittleEndian.u16(evidence, 2, "header");
    if (keyType != 0 && LittleEndian.u32(evidence, 4, "header") == TdxQuote.TEE_TYPE_TDX) {
      return TdxQuote.parse(evidence);
    }
    if (keyType == 0) {
      return SnpReport.parse(evidence);
    }
    throw new TeeException(
        Reason.UNKNOWN_FORMAT, "not an SEV-SNP report, TDX quote or development quote");
  }

  /**
   * Verifies evidence.
   *
   * @param evidence the report or quote bytes
   * @param collateral certificates beside the evidence (the VCEK for SEV-SNP)
   * @param policy what the caller demands beyond authenticity
   * @param expectedReportData the 64 bytes REPORT_DATA must equal (e.g. {@link
   *     TeeBinding#reportData()}); empty to skip the binding check
   * @param at the instant certificates must be valid at (a recorded report is re-verified as of its
   *     own date)
   * @return the verdict; never throws for any input
   */
  public Verdict verify(
      final byte[] evidence,
      final Collateral collateral,
      final Policy policy,
      final Optional<byte[]> expectedReportData,
      final Instant at) {
    final Evidence parsed;
    try {
      parsed = parse(evidence);
    } catch (TeeException e) {
      return new Verdict.Invalid(e.reason(), e.getMessage(), Optional.empty());
    }
    final List<String> checks = new ArrayList<>();
    checks.add("format: " + parsed.kind() + " parsed");
    try {
      switch (parsed) {
        case SnpReport r -> snp.verify(r, collateral, policy, at, checks);
        case TdxQuote q -> tdx.verify(q, collateral, policy, at, checks);
        case DevQuote d -> dev.verify(d, policy, checks);
      }
      if (expectedReportData.isPresent()) {
        final byte[] want = expectedReportData.get();
        if (!MessageDigest.isEqual(want, parsed.reportData())) {
          throw new TeeException(
              Reason.REPORT_DATA_MISMATCH,
              "REPORT_DATA "
                  + HexFormat.of().formatHex(parsed.reportData())
                  + " is not the expected "
                  + HexFormat.of().formatHex(want));
        }
        checks.add("binding: REPORT_DATA equals the expected value");
      }
    } catch (TeeException e) {
      return new Verdict.Invalid(e.reason(), e.getMessage(), Optional.of(parsed));
    }
    return new Verdict.Valid(parsed, checks);
  }

  /** Verifies evidence bound to a job: REPORT_DATA must equal {@code binding.reportData()}. */
  public Verdict verify(
      final byte[] evidence,
      final Collateral collateral,
      final Policy policy,
      final TeeBinding binding,
      final Instant at) {
    return verify(evidence, collateral, policy, Optional.of(binding.reportData()), at);
  }
}
