package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.List;

/**
 * For the first proposal of each round it hears: when the vote window closes, a vote for it to
 * everyone and a second vote — for another proposal of the round, else a block that does not exist
 * — to one half.
 */
final class DoubleVoteAttack implements Attack {
  private long votedRound = -1;

  @Override
  public void onSlot(Adversary a, long slot) {}

  @Override
  public void onMessage(Adversary a, Object message) {
    if (!(message instanceof Block b) || b.header().round() != a.round()) {
      return;
    }
    long r = b.header().round();
    if (r <= votedRound) {
      return;
    }
    votedRound = r;
    a.later(
        Attacks.untilVoteWindow(a, b.header().slot()),
        () -> {
          H256 other =
              a.intel.proposals(r).stream()
                  .map(Block::id)
                  .filter(id -> !id.equals(b.id()))
                  .findFirst()
                  .orElse(Hashing.tagged("sim/fake", b.id().toArray()));
          List<List<Integer>> halves = a.halves();
          a.sendAll(a.vote(r, b.id()));
          a.sendTo(halves.get(1), a.vote(r, other));
        });
  }
}
