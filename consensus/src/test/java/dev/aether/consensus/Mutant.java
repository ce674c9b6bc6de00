package dev.aether.consensus;

import dev.aether.types.Header;
import dev.aether.types.TimeoutCert;
import java.util.Optional;

/**
 * TEST ONLY: deliberately broken versions of the consensus rules. The simulator runs some
 * validators with one of these to prove that its safety checker notices — a checker that never
 * fires proves nothing. Production code cannot reach them: the constructor that takes {@link Rules}
 * is package-private.
 */
public enum Mutant {
  /** Votes for every safe proposal of a round, not once per round (ignores the voted round). */
  VOTE_TWICE {
    @Override
    Rules rules() {
      return new Broken() {
        @Override
        public boolean safeToVote(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc) {
          return round > qcRound && SafetyRules.justified(round, qcRound, tc);
        }
      };
    }
  },
  /**
   * Ignores the lock: accepts and votes for a proposal after a TC whatever QC it extends, and times
   * out with a QC below the highest one it voted on.
   */
  IGNORE_LOCK {
    @Override
    Rules rules() {
      return new Broken() {
        @Override
        public boolean justified(long round, long qcRound, Optional<TimeoutCert> tc) {
          return round == qcRound + 1 || tc.map(t -> round == t.round() + 1).orElse(false);
        }

        @Override
        public boolean safeToVote(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc) {
          return round > Math.max(s.highestVotedRound(), qcRound) && justified(round, qcRound, tc);
        }

        @Override
        public boolean safeToTimeout(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc) {
          return round >= s.highestVotedRound()
              && round > qcRound
              && (round == qcRound + 1 || lastTc.map(t -> round == t.round() + 1).orElse(false));
        }
      };
    }
  },
  /** Never signs a timeout: a round that failed is never left (a liveness bug, not safety). */
  NEVER_TIMES_OUT {
    @Override
    Rules rules() {
      return new Broken() {
        @Override
        public boolean safeToTimeout(
            SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc) {
          return false;
        }
      };
    }
  },
  /** Commits a block as soon as it is certified: a 1-chain rule instead of the 2-chain. */
  COMMIT_ON_ONE_QC {
    @Override
    Rules rules() {
      return new Broken() {
        @Override
        public int finalityDepth(Header certified) {
          return 0;
        }
      };
    }
  },
  /** Commits a certified block's parent even when their rounds are not consecutive. */
  COMMIT_NON_CONSECUTIVE {
    @Override
    Rules rules() {
      return new Broken() {
        @Override
        public int finalityDepth(Header certified) {
          return 1;
        }
      };
    }
  };

  abstract Rules rules();

  /** A node running these broken rules. */
  public Consensus create(
      ConsensusConfig config,
      ConsensusCrypto crypto,
      Optional<LocalSigner> signer,
      SafetyState persisted) {
    return new Consensus(config, crypto, signer, persisted, rules());
  }

  /** The real rules, to override one piece at a time. */
  private abstract static class Broken implements Rules {
    @Override
    public boolean justified(long round, long qcRound, Optional<TimeoutCert> tc) {
      return Rules.JOLTEON.justified(round, qcRound, tc);
    }

    @Override
    public boolean safeToVote(SafetyState s, long round, long qcRound, Optional<TimeoutCert> tc) {
      return Rules.JOLTEON.safeToVote(s, round, qcRound, tc);
    }

    @Override
    public boolean safeToTimeout(
        SafetyState s, long round, long qcRound, Optional<TimeoutCert> lastTc) {
      return Rules.JOLTEON.safeToTimeout(s, round, qcRound, lastTc);
    }

    @Override
    public int finalityDepth(Header certified) {
      return Rules.JOLTEON.finalityDepth(certified);
    }
  }
}
