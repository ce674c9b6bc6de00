package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.network.Validation;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Gossip validation of the vote topic with real BLS keys: invalid votes are refused (and cost the
 * sender), replays under fresh sequence numbers are not forwarded, stale or unknown ones are
 * dropped without blame, and a checked signature is not verified twice.
 */
class VoteGossipTest {
  private static final ValidatorKeys KEYS = ValidatorKeys.devnet(0);
  private static final ValidatorKeys OTHER = ValidatorKeys.devnet(1);
  private static final Validator V0 = validator(0, KEYS);
  private static final LocalSigner SIGNER =
      ChainCrypto.signer(
          KEYS.coldPublicKey(),
          KEYS.bls(),
          KEYS.vrf(),
          new dev.aether.consensus.crypto.HotKey(
              KEYS.opCert(), KEYS.kes(), dev.aether.consensus.crypto.HotKey.Store.NONE));
  private static final LocalSigner IMPOSTOR =
      ChainCrypto.signer(
          KEYS.coldPublicKey(),
          OTHER.bls(),
          OTHER.vrf(),
          new dev.aether.consensus.crypto.HotKey(
              OTHER.opCert(), OTHER.kes(), dev.aether.consensus.crypto.HotKey.Store.NONE));
  private static final H256 BLOCK = Hashing.tagged("test/block", new byte[] {7});

  private final AtomicLong round = new AtomicLong(10);
  private final AtomicLong clock = new AtomicLong(50_000);
  private final CountingCrypto counting = new CountingCrypto(new ChainCrypto());
  private final VerifiedSignatures crypto = new VerifiedSignatures(counting);
  private final VoteGossip gossip =
      new VoteGossip(
          (epoch, i) -> epoch == 0 && i == 0 ? Optional.of(V0) : Optional.empty(),
          round::get,
          crypto,
          clock::get);

  private static Validator validator(int index, ValidatorKeys k) {
    return new Validator(
        index,
        1_000,
        Bytes.of(k.bls().publicKey().bytes()),
        Bytes.of(k.vrf().publicKey().bytes()),
        k.coldPublicKey());
  }

  private static Vote vote(LocalSigner s, long round) {
    return new Vote(0, round, BLOCK, 0, s.signVote(Vote.signingBytes(0, round, BLOCK)));
  }

  private byte[] framed(Vote v) {
    return gossip.frame(VoteGossip.VOTE, Vote.CODEC.encode(v));
  }

  @Test
  void aValidVoteIsForwardedOncePerWindowWhateverItsSequenceNumber() {
    Vote v = vote(SIGNER, 10);
    assertThat(gossip.validate(framed(v))).isEqualTo(Validation.ACCEPT);
    // The same vote under a new sequence number: a replay, not forwarded, nobody blamed.
    clock.addAndGet(VoteGossip.DEDUPE_WINDOW_MS - 1);
    assertThat(gossip.validate(framed(v))).isEqualTo(Validation.IGNORE);
    // A re-send after the window travels again (consensus re-sends timeouts on purpose).
    clock.addAndGet(1);
    assertThat(gossip.validate(framed(v))).isEqualTo(Validation.ACCEPT);
  }

  @Test
  void aForgedSignatureIsRejected() {
    assertThat(gossip.validate(framed(vote(IMPOSTOR, 10)))).isEqualTo(Validation.REJECT);
    Vote good = vote(SIGNER, 10);
    Vote otherBlock =
        new Vote(0, 10, Hashing.tagged("test/block", new byte[] {8}), 0, good.signature());
    assertThat(gossip.validate(framed(otherBlock))).isEqualTo(Validation.REJECT);
  }

  @Test
  void garbageIsRejected() {
    assertThat(gossip.validate(new byte[] {1, 2, 3})).isEqualTo(Validation.REJECT);
    assertThat(gossip.validate(gossip.frame((byte) 9, Vote.CODEC.encode(vote(SIGNER, 10)))))
        .isEqualTo(Validation.REJECT);
    assertThat(gossip.validate(gossip.frame(VoteGossip.VOTE, new byte[] {1, 2, 3, 4})))
        .isEqualTo(Validation.REJECT);
    byte[] truncated = framed(vote(SIGNER, 10));
    assertThat(gossip.validate(java.util.Arrays.copyOf(truncated, truncated.length - 1)))
        .isEqualTo(Validation.REJECT);
  }

  @Test
  void staleFarFutureAndUnknownSignersAreDroppedWithoutBlame() {
    assertThat(gossip.validate(framed(vote(SIGNER, 10 - VoteGossip.STALE_ROUNDS - 1))))
        .isEqualTo(Validation.IGNORE);
    assertThat(gossip.validate(framed(vote(SIGNER, 10 + VoteGossip.FUTURE_ROUNDS + 1))))
        .isEqualTo(Validation.IGNORE);
    Vote byUnknown = new Vote(0, 10, BLOCK, 3, vote(SIGNER, 10).signature());
    assertThat(gossip.validate(framed(byUnknown))).isEqualTo(Validation.IGNORE);
    // A validator of an epoch whose set this node does not know: not blamed either.
    Vote unknownEpoch = new Vote(1, 10, BLOCK, 0, SIGNER.signVote(Vote.signingBytes(1, 10, BLOCK)));
    assertThat(gossip.validate(framed(unknownEpoch))).isEqualTo(Validation.IGNORE);
    // Still in the window consensus counts: accepted.
    assertThat(gossip.validate(framed(vote(SIGNER, 10 - VoteGossip.STALE_ROUNDS))))
        .isEqualTo(Validation.ACCEPT);
  }

  @Test
  void timeoutsAreCheckedToo() {
    QuorumCert qc = new QuorumCert(0, 4, BLOCK, SignerSet.EMPTY, Bytes.EMPTY);
    Timeout good = new Timeout(0, 10, qc, 0, SIGNER.signVote(Timeout.signingBytes(0, 10, 4)));
    assertThat(gossip.validate(gossip.frame(VoteGossip.TIMEOUT, Timeout.CODEC.encode(good))))
        .isEqualTo(Validation.ACCEPT);
    // A lowered highQc under the old signature: forged.
    Timeout lowered =
        new Timeout(
            0, 10, new QuorumCert(0, 3, BLOCK, SignerSet.EMPTY, Bytes.EMPTY), 0, good.signature());
    assertThat(gossip.validate(gossip.frame(VoteGossip.TIMEOUT, Timeout.CODEC.encode(lowered))))
        .isEqualTo(Validation.REJECT);
    // A QC not below the round: malformed.
    QuorumCert high = new QuorumCert(0, 10, BLOCK, SignerSet.EMPTY, Bytes.EMPTY);
    Timeout bad = new Timeout(0, 10, high, 0, SIGNER.signVote(Timeout.signingBytes(0, 10, 10)));
    assertThat(gossip.validate(gossip.frame(VoteGossip.TIMEOUT, Timeout.CODEC.encode(bad))))
        .isEqualTo(Validation.REJECT);
  }

  @Test
  void consensusDoesNotVerifyASignatureGossipAlreadyChecked() {
    Vote v = vote(SIGNER, 10);
    assertThat(gossip.validate(framed(v))).isEqualTo(Validation.ACCEPT);
    assertThat(counting.votes.get()).isEqualTo(1);
    assertThat(crypto.verifyVote(V0, Vote.signingBytes(0, 10, BLOCK), v.signature())).isTrue();
    assertThat(counting.votes.get()).isEqualTo(1);
    // A failure is never remembered as a success.
    Vote forged = vote(IMPOSTOR, 10);
    assertThat(crypto.verifyVote(V0, Vote.signingBytes(0, 10, BLOCK), forged.signature()))
        .isFalse();
    assertThat(crypto.verifyVote(V0, Vote.signingBytes(0, 10, BLOCK), forged.signature()))
        .isFalse();
    assertThat(counting.votes.get()).isEqualTo(3);
  }

  /** Counts the vote verifications that reach the real crypto. */
  private static final class CountingCrypto implements ConsensusCrypto {
    final AtomicInteger votes = new AtomicInteger();
    private final ConsensusCrypto real;

    CountingCrypto(ConsensusCrypto real) {
      this.real = real;
    }

    @Override
    public boolean verifyVote(Validator v, byte[] message, Bytes signature) {
      votes.incrementAndGet();
      return real.verifyVote(v, message, signature);
    }

    @Override
    public Optional<Bytes> vrfVerify(Validator v, byte[] input, Bytes proof) {
      return real.vrfVerify(v, input, proof);
    }

    @Override
    public boolean verifyProposal(
        Validator v, dev.aether.types.OpCert cert, int kesPeriod, byte[] message, Bytes signature) {
      return real.verifyProposal(v, cert, kesPeriod, message, signature);
    }

    @Override
    public Bytes aggregate(List<Bytes> signatures) {
      return real.aggregate(signatures);
    }

    @Override
    public boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes agg) {
      return real.verifyAggregate(signers, messages, agg);
    }
  }
}
