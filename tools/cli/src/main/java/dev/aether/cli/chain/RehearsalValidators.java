package dev.aether.cli.chain;

import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.StakeWeights;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.consensus.crypto.HotKey;
import dev.aether.consensus.crypto.OpCerts;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.programs.staking.EpochValidator;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Hashing;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Vote;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator keys of a shadow fork: local rehearsal keys that replace the chain's validators in
 * the fork — as Ethereum's shadow forks do, since the real operators' keys are not available to
 * whoever rehearses. Rehearsal key {@code i} is derived from a public seed ({@code
 * aether/rehearsal/validator/v1} and {@code i}): the keys secure nothing and must never secure
 * anything. Two ways to form the fork's sets:
 *
 * <ul>
 *   <li>{@link #mirror}: each epoch's set is the one the staking program recorded in the fork's own
 *       final state — same members in the same order, same stake weights — with member {@code i}'s
 *       keys replaced by rehearsal key {@code i}. Staking changes a proposal makes (set size, who
 *       is jailed, stake) reach the fork's consensus at the epoch boundary where they would reach
 *       the chain's.
 *   <li>{@link #equal}: {@code n} rehearsal keys of equal stake for every epoch (chosen with {@code
 *       --validators}, or when the chain's set is too large to run in one process).
 * </ul>
 */
final class RehearsalValidators {
  /** A rehearsal key: its secrets for signing and its public validator entry. */
  private record Key(
      BlsSecretKey bls, LocalSigner signer, Bytes blsKey, Bytes vrfKey, Bytes cold) {}

  private final int kesPeriod;
  private final List<Key> keys = new ArrayList<>();

  /**
   * @param kesPeriod the KES period the fork starts in: each hot key's certificate starts there
   */
  RehearsalValidators(int kesPeriod) {
    this.kesPeriod = kesPeriod;
  }

  private Key key(int i) {
    while (keys.size() <= i) {
      int k = keys.size();
      byte[] master =
          Hashing.tagged(
                  "aether/rehearsal/validator/v1",
                  Integer.toString(k).getBytes(StandardCharsets.US_ASCII))
              .toArray();
      Ed25519KeyPair cold =
          Ed25519KeyPair.fromSeed(Hashing.tagged("aether/key/cold", master).toArray());
      KesSecretKey kes = Kes.sum6().keygen(Hashing.tagged("aether/key/kes", master).toArray());
      BlsSecretKey b = BlsSecretKey.fromSeed(Hashing.tagged("aether/key/bls", master).toArray());
      VrfKeyPair vrf = VrfKeyPair.fromSeed(Hashing.tagged("aether/key/vrf", master).toArray());
      Bytes coldKey = Bytes.of(cold.publicKey().bytes());
      HotKey hot =
          new HotKey(
              OpCerts.issue(cold, kes.verificationKey(), 0, kesPeriod), kes, HotKey.Store.NONE);
      keys.add(
          new Key(
              b,
              ChainCrypto.signer(coldKey, b, vrf, hot),
              Bytes.of(b.publicKey().bytes()),
              Bytes.of(vrf.publicKey().bytes()),
              coldKey));
    }
    return keys.get(i);
  }

  /** {@code n} rehearsal keys of equal stake. */
  ValidatorSet equal(int n) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Key k = key(i);
      vs.add(new Validator(i, 1, k.blsKey(), k.vrfKey(), k.cold()));
    }
    return new ValidatorSet(vs);
  }

  /** The recorded set with member {@code i}'s keys replaced by rehearsal key {@code i}. */
  ValidatorSet mirror(EpochValidatorSet recorded) {
    List<BigInteger> stakes = new ArrayList<>();
    for (EpochValidator v : recorded.validators()) {
      stakes.add(v.stake());
    }
    long[] weights = StakeWeights.of(stakes);
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      Key k = key(i);
      vs.add(new Validator(i, weights[i], k.blsKey(), k.vrfKey(), k.cold()));
    }
    return new ValidatorSet(vs);
  }

  LocalSigner signer(int i) {
    return key(i).signer();
  }

  /**
   * A quorum certificate on the node's head block signed by rehearsal keys {@code 0..n-1}: the
   * fork's consensus resumes from the head as if its set had certified it (the chain's own QC is
   * signed by keys the fork does not have).
   */
  QuorumCert certify(Block head, int n) {
    long epoch = head.header().epoch();
    long round = head.header().round();
    byte[] msg = Vote.signingBytes(epoch, round, head.id());
    List<Bytes> sigs = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sigs.add(Bytes.of(key(i).bls().sign(msg).bytes()));
      idx.add(i);
    }
    return new QuorumCert(
        epoch, round, head.id(), SignerSet.of(idx), new ChainCrypto().aggregate(sigs));
  }
}
