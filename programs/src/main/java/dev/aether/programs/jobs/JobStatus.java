package dev.aether.programs.jobs;

/**
 * Where a job stands. {@code POSTED → ACCEPTED → SUBMITTED → SETTLED}; {@code POSTED → REFUNDED}
 * (cancelled or expired unaccepted); {@code ACCEPTED → SLASHED} (deadline missed); {@code SUBMITTED
 * → CHALLENGED} (fraud proven). The last four are final: no transition leaves them.
 */
public enum JobStatus {
  POSTED(1),
  ACCEPTED(2),
  SUBMITTED(3),
  CHALLENGED(4),
  SETTLED(5),
  REFUNDED(6),
  SLASHED(7);

  private final int tag;

  JobStatus(int tag) {
    this.tag = tag;
  }

  /** The tag in the job's encoding. */
  int tag() {
    return tag;
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return this == CHALLENGED || this == SETTLED || this == REFUNDED || this == SLASHED;
  }

  /** The lower-case name RPC and the CLI show. */
  public String display() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static JobStatus ofTag(int tag) {
    for (JobStatus s : values()) {
      if (s.tag == tag) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown job status " + tag);
  }
}
