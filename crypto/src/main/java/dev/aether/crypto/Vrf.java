package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ecvrf;
import java.util.Optional;

/**
 * A verifiable random function (RFC 9381 ECVRF over edwards25519) in one suite. The prover gets a
 * pseudorandom {@link VrfOutput} for an input {@code alpha} and a proof that anyone with the public
 * key can check.
 */
public interface Vrf {

  /** The implementation for {@code suite}. */
  static Vrf of(final VrfSuite suite) {
    return new Impl(suite);
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

  /** The RFC 9381 implementation over the shared edwards25519 arithmetic. */
  record Impl(VrfSuite suite) implements Vrf {

    private Ecvrf.Suite engine() {
      return suite == VrfSuite.TAI ? Ecvrf.Suite.TAI : Ecvrf.Suite.ELL2;
    }

    @Override
    public VrfProof prove(final VrfKeyPair key, final byte[] alpha) {
      return new VrfProof(Ecvrf.prove(engine(), key.seed(), alpha));
    }

    @Override
    public Optional<VrfOutput> verify(
        final VrfPublicKey publicKey, final byte[] alpha, final VrfProof proof) {
      return Ecvrf.verify(engine(), publicKey.bytes(), alpha, proof.bytes()).map(VrfOutput::new);
    }

    @Override
    public VrfOutput proofToHash(final VrfProof proof) {
      return Ecvrf.proofToHash(engine(), proof.bytes())
          .map(VrfOutput::new)
          .orElseThrow(
              () -> CryptoException.badEncoding("VRF proof", "Gamma is not a point or s >= L"));
    }
  }
}
