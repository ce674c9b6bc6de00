package dev.aether.consensus.sim;

import java.util.Optional;

/**
 * Replays messages the coalition heard — proposals, votes, timeouts, evidence from any round,
 * honest ones included — to random validators, some at once and some seconds later.
 */
final class ReplayAttack implements Attack {
  @Override
  public void onSlot(Adversary a, long slot) {
    for (int k = 0; k < 4; k++) {
      replay(a);
    }
  }

  @Override
  public void onMessage(Adversary a, Object message) {
    if (a.rnd().nextInt(8) == 0) {
      replay(a);
    }
  }

  private static void replay(Adversary a) {
    Optional<Object> m = a.intel.anyHeard(a.rnd());
    if (m.isEmpty()) {
      return;
    }
    int to = a.rnd().nextInt(a.n());
    if (to != a.me) {
      a.sendLate(to, m.get(), a.rnd().nextInt(4) == 0 ? a.rnd().nextLong(5_000) : 0);
    }
  }
}
