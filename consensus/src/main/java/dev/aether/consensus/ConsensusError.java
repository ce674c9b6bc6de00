package dev.aether.consensus;

/**
 * Why consensus refused an input. Each kind has a stable code for metrics, logs and peer scoring.
 */
public sealed interface ConsensusError {
  String code();

  String message();

  record UnknownValidator(int index) implements ConsensusError {
    public String code() {
      return "CONSENSUS_UNKNOWN_VALIDATOR";
    }

    public String message() {
      return "no validator with index " + index;
    }
  }

  record BadSignature(String what) implements ConsensusError {
    public String code() {
      return "CONSENSUS_BAD_SIGNATURE";
    }

    public String message() {
      return "invalid signature on " + what;
    }
  }

  record BadCertificate(String what) implements ConsensusError {
    public String code() {
      return "CONSENSUS_BAD_CERTIFICATE";
    }

    public String message() {
      return "invalid certificate: " + what;
    }
  }

  record NotLeader(int proposer, long slot) implements ConsensusError {
    public String code() {
      return "CONSENSUS_NOT_LEADER";
    }

    public String message() {
      return "validator " + proposer + " may not propose in slot " + slot;
    }
  }

  record MalformedProposal(String why) implements ConsensusError {
    public String code() {
      return "CONSENSUS_MALFORMED_PROPOSAL";
    }

    public String message() {
      return "malformed proposal: " + why;
    }
  }

  record MalformedTimeout(String why) implements ConsensusError {
    public String code() {
      return "CONSENSUS_MALFORMED_TIMEOUT";
    }

    public String message() {
      return "malformed timeout: " + why;
    }
  }

  record ExecutionMismatch(String blockId) implements ConsensusError {
    public String code() {
      return "CONSENSUS_EXECUTION_MISMATCH";
    }

    public String message() {
      return "block " + blockId + " executes to other roots than its header claims";
    }
  }

  record Stale(String what, long round) implements ConsensusError {
    public String code() {
      return "CONSENSUS_STALE";
    }

    public String message() {
      return what + " for round " + round + " is too old";
    }
  }

  /**
   * A proposal's operational certificate has a lower counter than one its proposer already used on
   * the chain it extends: an old hot key, perhaps stolen, after the operator rotated.
   */
  record StaleOpCert(int proposer, long counter, long highest) implements ConsensusError {
    public String code() {
      return "CONSENSUS_STALE_OPCERT";
    }

    public String message() {
      return "validator "
          + proposer
          + " signed with certificate counter "
          + counter
          + " below "
          + highest
          + " already used";
    }
  }

  /** A message names a consensus epoch that does not fit where it appears. */
  record WrongEpoch(String why) implements ConsensusError {
    public String code() {
      return "CONSENSUS_WRONG_EPOCH";
    }

    public String message() {
      return "wrong epoch: " + why;
    }
  }
}
