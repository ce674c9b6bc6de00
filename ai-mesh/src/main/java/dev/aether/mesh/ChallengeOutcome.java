package dev.aether.mesh;

/** The result of checking a provider's answers to a challenge. */
public sealed interface ChallengeOutcome {
  /**
   * Every opened step re-executed to its committed hash.
   *
   * @param stepsChecked how many steps were checked
   */
  record Honest(int stepsChecked) implements ChallengeOutcome {}

  /**
   * The provider is caught.
   *
   * @param step the step that failed
   * @param reason which check failed
   * @param detail one line for humans
   */
  record Fraud(int step, Reason reason, String detail) implements ChallengeOutcome {}

  /** Why a step failed. */
  enum Reason {
    /** A proof did not verify against the receipt's commitment. */
    BAD_OPENING,
    /** The answer was for another step, or had the wrong number of inputs. */
    WRONG_ANSWER,
    /** A revealed input tensor does not hash to its step's committed leaf. */
    INPUT_NOT_COMMITTED,
    /** Step 0's revealed tensor is not the receipt's input. */
    INPUT_HASH,
    /** The revealed inputs do not fit the operator (wrong shapes or token ids). */
    UNRUNNABLE,
    /** Re-executing the step gives an output whose hash is not the committed one. */
    OUTPUT_DIFFERS
  }
}
