package dev.aether.compute.proof;

/** Why a receipt is refused, each with a stable code (RPC, CLI, the job-escrow program). */
public enum ReceiptRejection {
  /** The receipt names another job (a receipt replayed for a job it was not made for). */
  WRONG_JOB("vcr.wrong_job"),
  /** The receipt names another provider than the one the job was accepted by. */
  WRONG_PROVIDER("vcr.wrong_provider"),
  /** Another model, or a header and weights root that do not hash to it, or no runnable model. */
  MODEL_MISMATCH("vcr.model_mismatch"),
  /**
   * Another provider runtime artifact than the job asks for, or one the provider did not register.
   */
  CODE_MISMATCH("vcr.code_mismatch"),
  /** Another input than the job's, or a first leaf that is not {@code input_hash}. */
  INPUT_MISMATCH("vcr.input_mismatch"),
  /** Another seed than the job's. */
  SEED_MISMATCH("vcr.seed_mismatch"),
  /** The model's J-units exceed what the job pays for. */
  OVER_BUDGET("vcr.over_budget"),
  /** No commitment, a published trace of the wrong length or not the committed vector. */
  COMMITMENT("vcr.bad_commitment"),
  /** The last leaf is not {@code output_hash}. */
  OUTPUT_MISMATCH("vcr.output_mismatch"),
  /** The Ed25519 signature does not verify under the provider's registered key. */
  SIGNATURE("vcr.bad_signature"),
  /**
   * The TEE evidence is not acceptable: not genuine, expired collateral, another TEE kind, a
   * measurement or TCB the provider did not register, a development quote where none is allowed or
   * from a key nobody registered.
   */
  QUOTE("vcr.bad_quote"),
  /** The evidence's REPORT_DATA does not bind this job, its result and the provider's key. */
  BINDING("vcr.binding_mismatch"),
  /** The last step's inputs or weights are not the committed ones. */
  LAST_STEP_EVIDENCE("vcr.bad_last_step_evidence"),
  /** Re-executing the last step does not give the published output: a falsified final output. */
  LAST_STEP("vcr.last_step_falsified"),
  /** A spot-check opening carried in the receipt does not verify or disagrees with the trace. */
  OPENING("vcr.bad_opening");

  private final String code;

  ReceiptRejection(String code) {
    this.code = code;
  }

  /** The stable code. */
  public String code() {
    return code;
  }
}
