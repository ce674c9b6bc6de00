package dev.aether.cli.provider;

import java.util.Optional;

/**
 * What a daemon remembers of one job across restarts (one JSON file in its state folder). The chain
 * is the source of truth for where a job stands; this only records what the daemon itself did — the
 * transaction it has in flight (so it never sends the same action twice) and its receipt on disk.
 *
 * @param id the job id ({@code 0x} hex)
 * @param role {@link Role#RUN} for a job this daemon runs, {@link Role#WATCH} for another's receipt
 * @param phase where the daemon's work on it stands
 * @param model the model hash ({@code 0x} hex)
 * @param code the runtime artifact's hash the job names
 * @param input the job input ({@code 0x} hex of the bytes posted on chain)
 * @param seed the sampling seed
 * @param maxPrice the escrow (AIC base units, decimal)
 * @param deadlineSlot the job's deadline
 * @param jUnits the J-units the poster paid for
 * @param pending the transaction in flight, or null (kept nullable so the file is plain JSON)
 * @param failures transactions the chain refused for this job (it gives up after a few)
 * @param note the last thing that happened, for people
 */
public record JobState(
    String id,
    Role role,
    Phase phase,
    String model,
    String code,
    String input,
    long seed,
    String maxPrice,
    long deadlineSlot,
    long jUnits,
    Pending pending,
    int failures,
    String note) {

  /** Whose work the job is. */
  public enum Role {
    /** This daemon's to run (it saw the post and may accept it). */
    RUN,
    /** Another provider's receipt this daemon re-runs. */
    WATCH
  }

  /** The daemon's progress; {@link #DONE} is final. */
  public enum Phase {
    /** Seen on chain; not yet accepted. */
    SEEN,
    /** Accepted on chain: to run. */
    ACCEPTED,
    /** Ran: its receipt is on disk, to submit (a replica: to commit). */
    RAN,
    /** A replica that committed to its output: to reveal once every replica has. */
    COMMITTED,
    /** The receipt is on chain: waiting out the challenge window, then settling. */
    SUBMITTED,
    /** A receipt of another provider to re-run. */
    TO_CHECK,
    /** The re-run diverged: a fraud proof on disk, to send. */
    TO_CHALLENGE,
    /** Nothing more to do. */
    DONE
  }

  /**
   * A transaction in flight.
   *
   * @param action what it does (accept, submit, settle, challenge, register)
   * @param tx its id ({@code 0x} hex)
   * @param validUntil its last valid slot: once a finalized block is past it, it can never be
   *     included, so the action may be sent again without doubling
   */
  public record Pending(String action, String tx, long validUntil) {}

  JobState withPhase(Phase p, String why) {
    return new JobState(
        id,
        role,
        p,
        model,
        code,
        input,
        seed,
        maxPrice,
        deadlineSlot,
        jUnits,
        pending,
        failures,
        why);
  }

  /** The same job, now another provider's to watch: seen afresh, nothing in flight, no failures. */
  JobState watching(String why) {
    return new JobState(
        id,
        Role.WATCH,
        Phase.SEEN,
        model,
        code,
        input,
        seed,
        maxPrice,
        deadlineSlot,
        jUnits,
        null,
        0,
        why);
  }

  /** The transaction in flight. */
  public Optional<Pending> inFlight() {
    return Optional.ofNullable(pending);
  }

  JobState withPending(Pending p) {
    return new JobState(
        id,
        role,
        phase,
        model,
        code,
        input,
        seed,
        maxPrice,
        deadlineSlot,
        jUnits,
        p,
        failures,
        note);
  }

  JobState failed(String why) {
    return new JobState(
        id,
        role,
        phase,
        model,
        code,
        input,
        seed,
        maxPrice,
        deadlineSlot,
        jUnits,
        null,
        failures + 1,
        why);
  }
}
