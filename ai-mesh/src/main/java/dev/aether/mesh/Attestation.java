package dev.aether.mesh;

import dev.aether.types.Bytes;
import java.util.List;

/**
 * What a TEE returns for one REPORT_DATA: the evidence (an SEV-SNP report, a TDX quote or a
 * development quote) and the certificate files a verifier needs beside it — the SEV-SNP VCEK and
 * its ASK/ARK from the host's certificate table, TDX PCS collateral the operator supplies — in the
 * form a published receipt carries them ({@code dev.aether.compute.proof.CollateralFiles}). One
 * quote and its own certificates travel together, so concurrent jobs never mix them up.
 *
 * @param evidence the attestation evidence
 * @param collateral certificate files and PCS bundles for the verifier (possibly none)
 */
public record Attestation(Bytes evidence, List<Bytes> collateral) {
  /** Copies the list. */
  public Attestation {
    collateral = List.copyOf(collateral);
  }
}
