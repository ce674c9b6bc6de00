package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.QuorumCert;
import dev.aether.types.TimeoutCert;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Goes after the lock. After every timeout it proposes, with the real TC of the previous round, a
 * block on the QC just below the TC's highest reported QC — a fork that skips a block the honest
 * validators are locked on (only validators that ignore their lock would vote for it) — using the
 * earliest slot it may, so it outranks honest proposals. It votes for every block of its forks, and
 * sends its votes for the main chain to a single validator, so QCs — and with them commits — form
 * at some validators and not at others.
 */
final class LockBreakerAttack implements Attack {
  private final Set<H256> forks = new HashSet<>();
  private long proposedRound = -1;
  private long votedRound = -1;
  private long timedOutRound = -1;

  @Override
  public void onSlot(Adversary a, long slot) {
    long r = a.round();
    if (r > timedOutRound && a.localNow() - a.params.slotStart(slot) >= 0) {
      // Help every round end in a TC, reporting the lowest QC it can justify.
      timedOutRound = r;
      a.sendAll(a.timeout(r, a.highQc()));
    }
    if (r <= proposedRound) {
      return;
    }
    Optional<TimeoutCert> tc = a.intel.tc(r - 1);
    if (tc.isEmpty()) {
      return;
    }
    QuorumCert below = null;
    for (QuorumCert q :
        a.intel.qcs().headMap(tc.get().maxHighQcRound(), false).descendingMap().values()) {
      if (a.follower.block(q.blockId()).isPresent()) {
        below = q;
        break;
      }
    }
    if (below == null) {
      return;
    }
    Block parent = a.follower.block(below.blockId()).orElseThrow();
    for (long s = Math.max(slot - 1, parent.header().slot() + 1); s <= slot; s++) {
      Optional<Bytes> proof = a.proof(parent, s);
      if (proof.isPresent()) {
        proposedRound = r;
        Block x = a.build(parent, s, r, below, tc, proof.get(), 11);
        forks.add(x.id());
        a.sendAll(x);
        a.sendAll(a.vote(r, x.id()));
        return;
      }
    }
  }

  @Override
  public void onMessage(Adversary a, Object message) {
    if (!(message instanceof Block b)) {
      return;
    }
    long r = b.header().round();
    if (forks.contains(b.header().parent())) {
      // Extend the fork: vote for its blocks, and remember them as fork blocks.
      forks.add(b.id());
      a.later(Attacks.untilVoteWindow(a, b.header().slot()), () -> a.sendAll(a.vote(r, b.id())));
      return;
    }
    if (r != a.round() || r <= votedRound || forks.contains(b.id())) {
      return;
    }
    votedRound = r;
    List<Integer> honest = a.honest();
    int one = honest.get(a.rnd().nextInt(honest.size()));
    a.later(Attacks.untilVoteWindow(a, b.header().slot()), () -> a.send(one, a.vote(r, b.id())));
  }
}
