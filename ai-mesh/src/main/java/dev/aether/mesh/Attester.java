package dev.aether.mesh;

/**
 * The provider's TEE: turns a job's 64-byte REPORT_DATA ({@code
 * dev.aether.verifiers.tee.TeeBinding}) into attestation evidence (an SEV-SNP report, a TDX quote,
 * or a development quote) that {@code dev.aether.verifiers.tee.TeeVerifier} checks.
 */
@FunctionalInterface
public interface Attester {
  /** Evidence whose REPORT_DATA is {@code reportData}. */
  byte[] quote(byte[] reportData);
}
