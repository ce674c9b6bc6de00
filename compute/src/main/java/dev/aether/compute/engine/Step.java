package dev.aether.compute.engine;

import java.util.Arrays;

/**
 * One step of a program: an operator applied to outputs of earlier steps.
 *
 * @param op the operator
 * @param inputs indices of the earlier steps whose outputs feed it, in operand order
 */
public record Step(Op op, int[] inputs) {
  /** Validates arity and copies the index array. */
  public Step {
    inputs = inputs.clone();
    if (inputs.length != op.arity()) {
      throw new IllegalArgumentException(op + " takes " + op.arity() + " inputs");
    }
  }

  @Override
  public int[] inputs() {
    return inputs.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Step s && op.equals(s.op) && Arrays.equals(inputs, s.inputs);
  }

  @Override
  public int hashCode() {
    return 31 * op.hashCode() + Arrays.hashCode(inputs);
  }

  @Override
  public String toString() {
    return op + " <- " + Arrays.toString(inputs);
  }
}
