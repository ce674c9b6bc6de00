package dev.aether.mesh;

import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Evidence;
import java.util.List;

/**
 * The provider's TEE: turns a job's 64-byte REPORT_DATA ({@code
 * dev.aether.verifiers.tee.TeeBinding}, which binds the job and its result) into attestation
 * evidence (an SEV-SNP report, a TDX quote, or a development quote) that {@code
 * dev.aether.verifiers.tee.TeeVerifier} checks.
 */
public interface Attester {
  /** Evidence whose REPORT_DATA is {@code reportData}. */
  byte[] quote(byte[] reportData);

  /** The kind of evidence {@link #quote} makes. */
  Evidence.Kind kind();

  /** Certificate files a verifier needs beside the evidence (the SEV-SNP VCEK); none by default. */
  default List<Bytes> collateral() {
    return List.of();
  }
}
