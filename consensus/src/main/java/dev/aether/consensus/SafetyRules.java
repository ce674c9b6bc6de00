package dev.aether.consensus;

import dev.aether.types.TimeoutCert;
import java.util.Optional;

/**
 * The voting and timeout rules of DiemBFT v4 / Jolteon, as pure functions of the persisted {@link
 * SafetyState}. See docs/CONSENSUS.md for why they make two conflicting blocks impossible to
 * finalize.
 */
final class SafetyRules {
  private SafetyRules() {}

  /**
   * Vote for a block of {@code round} whose QC is of {@code qcRound} (and, after a timeout, whose
   * TC is {@code tc}) only if the round is new and the block extends the previous round's QC or the
   * highest QC the TC reports.
   */
  static boolean safeToVote(SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc) {
    if (round <= Math.max(s.highestVotedRound(), qcRound)) {
      return false;
    }
    return justified(round, qcRound, tc);
  }

  /**
   * The block extends the previous round's QC, or the previous round ended in a TC and the block's
   * QC is at least the highest QC any of the TC's signers reported (so it extends every lock).
   */
  static boolean justified(long round, long qcRound, Optional<TimeoutCert> tc) {
    return round == qcRound + 1
        || tc.map(t -> round == t.round() + 1 && qcRound >= t.maxHighQcRound()).orElse(false);
  }

  static SafetyState afterVote(SafetyState s, long round, long qcRound) {
    return new SafetyState(
        s.epoch(),
        Math.max(s.highestVotedRound(), round),
        Math.max(s.highestQcRound(), qcRound),
        s.highestProposedRound(),
        s.resume());
  }

  /**
   * Time out of {@code round} carrying a QC of {@code qcRound} only if that QC is at least our
   * lock, we have not voted past the round, and the round follows the QC or the last TC.
   */
  static boolean safeToTimeout(
      SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc) {
    if (qcRound < s.highestQcRound() || round <= Math.max(s.highestVotedRound() - 1, qcRound)) {
      return false;
    }
    return round == qcRound + 1 || lastTc.map(t -> round == t.round() + 1).orElse(false);
  }

  static SafetyState afterTimeout(SafetyState s, long round) {
    return new SafetyState(
        s.epoch(),
        Math.max(s.highestVotedRound(), round),
        s.highestQcRound(),
        s.highestProposedRound(),
        s.resume());
  }

  static SafetyState afterPropose(SafetyState s, long round) {
    return new SafetyState(
        s.epoch(),
        s.highestVotedRound(),
        s.highestQcRound(),
        Math.max(s.highestProposedRound(), round),
        s.resume());
  }
}
