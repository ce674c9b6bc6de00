package dev.aether.consensus.crypto;

import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.consensus.VrfOutput;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Kes;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.types.Bytes;
import dev.aether.types.OpCert;
import java.util.Optional;

/**
 * Test validators' real keys (BLS, ECVRF, Ed25519 cold key, KES hot keys) derived from seeds, for
 * {@link ChainCrypto}.
 */
final class RealCrypto {
  private RealCrypto() {}

  /** One validator's secret keys, derived deterministically from a test seed. */
  record KeySet(int index, BlsSecretKey bls, VrfKeyPair vrf, Ed25519KeyPair cold) {
    static KeySet fromSeed(int index) {
      return new KeySet(
          index,
          BlsSecretKey.fromSeed(seed("bls", index, 0)),
          VrfKeyPair.fromSeed(seed("vrf", index, 0)),
          Ed25519KeyPair.fromSeed(seed("cold", index, 0)));
    }

    static byte[] seed(String what, int index, int n) {
      return dev.aether.types.Hashing.tagged(
              "aether/test-key/" + what,
              new byte[] {(byte) (index >> 8), (byte) index, (byte) (n >> 8), (byte) n})
          .toArray();
    }

    Bytes coldKey() {
      return Bytes.of(cold.publicKey().bytes());
    }

    Validator validator(int position, long stake) {
      return new Validator(
          position,
          stake,
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          coldKey());
    }

    /** The hot key of certificate {@code counter}, starting at KES period {@code start}. */
    HotKey hotKey(long counter, int start) {
      var kes = Kes.sum6().keygen(seed("kes", index, (int) counter));
      return new HotKey(
          OpCerts.issue(cold, kes.verificationKey(), counter, start), kes, HotKey.Store.NONE);
    }

    /** A signer whose first certificate covers periods 0..63 and that never rotates. */
    LocalSigner signer() {
      return ChainCrypto.signer(coldKey(), bls, vrf, hotKey(0, 0));
    }

    /**
     * A signer that plays a diligent operator: whenever its hot key does not cover the period it is
     * asked for, it issues the next certificate (counter + 1, a fresh hot key from the next seed,
     * starting at that period) with its cold key — what {@code aetherctl keys rotate-kes} does —
     * and switches to it.
     */
    LocalSigner rotatingSigner() {
      HotKey[] hot = {hotKey(0, 0)};
      LocalSigner base = ChainCrypto.signer(coldKey(), bls, vrf, hot[0]);
      return new LocalSigner() {
        @Override
        public Bytes coldKey() {
          return base.coldKey();
        }

        @Override
        public VrfOutput vrfProve(byte[] input) {
          return base.vrfProve(input);
        }

        @Override
        public Optional<OpCert> opCert(int kesPeriod) {
          // Rotate a few periods before the hot key runs out, as an operator watching the node's
          // expiry warning would.
          if (kesPeriod > hot[0].lastPeriod() - 8) {
            long next = hot[0].cert().counter() + 1;
            var kes = Kes.sum6().keygen(seed("kes", index, (int) next));
            hot[0].rotate(OpCerts.issue(cold, kes.verificationKey(), next, kesPeriod), kes);
          }
          return hot[0].certFor(kesPeriod);
        }

        @Override
        public Bytes signProposal(OpCert cert, int kesPeriod, byte[] message) {
          return hot[0].sign(cert, kesPeriod, message);
        }

        @Override
        public Bytes signVote(byte[] message) {
          return base.signVote(message);
        }
      };
    }
  }
}
