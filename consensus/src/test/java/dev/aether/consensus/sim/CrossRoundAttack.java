package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.TimeoutCert;
import java.util.List;
import java.util.Optional;

/**
 * Equivocation across rounds. When it may lead it proposes A (round r) to everyone and votes for
 * it; once the chain is in a later round r' it re-uses A's parent, slot and VRF proof for a
 * conflicting block B of round r' (justified by the last TC if there is one), sends A's twin B to
 * one half of the validators and a vote for B to the other, then forgets A.
 */
final class CrossRoundAttack implements Attack {
  private Block last;

  @Override
  public void onSlot(Adversary a, long slot) {
    long r = a.round();
    if (last != null && last.header().round() < r) {
      Block a0 = last;
      last = null;
      Optional<Block> parent = a.block(a0.header().parent());
      Optional<TimeoutCert> tc = a.justification(r, a0.header().parentQc());
      if (parent.isPresent() && r - a0.header().round() < 4) {
        Bytes proof = a0.header().vrfProof();
        Block b =
            a.build(parent.get(), a0.header().slot(), r, a0.header().parentQc(), tc, proof, 3);
        List<List<Integer>> halves = a.halves();
        a.sendTo(halves.get(0), b);
        a.sendTo(halves.get(1), a.vote(r, b.id()));
        a.sendTo(halves.get(0), a.vote(r, b.id()));
      }
      return;
    }
    if (last != null) {
      return;
    }
    Optional<Attacks.Tip> tip = Attacks.tip(a);
    if (tip.isEmpty()) {
      return;
    }
    Attacks.Tip t = tip.get();
    Optional<Bytes> proof = a.proof(t.parent(), slot);
    if (proof.isEmpty()) {
      return;
    }
    Block x = a.build(t.parent(), slot, t.round(), t.qc(), t.tc(), proof.get(), 4);
    last = x;
    a.sendAll(x);
    a.later(Attacks.untilVoteWindow(a, slot), () -> a.sendAll(a.vote(t.round(), x.id())));
  }
}
