package dev.aether.compute.proof;

/**
 * Why a fraud proof (or the last-step evidence of a receipt) shows nothing — the challenge is
 * refused and decides nothing. Stable codes.
 */
public enum ProofRejection {
  /** The proof is for another job. */
  WRONG_JOB("proof.wrong_job"),
  /** The header and weights root do not hash to the job's model, or describe no runnable model. */
  MODEL_MISMATCH("proof.model_mismatch"),
  /** The step is not a computed step of the program. */
  BAD_STEP("proof.bad_step"),
  /** An opening is for another position or does not verify against the commitment. */
  BAD_OPENING("proof.bad_opening"),
  /**
   * An input tensor is not the committed output of the step it comes from, or has another shape.
   */
  INPUT_NOT_COMMITTED("proof.input_not_committed"),
  /** A weight slice is missing, extra, misnamed or not the model's tensor. */
  BAD_WEIGHTS("proof.bad_weights"),
  /** The step needs more work than one verification may do. */
  TOO_MUCH_WORK("proof.too_much_work");

  private final String code;

  ProofRejection(String code) {
    this.code = code;
  }

  /** The stable code. */
  public String code() {
    return code;
  }
}
