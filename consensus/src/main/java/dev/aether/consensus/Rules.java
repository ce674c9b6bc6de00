package dev.aether.consensus;

import dev.aether.types.Header;
import dev.aether.types.TimeoutCert;
import java.util.Optional;

/**
 * The safety-critical decisions of the state machine in one place: when a proposal's certificates
 * justify its round, when to vote, when to time out, and which block a certificate makes final.
 *
 * <p>Package-private on purpose. Production code only ever uses {@link #JOLTEON} (the public {@link
 * Consensus} constructor has no way to pick another). Tests substitute deliberately broken rules
 * (the test-scope {@code Mutants}) to prove that the simulator's safety checker fires when a rule
 * is wrong — a checker that cannot fail proves nothing.
 */
interface Rules {
  /**
   * A proposal of {@code round} on a QC of {@code qcRound}, with timeout certificate {@code tc}: it
   * extends the previous round's QC, or the TC of the previous round and a QC at least as high as
   * every QC the TC's signers reported (the lock).
   */
  boolean justified(long round, long qcRound, Optional<TimeoutCert> tc);

  /** Whether a validator in state {@code s} may vote for such a proposal. */
  boolean safeToVote(SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc);

  /** Whether it may time out of {@code round} carrying a QC of {@code qcRound}. */
  boolean safeToTimeout(SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc);

  /**
   * How far below {@code certified} (now certified) the block it makes final lies: 1 for its
   * parent, -1 when it finalizes nothing (0, the block itself, is what a broken 1-chain rule in a
   * test would answer).
   */
  int finalityDepth(Header certified);

  /** The rules of DiemBFT v4 / Jolteon (docs/CONSENSUS.md §3). */
  Rules JOLTEON =
      new Rules() {
        @Override
        public boolean justified(long round, long qcRound, Optional<TimeoutCert> tc) {
          return SafetyRules.justified(round, qcRound, tc);
        }

        @Override
        public boolean safeToVote(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc) {
          return SafetyRules.safeToVote(s, round, qcRound, tc);
        }

        @Override
        public boolean safeToTimeout(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc) {
          return SafetyRules.safeToTimeout(s, round, qcRound, lastTc);
        }

        @Override
        public int finalityDepth(Header certified) {
          // 2-chain: a certified block whose QC'd parent is from the directly preceding round.
          return certified.round() == certified.parentQc().round() + 1 ? 1 : -1;
        }
      };
}
