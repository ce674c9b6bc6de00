package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.QuorumCert;
import dev.aether.types.TimeoutCert;
import java.util.Optional;

/** Small building blocks the {@link Attack}s share. */
final class Attacks {
  private Attacks() {}

  /** The block the member's highest QC certifies, and the TC a proposal on it needs. */
  record Tip(Block parent, QuorumCert qc, Optional<TimeoutCert> tc, long round) {}

  /** Where an honest proposer of the member's current round would build, if it can. */
  static Optional<Tip> tip(Adversary a) {
    long r = a.round();
    QuorumCert qc = a.highQc();
    Optional<Block> parent = a.block(qc.blockId());
    Optional<TimeoutCert> tc = a.justification(r, qc);
    if (parent.isEmpty() || (qc.round() + 1 != r && tc.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Tip(parent.get(), qc, tc, r));
  }

  /** The member's VRF proof for {@code slot} whether or not it wins (for invalid proposals). */
  static Bytes anyProof(Adversary a, long slot) {
    return a.key
        .vrfProve(dev.aether.consensus.Leadership.vrfInput(dev.aether.types.H256.ZERO, slot))
        .proof();
  }

  /** Local milliseconds until {@code slot}'s vote window closes (0 if it already has). */
  static long untilVoteWindow(Adversary a, long slot) {
    return Math.max(0, a.params.slotStart(slot) + a.params.voteWindowMs() - a.localNow());
  }
}
