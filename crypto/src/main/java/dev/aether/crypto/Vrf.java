package dev.aether.crypto;

import java.util.Optional;

/**
 * A verifiable random function (RFC 9381 ECVRF over edwards25519) in one suite. The prover gets a
 * pseudorandom {@link VrfOutput} for an input {@code alpha} and a proof that anyone with the public
 * key can check.
 */
public interface Vrf {

  /** The implementation for {@code suite}. */
  static Vrf of(final VrfSuite suite) {
    return new EcvrfVrf(suite);
  }

  VrfSuite suite();

  /** {@code ECVRF_prove}. */
  VrfProof prove(VrfKeyPair key, byte[] alpha);

  /**
   * {@code ECVRF_verify}: the output when the proof is valid for (key, alpha), else empty. Rejects
   * small-order keys, non-canonical points and {@code s >= L}.
   */
  Optional<VrfOutput> verify(VrfPublicKey publicKey, byte[] alpha, VrfProof proof);

  /** {@code ECVRF_proof_to_hash}, without verifying; refuses a proof whose Gamma is no point. */
  VrfOutput proofToHash(VrfProof proof);
}
