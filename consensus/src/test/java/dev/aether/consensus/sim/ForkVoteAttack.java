package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.List;

/**
 * Votes that pull towards forks and split what validators see. For each round's first proposal it
 * votes for it, but sends that vote to a random subset only, so the QC forms at some validators and
 * not at others. Each slot it also votes, for the current and the next rounds, for a block of an
 * earlier round that the chain did not take (a conflicting fork), and for the round's other
 * proposals.
 */
final class ForkVoteAttack implements Attack {
  private long votedRound = -1;

  @Override
  public void onSlot(Adversary a, long slot) {
    long r = a.round();
    List<Block> forks = new ArrayList<>();
    H256 tip = a.highQc().blockId();
    for (long k = Math.max(1, r - 8); k <= r; k++) {
      for (Block b : a.intel.proposals(k)) {
        if (!b.id().equals(tip)) {
          forks.add(b);
        }
      }
    }
    if (forks.isEmpty()) {
      return;
    }
    Block fork = forks.get(a.rnd().nextInt(forks.size()));
    long round = r + a.rnd().nextInt(3);
    a.sendAll(a.vote(round, fork.id()));
    if (a.rnd().nextBoolean()) {
      a.sendAll(a.vote(fork.header().round(), fork.id()));
    }
  }

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
          List<Integer> some = new ArrayList<>();
          for (int i : a.honest()) {
            if (a.rnd().nextBoolean()) {
              some.add(i);
            }
          }
          a.sendTo(some, a.vote(r, b.id()));
        });
  }
}
