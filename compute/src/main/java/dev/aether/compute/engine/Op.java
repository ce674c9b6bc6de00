package dev.aether.compute.engine;

import java.util.List;

/**
 * One operator of the engine's operator set {@value OperatorSet#VERSION}.
 *
 * <p>Every operator is a pure function of its input tensors, the model's weights, the job seed and
 * the index of the step it runs as: re-running one step in isolation gives the bit-identical output
 * the whole run gave, which is what makes single-step challenges possible. Weights are named, not
 * passed, because they are fixed by {@code model_hash}.
 */
public sealed interface Op {

  /** Number of input tensors the operator takes. */
  int arity();

  /**
   * Computes the output; inputs are checked and bad ones raise {@link IllegalArgumentException}.
   */
  Tensor apply(List<Tensor> in, OpContext ctx);

  /** The job's input tensor; only step 0 of a program, never executed. */
  record Input() implements Op {
    @Override
    public int arity() {
      return 0;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      throw new IllegalStateException("the input step is supplied by the job, not computed");
    }
  }

  /** Multiplies every element by {@code factor}. */
  record Scale(float factor) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.scale(in.get(0), factor);
    }
  }

  /** {@code x · W + b} over the last dimension; {@code W} is stored {@code [in, out]}. */
  record Linear(String weight, String bias) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.linear(
          in.get(0), ctx.weights().get(weight), ctx.weights().get(bias), ctx.parallelism());
    }
  }

  /** {@code max(x, 0)} element-wise. */
  record Relu() implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.relu(in.get(0));
    }
  }

  /** Tanh-approximated GELU element-wise ({@code StrictMath.tanh}). */
  record Gelu() implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.gelu(in.get(0));
    }
  }

  /** Element-wise sum of two tensors of the same shape (residual connections). */
  record Add() implements Op {
    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.add(in.get(0), in.get(1));
    }
  }

  /** Layer normalisation over the last dimension (eps 1e-5, biased variance). */
  record LayerNorm(String gamma, String beta) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.layerNorm(in.get(0), ctx.weights().get(gamma), ctx.weights().get(beta));
    }
  }

  /** Softmax over the last dimension ({@code StrictMath.exp}, max subtracted first). */
  record Softmax() implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.softmax(in.get(0));
    }
  }

  /** Index of the largest element (first on ties) as a one-element tensor. */
  record Argmax() implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.argmax(in.get(0));
    }
  }

  /** Token ids {@code [T]} to {@code tokens[id] + positions[t]}, shape {@code [T, d]}. */
  record Embed(String tokens, String positions) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.embed(in.get(0), ctx.weights().get(tokens), ctx.weights().get(positions));
    }
  }

  /** Causal multi-head self-attention: packed {@code [T, 3d]} (q | k | v) to {@code [T, d]}. */
  record CausalAttention(int heads) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.causalAttention(in.get(0), heads, ctx.parallelism());
    }
  }

  /** The last row of a {@code [T, d]} tensor, as {@code [1, d]}. */
  record LastRow() implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.lastRow(in.get(0));
    }
  }

  /**
   * Draws a token id from {@code softmax(logits / temperature)} with the job's seeded generator
   * ({@link SeededUniform}, keyed by seed and step index).
   */
  record Sample(float temperature) implements Op {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.sample(
          in.get(0), temperature, SeededUniform.draw(ctx.seed(), ctx.stepIndex()));
    }
  }

  /** Slides a token window: drops its first id and appends the one-element second input. */
  record Shift() implements Op {
    @Override
    public int arity() {
      return 2;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.shift(in.get(0), in.get(1));
    }
  }

  /** Concatenates {@code parts} tensors into one rank-1 tensor (the generated token ids). */
  record Concat(int parts) implements Op {
    @Override
    public int arity() {
      return parts;
    }

    @Override
    public Tensor apply(List<Tensor> in, OpContext ctx) {
      return Kernels.concat(in);
    }
  }
}
