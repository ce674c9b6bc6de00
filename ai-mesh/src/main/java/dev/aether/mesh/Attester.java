package dev.aether.mesh;

import dev.aether.verifiers.tee.Evidence;

/**
 * The provider's TEE: turns a job's 64-byte REPORT_DATA ({@code
 * dev.aether.verifiers.tee.TeeBinding}, which binds the job and its result) into attestation
 * evidence and its collateral that {@code dev.aether.verifiers.tee.TeeVerifier} checks. Kinds:
 * {@link DevAttester} (no hardware, devnets), {@code tee.ConfigfsTsmAttester} (Linux configfs-tsm,
 * SEV-SNP and TDX) and {@code tee.SevGuestAttester} ({@code /dev/sev-guest}).
 *
 * <p>An implementation returns evidence only when its REPORT_DATA is exactly {@code reportData}: a
 * hardware TEE that answered with another report is refused ({@link
 * MeshException.TeeReportDataMismatch}), never published.
 */
public interface Attester {
  /**
   * Evidence whose REPORT_DATA is {@code reportData} (64 bytes), with its collateral.
   *
   * @throws MeshException.TeeUnavailable if the TEE cannot be reached
   * @throws MeshException.TeeFailed if the TEE answered with an error or malformed evidence
   * @throws MeshException.TeeReportDataMismatch if the evidence does not carry {@code reportData}
   */
  Attestation attest(byte[] reportData);

  /** The kind of evidence {@link #attest} makes. */
  Evidence.Kind kind();

  /** The evidence alone ({@link #attest}'s). */
  default byte[] quote(byte[] reportData) {
    return attest(reportData).evidence().toArray();
  }
}
