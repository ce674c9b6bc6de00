package dev.aether.compute.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs programs. Stateless apart from the thread pool it is given; any number of runs may share one
 * engine.
 */
public final class Engine {
  private final Parallelism parallelism;

  /** An engine whose kernels split work over {@code parallelism}. */
  public Engine(Parallelism parallelism) {
    this.parallelism = parallelism;
  }

  /** Runs {@code program} on {@code input}; returns every step's output, input first. */
  public List<Tensor> run(
      Program program, Weights weights, Tensor input, long seed, StepObserver observer) {
    return run(program, weights, input, seed, observer, Optional.empty());
  }

  /**
   * As {@link #run(Program, Weights, Tensor, long, StepObserver)}, but lets a test replace one
   * step's output before later steps consume it — how tests and the CLI's test hook make a
   * dishonest provider.
   */
  public List<Tensor> run(
      Program program,
      Weights weights,
      Tensor input,
      long seed,
      StepObserver observer,
      Optional<Tamper> tamper) {
    List<Tensor> outputs = new ArrayList<>(program.length());
    outputs.add(input);
    observer.onStep(0, input);
    for (int i = 1; i < program.length(); i++) {
      Tensor out = runFromTrace(program, i, weights, seed, outputs);
      if (tamper.isPresent() && tamper.get().step() == i) {
        out = tamper.get().change().apply(out);
      }
      outputs.add(out);
      observer.onStep(i, out);
    }
    return outputs;
  }

  /**
   * Recomputes step {@code i} alone from its input tensors — what a challenger does.
   *
   * @param inputs the outputs of the steps {@code program.step(i).inputs()}, in that order
   */
  public Tensor runStep(Program program, int i, Weights weights, long seed, List<Tensor> inputs) {
    Step step = program.step(i);
    if (inputs.size() != step.inputs().length) {
      throw new IllegalArgumentException("step " + i + " takes " + step.inputs().length);
    }
    return step.op().apply(inputs, new OpContext(weights, seed, i, parallelism));
  }

  private Tensor runFromTrace(
      Program program, int i, Weights weights, long seed, List<Tensor> all) {
    int[] refs = program.step(i).inputs();
    List<Tensor> in = new ArrayList<>(refs.length);
    for (int r : refs) {
      in.add(all.get(r));
    }
    return runStep(program, i, weights, seed, in);
  }

  /**
   * A deliberate fault: replace step {@code step}'s output with {@code change(output)}.
   *
   * @param step the step to falsify (1 or later)
   * @param change how to change its output
   */
  public record Tamper(int step, UnaryOperator<Tensor> change) {
    /**
     * Sets the first element to 0, or to 1 if it was 0: the smallest lie that changes the step's
     * hash and still leaves a valid token id where the step produces one.
     */
    public static Tamper flipFirst(int step) {
      return new Tamper(
          step,
          t -> {
            float[] a = t.toArray();
            a[0] = a[0] == 0f ? 1f : 0f;
            return Tensor.of(a, t.shape());
          });
    }
  }
}
