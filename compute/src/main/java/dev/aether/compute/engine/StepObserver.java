package dev.aether.compute.engine;

/** Sees every step's output as the engine produces it (the trace hashes them). */
@FunctionalInterface
public interface StepObserver {
  /** Does nothing: inference without tracing. */
  StepObserver NONE = (index, output) -> {};

  /** Called once per step, in step order, step 0 (the input) included. */
  void onStep(int index, Tensor output);
}
