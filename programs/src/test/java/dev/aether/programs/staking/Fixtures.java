package dev.aether.programs.staking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.Evidence;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Receipt;
import dev.aether.types.Vote;
import java.util.Optional;

/** Evidence builders and receipt assertions shared by the staking tests. */
final class Fixtures {
  private Fixtures() {}

  static void ok(Receipt r) {
    assertThat(r.status())
        .as(
            "refused with %s",
            StakingError.ofNumber(r.errorCode())
                .map(Enum::name)
                .orElse(String.valueOf(r.errorCode())))
        .isEqualTo(Receipt.Status.SUCCESS);
  }

  static void refused(Receipt r, StakingError expected) {
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(StakingError.ofNumber(r.errorCode())).contains(expected);
  }

  static Vote vote(StakingChain.Keys k, long epoch, int index, long round, String block) {
    H256 id = Hashing.tagged("test/block", block.getBytes());
    return new Vote(
        epoch,
        round,
        id,
        index,
        Bytes.of(k.bls().sign(Vote.signingBytes(epoch, round, id)).bytes()));
  }

  /**
   * {@code k} (index {@code index} in the set of consensus epoch {@code epoch}) voted twice in
   * {@code round}.
   */
  static Evidence.DoubleVote doubleVote(StakingChain.Keys k, long epoch, int index, long round) {
    return Evidence.DoubleVote.of(
        vote(k, epoch, index, round, "a"), vote(k, epoch, index, round, "b"));
  }

  static Header header(long epoch, long slot, int proposer, String salt) {
    return new Header(
        epoch,
        5,
        slot,
        7,
        H256.ZERO,
        proposer,
        Bytes.EMPTY,
        0,
        dev.aether.types.OpCert.NONE,
        Hashing.tagged("test/tx", salt.getBytes()),
        H256.ZERO,
        H256.ZERO,
        H256.ZERO,
        QuorumCert.genesis(H256.ZERO),
        Optional.empty());
  }

  static Evidence.DoubleProposal doubleProposal(long epoch, long slotA, long slotB) {
    Header a = header(epoch, slotA, 0, "a");
    Header b = header(epoch, slotB, 0, "b");
    return a.id().compareTo(b.id()) < 0
        ? new Evidence.DoubleProposal(a, Bytes.of(new byte[8]), b, Bytes.of(new byte[8]))
        : new Evidence.DoubleProposal(b, Bytes.of(new byte[8]), a, Bytes.of(new byte[8]));
  }
}
