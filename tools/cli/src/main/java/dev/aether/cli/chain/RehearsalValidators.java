package dev.aether.cli.chain;

import dev.aether.consensus.LocalSigner;
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
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Hashing;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Vote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator set of a shadow fork: {@code n} local rehearsal keys, equal stake, that replace the
 * chain's validator set in the fork — as Ethereum's shadow forks do, since the real operators' keys
 * are not available to whoever rehearses. The keys are derived from public seeds ({@code
 * aether/rehearsal/validator/v1}): they secure nothing and must never secure anything. The chain's
 * own validators, their stakes and keys play no part in the fork's consensus.
 */
final class RehearsalValidators {
  private final List<BlsSecretKey> bls = new ArrayList<>();
  private final List<LocalSigner> signers = new ArrayList<>();
  private final ValidatorSet set;

  /**
   * @param n validators (1..{@link ShadowFork#MAX_VALIDATORS})
   * @param kesPeriod the KES period the fork starts in: each hot key's certificate starts there
   */
  RehearsalValidators(int n, int kesPeriod) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] master =
          Hashing.tagged(
                  "aether/rehearsal/validator/v1",
                  Integer.toString(i).getBytes(StandardCharsets.US_ASCII))
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
      bls.add(b);
      signers.add(ChainCrypto.signer(coldKey, b, vrf, hot));
      vs.add(
          new Validator(
              i, 1, Bytes.of(b.publicKey().bytes()), Bytes.of(vrf.publicKey().bytes()), coldKey));
    }
    this.set = new ValidatorSet(vs);
  }

  ValidatorSet set() {
    return set;
  }

  LocalSigner signer(int i) {
    return signers.get(i);
  }

  /**
   * A quorum certificate on the node's head block signed by every rehearsal key: the fork's
   * consensus resumes from the head as if this set had certified it (the chain's own QC is signed
   * by keys the fork does not have).
   */
  QuorumCert certify(Block head) {
    long epoch = head.header().epoch();
    long round = head.header().round();
    byte[] msg = Vote.signingBytes(epoch, round, head.id());
    List<Bytes> sigs = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < bls.size(); i++) {
      sigs.add(Bytes.of(bls.get(i).sign(msg).bytes()));
      idx.add(i);
    }
    return new QuorumCert(
        epoch, round, head.id(), SignerSet.of(idx), new ChainCrypto().aggregate(sigs));
  }
}
