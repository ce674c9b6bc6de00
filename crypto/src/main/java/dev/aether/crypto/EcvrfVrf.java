package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ecvrf;
import java.util.Optional;

/** The RFC 9381 implementation over the shared edwards25519 arithmetic. */
record EcvrfVrf(VrfSuite suite) implements Vrf {

  private Ecvrf.Suite engine() {
    return suite == VrfSuite.TAI ? Ecvrf.Suite.TAI : Ecvrf.Suite.ELL2;
  }

  @Override
  public VrfProof prove(final VrfKeyPair key, final byte[] alpha) {
    return new VrfProof(key.withSeed(seed -> Ecvrf.prove(engine(), seed, alpha)));
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
