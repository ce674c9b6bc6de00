package dev.aether.compute;

/**
 * Every error the compute core reports for input it was given (a model, a job input, a trace
 * publication, a fraud proof). Each kind has a stable {@link #code()} that the CLI, the AI mesh and
 * the job-escrow program show.
 */
public abstract sealed class ComputeException extends RuntimeException {
  private final String code;

  private ComputeException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable machine-readable code, e.g. {@code compute.bad_model}. */
  public String code() {
    return code;
  }

  /** A weights file, model header or weight slice that is malformed or not canonical. */
  public static final class BadModel extends ComputeException {
    public BadModel(String message) {
      super("compute.bad_model", message, null);
    }
  }

  /** A job input (or a step input) the model cannot read. */
  public static final class BadInput extends ComputeException {
    public BadInput(String message) {
      super("compute.bad_input", message, null);
    }
  }

  /** A trace publication or fraud proof whose bytes or shape are wrong. */
  public static final class BadProof extends ComputeException {
    public BadProof(String message) {
      super("compute.bad_proof", message, null);
    }
  }

  /** A failure of the commitment library beneath the core. */
  public static final class Internal extends ComputeException {
    public Internal(String message, Throwable cause) {
      super("compute.internal", message, cause);
    }
  }
}
