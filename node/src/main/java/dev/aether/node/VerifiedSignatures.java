package dev.aether.node;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.Validator;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ConsensusCrypto} that remembers which vote and timeout signatures it has verified, so a
 * signature checked at gossip validation ({@link VoteGossip}) is not verified again when consensus
 * counts it. Only successes are remembered, keyed by a hash of key, message and signature, so a
 * cache hit is exactly a repeat of a check that passed. Bounded; thread-safe.
 */
final class VerifiedSignatures implements ConsensusCrypto {
  private static final int MAX = 8_192;

  private final ConsensusCrypto delegate;
  private final Map<H256, Boolean> verified = BoundedMap.keepingNewest(MAX);

  VerifiedSignatures(ConsensusCrypto delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean verifyVote(Validator validator, byte[] message, Bytes signature) {
    H256 key =
        Hashing.tagged(
            "aether/verified-vote/v1", validator.blsKey().toArray(), message, signature.toArray());
    synchronized (verified) {
      if (verified.containsKey(key)) {
        return true;
      }
    }
    boolean ok = delegate.verifyVote(validator, message, signature);
    if (ok) {
      synchronized (verified) {
        verified.put(key, Boolean.TRUE);
      }
    }
    return ok;
  }

  @Override
  public Optional<Bytes> vrfVerify(Validator validator, byte[] input, Bytes proof) {
    return delegate.vrfVerify(validator, input, proof);
  }

  @Override
  public boolean verifyProposal(
      Validator validator, dev.aether.types.OpCert cert, int kesPeriod, byte[] message, Bytes sig) {
    return delegate.verifyProposal(validator, cert, kesPeriod, message, sig);
  }

  @Override
  public Bytes aggregate(List<Bytes> signatures) {
    return delegate.aggregate(signatures);
  }

  @Override
  public boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes aggregate) {
    return delegate.verifyAggregate(signers, messages, aggregate);
  }
}
