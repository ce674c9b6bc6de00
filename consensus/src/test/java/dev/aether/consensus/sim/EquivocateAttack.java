package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Once per round in which it may lead: two different blocks for the same round and slot, each KES
 * signed, one to each half of the honest validators; then a vote for each, towards the half that
 * has it (a double vote too).
 */
final class EquivocateAttack implements Attack {
  private long proposedRound = -1;

  @Override
  public void onSlot(Adversary a, long slot) {
    Optional<Attacks.Tip> tip = Attacks.tip(a);
    if (tip.isEmpty() || tip.get().round() <= proposedRound) {
      return;
    }
    Attacks.Tip t = tip.get();
    Optional<Bytes> proof = a.proof(t.parent(), slot);
    if (proof.isEmpty()) {
      return;
    }
    proposedRound = t.round();
    Block x = a.build(t.parent(), slot, t.round(), t.qc(), t.tc(), proof.get(), 1);
    Block y = a.build(t.parent(), slot, t.round(), t.qc(), t.tc(), proof.get(), 2);
    List<List<Integer>> halves = a.halves();
    a.sendTo(halves.get(0), x);
    a.sendTo(halves.get(1), y);
    long r = t.round();
    a.later(
        Attacks.untilVoteWindow(a, slot),
        () -> {
          a.sendTo(halves.get(0), a.vote(r, x.id()));
          a.sendTo(halves.get(1), a.vote(r, y.id()));
        });
  }
}
