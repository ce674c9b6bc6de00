package dev.aether.compute.proof;

/** The decision on a fraud proof. */
public sealed interface Judgement {
  /**
   * The step's committed leaf is not what its operator computes from the committed inputs (or the
   * operator cannot run on them): the provider's trace is false.
   */
  record FraudProven(int step, String detail) implements Judgement {}

  /** Re-execution gives the committed leaf: the challenge is lost. */
  record StepHonest(int step) implements Judgement {}

  /** The proof shows nothing (refused; decides nothing). */
  record Invalid(ProofRejection reason, String detail) implements Judgement {}
}
