package dev.aether.consensus.crypto;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.consensus.VrfOutput;
import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsPublicKey;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.BlsSignature;
import dev.aether.crypto.CryptoException;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.KesSignature;
import dev.aether.crypto.KesVerificationKey;
import dev.aether.crypto.Vrf;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfProof;
import dev.aether.crypto.VrfPublicKey;
import dev.aether.crypto.VrfSuite;
import dev.aether.types.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConsensusCrypto} over aether-crypto (blst BLS12-381 min-pk with the POP ciphersuite, ECVRF
 * edwards25519 ELL2 — the chain's leader-election suite, Sum6KES), used by the real-crypto
 * consensus test. It mirrors the node's adapter so the state machine is exercised with real keys
 * inside this module. Bad encodings are verdicts, never exceptions.
 */
public final class RealCrypto implements ConsensusCrypto {
  static final Vrf VRF = Vrf.of(VrfSuite.LEADER_ELECTION);

  @Override
  public Optional<Bytes> vrfVerify(Validator validator, byte[] input, Bytes proof) {
    try {
      return VRF.verify(
              new VrfPublicKey(validator.vrfKey().toArray()), input, new VrfProof(proof.toArray()))
          .map(o -> Bytes.of(o.bytes()));
    } catch (CryptoException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean verifyProposal(Validator validator, int kesPeriod, byte[] message, Bytes sig) {
    try {
      return Kes.sum6()
          .verify(
              new KesVerificationKey(validator.kesKey().toArray()),
              kesPeriod,
              message,
              new KesSignature(sig.toArray()));
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean verifyVote(Validator validator, byte[] message, Bytes signature) {
    try {
      return Bls.INSTANCE.verify(
          new BlsPublicKey(validator.blsKey().toArray()),
          message,
          new BlsSignature(signature.toArray()));
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public Bytes aggregate(List<Bytes> signatures) {
    List<BlsSignature> sigs = new ArrayList<>();
    for (Bytes s : signatures) {
      sigs.add(new BlsSignature(s.toArray()));
    }
    return Bytes.of(Bls.INSTANCE.aggregate(sigs).bytes());
  }

  @Override
  public boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes aggregate) {
    try {
      List<BlsPublicKey> keys = new ArrayList<>();
      for (Validator v : signers) {
        keys.add(new BlsPublicKey(v.blsKey().toArray()));
      }
      BlsSignature sig = new BlsSignature(aggregate.toArray());
      boolean same =
          !messages.isEmpty() && messages.stream().allMatch(m -> Arrays.equals(m, messages.get(0)));
      return same
          ? Bls.INSTANCE.fastAggregateVerify(keys, messages.get(0), sig)
          : Bls.INSTANCE.aggregateVerify(keys, messages, sig);
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  /** One validator's secret keys, derived deterministically from a test seed. */
  public record KeySet(BlsSecretKey bls, VrfKeyPair vrf, KesSecretKey kes) {
    public static KeySet fromSeed(int index) {
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

    public Validator validator(int index, long stake) {
      return new Validator(
          index,
          stake,
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          Bytes.of(kes.verificationKey().bytes()));
    }

    public LocalSigner signer(int index) {
      return new LocalSigner() {
        @Override
        public int index() {
          return index;
        }

        @Override
        public VrfOutput vrfProve(byte[] input) {
          VrfProof proof = VRF.prove(vrf, input);
          return new VrfOutput(Bytes.of(proof.bytes()), Bytes.of(VRF.proofToHash(proof).bytes()));
        }

        @Override
        public Bytes signProposal(int kesPeriod, byte[] message) {
          if (kes.period() < kesPeriod) {
            kes.evolveTo(kesPeriod);
          }
          return Bytes.of(kes.sign(kesPeriod, message).bytes());
        }

        @Override
        public Bytes signVote(byte[] message) {
          return Bytes.of(bls.sign(message).bytes());
        }
      };
    }
  }
}
