package dev.aether.mesh.tee;

import dev.aether.mesh.MeshException;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.TeeException;
import dev.aether.verifiers.tee.TeeVerifier;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Checks shared by the hardware attesters before any evidence leaves them. */
final class Quotes {
  /** REPORT_DATA is 64 bytes in SEV-SNP and TDX alike (configfs-tsm's inblob maximum). */
  static final int REPORT_DATA = 64;

  private Quotes() {}

  static void requireReportData(byte[] reportData) {
    if (reportData.length != REPORT_DATA) {
      throw new IllegalArgumentException(
          "REPORT_DATA is " + REPORT_DATA + " bytes, got " + reportData.length);
    }
  }

  /**
   * Parses what the TEE returned and requires it to be {@code kind} evidence whose REPORT_DATA is
   * exactly {@code reportData}. A provider that published a report with other REPORT_DATA would
   * publish a quote that binds another job (or none): the chain would refuse it anyway, but the
   * provider learns it here, with the reason, and never signs it.
   */
  static Evidence checked(Evidence.Kind kind, byte[] reportData, byte[] evidence, String source) {
    Evidence parsed;
    try {
      parsed = TeeVerifier.parse(evidence);
    } catch (TeeException e) {
      throw new MeshException.TeeFailed(
          source
              + " is not "
              + name(kind)
              + " evidence: "
              + e.reason().code()
              + ": "
              + e.getMessage(),
          e);
    }
    if (parsed.kind() != kind) {
      throw new MeshException.TeeFailed(
          source + " holds " + name(parsed.kind()) + " evidence, expected " + name(kind), null);
    }
    if (!MessageDigest.isEqual(parsed.reportData(), reportData)) {
      HexFormat hex = HexFormat.of();
      throw new MeshException.TeeReportDataMismatch(
          source
              + "'s REPORT_DATA is 0x"
              + hex.formatHex(parsed.reportData())
              + ", not the 0x"
              + hex.formatHex(reportData)
              + " asked for: the report does not bind this job");
    }
    return parsed;
  }

  static String name(Evidence.Kind kind) {
    return switch (kind) {
      case SEV_SNP -> "SEV-SNP";
      case TDX -> "TDX";
      case DEV -> "development";
    };
  }
}
