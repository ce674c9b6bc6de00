package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import java.util.Optional;

/**
 * Splits a round's votes with a single, non-equivocating proposal. Voters prefer the earliest slot,
 * so this member looks for the earliest slot after its parent's that it wins — possibly long past,
 * when the round began after a timeout — and sends that proposal, at the start of a slot, to a
 * random half of the honest validators only: they vote for it at once, the other half for the
 * current slot's best proposal, and neither reaches a quorum. One proposal per round, so there is
 * never evidence to convict it.
 */
final class SplitAttack implements Attack {
  private static final int MAX_LOOKBACK = 64;
  private long splitRound = -1;

  @Override
  public void onSlot(Adversary a, long slot) {
    Optional<Attacks.Tip> tip = Attacks.tip(a);
    if (tip.isEmpty() || tip.get().round() <= splitRound) {
      return;
    }
    Attacks.Tip t = tip.get();
    long from = Math.max(t.parent().header().slot() + 1, slot - MAX_LOOKBACK);
    for (long s = from; s <= slot; s++) {
      Optional<Bytes> proof = a.proof(t.parent(), s);
      if (proof.isPresent()) {
        splitRound = t.round();
        Block b = a.build(t.parent(), s, t.round(), t.qc(), t.tc(), proof.get(), 6);
        a.sendTo(a.halves().get(0), b);
        return;
      }
    }
  }
}
