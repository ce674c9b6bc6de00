package dev.aether.compute.proof;

import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import java.util.List;

/**
 * What the provider registered and what it may therefore present: its receipt-signing key, its TEE
 * kind, the TEE policy built from its registration (launch measurements and minimum TCB pinned, a
 * development key only where the chain allows development quotes) and the runtime artifacts it
 * runs.
 *
 * @param key the provider's Ed25519 public key (32 bytes)
 * @param kind the TEE kind it registered
 * @param policy the policy its evidence must meet; its measurement allow-list is never empty
 * @param codeHashes the provider runtime artifacts it registered
 */
public record ProviderTerms(
    byte[] key, Evidence.Kind kind, Policy policy, List<dev.aether.types.H256> codeHashes) {
  /** Copies and checks: a policy that accepts any measurement pins nothing. */
  public ProviderTerms {
    key = key.clone();
    codeHashes = List.copyOf(codeHashes);
    if (key.length != 32) {
      throw new IllegalArgumentException("provider keys are 32 bytes");
    }
    if (policy.allowedMeasurements().isEmpty()) {
      throw new IllegalArgumentException("a provider's policy must pin its launch measurements");
    }
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  /** Collateral from the submission's certificate files. */
  static Collateral collateral(List<byte[]> files) throws dev.aether.verifiers.tee.TeeException {
    return files.isEmpty() ? Collateral.none() : Collateral.ofCertificates(files);
  }
}
