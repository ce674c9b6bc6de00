package dev.aether.consensus.sim;

/** Silence: no proposals, votes or timeouts, and no blocks served to peers that ask. */
final class WithholdAttack implements Attack {
  @Override
  public void onSlot(Adversary a, long slot) {}

  @Override
  public boolean servesBlocks() {
    return false;
  }
}
