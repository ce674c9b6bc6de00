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
import dev.aether.crypto.KesSignature;
import dev.aether.crypto.KesVerificationKey;
import dev.aether.crypto.Vrf;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfProof;
import dev.aether.crypto.VrfPublicKey;
import dev.aether.crypto.VrfSuite;
import dev.aether.types.Bytes;
import dev.aether.types.OpCert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The chain's crypto behind consensus (used by the node and by the real-key consensus test):
 * BLS12-381 (blst) for votes and certificates, ECVRF for the leader lottery (the suite crypto names
 * {@code VrfSuite.LEADER_ELECTION}), Sum6KES hot keys vouched for by Ed25519 operational
 * certificates for proposals. Bad encodings are verdicts ({@code false}/empty), never exceptions,
 * so a peer's garbage cannot crash the consensus loop.
 */
public final class ChainCrypto implements ConsensusCrypto {
  /** The leader-election VRF suite (docs/crypto.md). */
  public static final Vrf VRF = Vrf.of(VrfSuite.LEADER_ELECTION);

  /**
   * Validators' BLS keys decoded and subgroup-checked once (the set is fixed per epoch): a QC check
   * of 100 signers is then ~1 verify instead of ~6 (docs/BENCHMARKS.md, crypto).
   */
  private final java.util.Map<Bytes, Optional<dev.aether.crypto.BlsPreparedKey>> prepared =
      new java.util.concurrent.ConcurrentHashMap<>();

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

  /**
   * Operational certificates whose cold signature verified, per cold key (a validator uses one for
   * weeks, so each is checked once); bounded, cleared when full.
   */
  private final java.util.Set<java.util.Map.Entry<Bytes, OpCert>> verifiedCerts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public boolean verifyProposal(
      Validator validator, OpCert cert, int kesPeriod, byte[] message, Bytes signature) {
    long evolution = (long) kesPeriod - cert.startPeriod();
    if (evolution < 0 || evolution >= Kes.PERIODS) {
      return false;
    }
    java.util.Map.Entry<Bytes, OpCert> key = java.util.Map.entry(validator.coldKey(), cert);
    if (!verifiedCerts.contains(key)) {
      if (!OpCerts.verify(validator.coldKey(), cert)) {
        return false;
      }
      if (verifiedCerts.size() > 4096) {
        verifiedCerts.clear();
      }
      verifiedCerts.add(key);
    }
    try {
      return Kes.sum6()
          .verify(
              new KesVerificationKey(cert.hotKey().toArray()),
              (int) evolution,
              message,
              new KesSignature(signature.toArray()));
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
    List<BlsSignature> sigs = new ArrayList<>(signatures.size());
    for (Bytes s : signatures) {
      sigs.add(new BlsSignature(s.toArray()));
    }
    return Bytes.of(Bls.INSTANCE.aggregate(sigs).bytes());
  }

  @Override
  public boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes aggregate) {
    try {
      BlsSignature sig = new BlsSignature(aggregate.toArray());
      boolean sameMessage = messages.stream().allMatch(m -> Arrays.equals(m, messages.get(0)));
      if (sameMessage && !messages.isEmpty()) {
        List<dev.aether.crypto.BlsPreparedKey> keys = new ArrayList<>(signers.size());
        for (Validator v : signers) {
          Optional<dev.aether.crypto.BlsPreparedKey> k =
              prepared.computeIfAbsent(
                  v.blsKey(), b -> Bls.INSTANCE.prepare(new BlsPublicKey(b.toArray())));
          if (k.isEmpty()) {
            return false;
          }
          keys.add(k.get());
        }
        return Bls.INSTANCE.fastAggregateVerifyPrepared(keys, messages.get(0), sig);
      }
      List<BlsPublicKey> keys = new ArrayList<>(signers.size());
      for (Validator v : signers) {
        keys.add(new BlsPublicKey(v.blsKey().toArray()));
      }
      return Bls.INSTANCE.aggregateVerify(keys, messages, sig);
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The local validator's signing operations: BLS for votes and timeouts, the VRF for the lottery,
   * the hot KES key (with its operational certificate) for proposals.
   *
   * @param coldKey the validator's cold public key: its identity in validator sets
   */
  public static LocalSigner signer(Bytes coldKey, BlsSecretKey bls, VrfKeyPair vrf, HotKey hot) {
    return new LocalSigner() {
      @Override
      public Bytes coldKey() {
        return coldKey;
      }

      @Override
      public VrfOutput vrfProve(byte[] input) {
        VrfProof proof = VRF.prove(vrf, input);
        return new VrfOutput(Bytes.of(proof.bytes()), Bytes.of(VRF.proofToHash(proof).bytes()));
      }

      @Override
      public Optional<OpCert> opCert(int kesPeriod) {
        return hot.certFor(kesPeriod);
      }

      @Override
      public Bytes signProposal(OpCert cert, int kesPeriod, byte[] message) {
        return hot.sign(cert, kesPeriod, message);
      }

      @Override
      public Bytes signVote(byte[] message) {
        return Bytes.of(bls.sign(message).bytes());
      }
    };
  }
}
