package dev.aether.consensus.crypto;

import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.types.Bytes;

/** Test validators' real keys (BLS, ECVRF, KES) derived from seeds, for {@link ChainCrypto}. */
final class RealCrypto {
  private RealCrypto() {}

  /** One validator's secret keys, derived deterministically from a test seed. */
  record KeySet(BlsSecretKey bls, VrfKeyPair vrf, KesSecretKey kes) {
    static KeySet fromSeed(int index) {
      return new KeySet(
          BlsSecretKey.fromSeed(seed("bls", index)),
          VrfKeyPair.fromSeed(seed("vrf", index)),
          Kes.sum6().keygen(seed("kes", index)));
    }

    private static byte[] seed(String what, int index) {
      return dev.aether.types.Hashing.tagged(
              "aether/test-key/" + what, new byte[] {(byte) (index >> 8), (byte) index})
          .toArray();
    }

    Validator validator(int index, long stake) {
      return new Validator(
          index,
          stake,
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          Bytes.of(kes.verificationKey().bytes()));
    }

    LocalSigner signer(int index) {
      return ChainCrypto.signer(index, bls, vrf, kes);
    }
  }
}
