package dev.aether.compute.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A straight-line program: step 0 is the job input, each later step applies one operator to outputs
 * of earlier steps, and the last step's output is the job's output.
 *
 * <p>A program depends only on the model, never on the data, so provider and challenger derive the
 * same one and agree on what step {@code i} must compute.
 */
public record Program(List<Step> steps) {
  /** Most steps a program may have: the trace commitment's capacity. */
  public static final int MAX_LENGTH = 4096;

  /** Checks the shape of the program: input first, inputs only from earlier steps. */
  public Program {
    steps = List.copyOf(steps);
    if (steps.size() > MAX_LENGTH) {
      throw new IllegalArgumentException("a program has at most " + MAX_LENGTH + " steps");
    }
    if (steps.isEmpty() || !(steps.get(0).op() instanceof Op.Input)) {
      throw new IllegalArgumentException("a program starts with its input step");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).op() instanceof Op.Input) {
        throw new IllegalArgumentException("only step 0 may be the input");
      }
      for (int in : steps.get(i).inputs()) {
        if (in < 0 || in >= i) {
          throw new IllegalArgumentException("step " + i + " reads a later step " + in);
        }
      }
    }
  }

  /** Number of steps, input included. */
  public int length() {
    return steps.size();
  }

  /** Step {@code i}. */
  public Step step(int i) {
    return steps.get(i);
  }

  /** Builds a program step by step. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>(List.of(new Step(new Op.Input(), new int[0])));

    /** Index of the input step. */
    public int input() {
      return 0;
    }

    /** Appends {@code op} over the given earlier steps; returns the new step's index. */
    public int add(Op op, int... inputs) {
      if (steps.size() >= MAX_LENGTH) {
        throw new IllegalArgumentException("a program has at most " + MAX_LENGTH + " steps");
      }
      steps.add(new Step(op, inputs));
      return steps.size() - 1;
    }

    /** The finished program. */
    public Program build() {
      return new Program(steps);
    }
  }
}
