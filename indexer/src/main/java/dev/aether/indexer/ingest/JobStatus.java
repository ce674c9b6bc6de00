package dev.aether.indexer.ingest;

/** A job's status after one of the job program's events (docs/programs/jobs.md). */
final class JobStatus {
  private JobStatus() {}

  /** The status after {@code event}, or null when the event leaves it unchanged. */
  static String after(String event) {
    return switch (event) {
      case "posted" -> "posted";
      case "accepted" -> "accepted";
      case "cancelled" -> "refunded";
      case "submitted" -> "submitted";
      case "challenged" -> "challenged";
      case "settled" -> "settled";
      case "expired" -> "expired";
      default -> null; // challenge_lost: the job stays submitted
    };
  }
}
