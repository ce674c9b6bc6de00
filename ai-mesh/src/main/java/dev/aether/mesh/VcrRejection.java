package dev.aether.mesh;

/** Why a receipt was refused; each has a stable code. */
public enum VcrRejection {
  /** The Ed25519 signature does not verify under the attested provider key. */
  SIGNATURE("vcr.bad_signature"),
  /** The TEE evidence does not verify, or the policy does not accept it. */
  QUOTE("vcr.bad_quote"),
  /** The quote verifies but its REPORT_DATA is not this receipt's job binding. */
  BINDING("vcr.binding_mismatch"),
  /** No model with this hash is registered. */
  UNKNOWN_MODEL("vcr.unknown_model"),
  /** The operator set named by code_hash is not this engine's. */
  CODE_HASH("vcr.unknown_code_hash"),
  /** The receipt carries no trace commitment. */
  COMMITMENT("vcr.bad_commitment"),
  /** An opening's proof does not verify against the commitment. */
  OPENING("vcr.bad_opening"),
  /** The opened first leaf is not the input hash. */
  INPUT_MISMATCH("vcr.input_mismatch"),
  /** The opened last leaf is not the output hash. */
  OUTPUT_MISMATCH("vcr.output_mismatch");

  private final String code;

  VcrRejection(String code) {
    this.code = code;
  }

  /** Stable code shown by the CLI and RPC. */
  public String code() {
    return code;
  }
}
