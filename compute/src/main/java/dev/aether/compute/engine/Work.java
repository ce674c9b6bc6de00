package dev.aether.compute.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape inference and the engine's deterministic operation count.
 *
 * <p><b>Work</b> of a step is an exact integer computed from the shapes alone: one unit per
 * multiply-add, addition, comparison or copied element, and {@link #TRANSCENDENTAL} units per
 * {@code StrictMath} call ({@code exp}, {@code tanh}, {@code sqrt}), which cost about that many
 * multiply-adds on a JVM. Per operator (shapes as in docs/ai-mesh.md):
 *
 * <pre>
 * Scale, Relu, Argmax, Embed, LastRow, Shift, Concat   size of the output (Argmax: of the input)
 * Add                                                  size
 * Linear  [r, k]·[k, n]                                r·k·n + r·n
 * LayerNorm over rows of d                             5·size + 16·rows
 * Softmax                                              (2 + 16)·size
 * Gelu                                                 (5 + 16)·size
 * CausalAttention [T, 3d], h heads                     T(T+1)/2 · (2d + 18h)
 * Sample over V logits                                 (3 + 16)·V
 * Input                                                0
 * </pre>
 *
 * <b>J-units</b> (the brief's metering unit) of a program are {@code ceil(Σ work / }{@link
 * #PER_J_UNIT}{@code )}. Because programs and their shapes depend only on the model, a job's
 * J-units are a function of {@code model_hash}: the provider, the poster and the chain's referee
 * all compute the same number.
 */
public final class Work {
  /** Work units per J-unit. */
  public static final long PER_J_UNIT = 1_000_000L;

  /** Work units charged per {@code StrictMath} transcendental call. */
  public static final long TRANSCENDENTAL = 16L;

  private Work() {}

  /**
   * The output shape and work of one step.
   *
   * @param outShape the shape the operator produces
   * @param work the step's work units
   */
  public record StepCost(int[] outShape, long work) {
    /** Copies the shape. */
    public StepCost {
      outShape = outShape.clone();
    }

    @Override
    public int[] outShape() {
      return outShape.clone();
    }
  }

  /**
   * Every step's output shape and work, and their sum.
   *
   * @param steps per step, step 0 (the input) first
   * @param total Σ work
   */
  public record ProgramCost(List<StepCost> steps, long total) {
    /** Copies the list. */
    public ProgramCost {
      steps = List.copyOf(steps);
    }

    /** The program's J-units: {@code ceil(total / PER_J_UNIT)}. */
    public long jUnits() {
      return Work.jUnits(total);
    }
  }

  /** {@code ceil(work / PER_J_UNIT)}. */
  public static long jUnits(long work) {
    return work / PER_J_UNIT + (work % PER_J_UNIT == 0 ? 0 : 1);
  }

  /**
   * Infers every step's shape and work from the input shape and the weight shapes.
   *
   * @throws IllegalArgumentException if some step does not type-check (the model is malformed) or
   *     the work overflows a long
   */
  public static ProgramCost of(Program program, int[] inputShape, WeightShapes weights) {
    List<StepCost> out = new ArrayList<>(program.length());
    out.add(new StepCost(inputShape, 0));
    long total = 0;
    for (int i = 1; i < program.length(); i++) {
      Step s = program.step(i);
      List<int[]> in = new ArrayList<>(s.inputs().length);
      for (int r : s.inputs()) {
        in.add(out.get(r).outShape());
      }
      StepCost c = step(s.op(), in, weights);
      out.add(c);
      total = Math.addExact(total, c.work());
    }
    return new ProgramCost(out, total);
  }

  /**
   * The output shape and work of {@code op} applied to inputs of the given shapes.
   *
   * @throws IllegalArgumentException if the shapes do not fit the operator
   */
  public static StepCost step(Op op, List<int[]> in, WeightShapes weights) {
    try {
      return switch (op) {
        case Op.Input i -> throw new IllegalArgumentException("the input step is not computed");
        case Op.Scale s -> same(in.get(0), size(in.get(0)));
        case Op.Relu r -> same(in.get(0), size(in.get(0)));
        case Op.Gelu g -> same(in.get(0), Math.multiplyExact(5 + TRANSCENDENTAL, size(in.get(0))));
        case Op.Add a -> {
          if (!Arrays.equals(in.get(0), in.get(1))) {
            throw new IllegalArgumentException("add: shapes differ");
          }
          yield same(in.get(0), size(in.get(0)));
        }
        case Op.Softmax s ->
            same(in.get(0), Math.multiplyExact(2 + TRANSCENDENTAL, size(in.get(0))));
        case Op.LayerNorm l ->
            layerNorm(in.get(0), weights.shape(l.gamma()), weights.shape(l.beta()));
        case Op.Linear l -> linear(in.get(0), weights.shape(l.weight()), weights.shape(l.bias()));
        case Op.Argmax a -> new StepCost(new int[] {1}, size(in.get(0)));
        case Op.Embed e ->
            embed(in.get(0), weights.shape(e.tokens()), weights.shape(e.positions()));
        case Op.CausalAttention a -> attention(in.get(0), a.heads());
        case Op.LastRow l -> {
          int[] x = in.get(0);
          if (x.length != 2) {
            throw new IllegalArgumentException("lastRow: needs [T, d]");
          }
          yield new StepCost(new int[] {1, x[1]}, x[1]);
        }
        case Op.Sample s ->
            new StepCost(new int[] {1}, Math.multiplyExact(3 + TRANSCENDENTAL, size(in.get(0))));
        case Op.Shift s -> {
          int[] w = in.get(0);
          if (w.length != 1 || size(in.get(1)) != 1) {
            throw new IllegalArgumentException("shift: bad shapes");
          }
          yield same(w, w[0]);
        }
        case Op.Concat c -> {
          long n = 0;
          for (int[] s : in) {
            n = Math.addExact(n, size(s));
          }
          yield new StepCost(new int[] {Math.toIntExact(n)}, n);
        }
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("work overflows: " + e.getMessage());
    }
  }

  /** Number of elements of a shape. */
  public static long size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException("non-positive dimension");
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  private static StepCost same(int[] shape, long work) {
    return new StepCost(shape, work);
  }

  private static StepCost linear(int[] x, int[] w, int[] b) {
    if (w.length != 2 || b.length != 1 || b[0] != w[1] || x[x.length - 1] != w[0]) {
      throw new IllegalArgumentException("linear: shapes do not fit");
    }
    long rows = size(x) / w[0];
    int[] out = x.clone();
    out[out.length - 1] = w[1];
    long macs = Math.multiplyExact(Math.multiplyExact(rows, w[0]), w[1]);
    return new StepCost(out, Math.addExact(macs, Math.multiplyExact(rows, w[1])));
  }

  private static StepCost layerNorm(int[] x, int[] gamma, int[] beta) {
    int d = x[x.length - 1];
    if (size(gamma) != d || size(beta) != d) {
      throw new IllegalArgumentException("layerNorm: parameters do not fit");
    }
    long n = size(x);
    return new StepCost(x, Math.addExact(Math.multiplyExact(5, n), TRANSCENDENTAL * (n / d)));
  }

  private static StepCost embed(int[] ids, int[] tok, int[] pos) {
    if (ids.length != 1
        || tok.length != 2
        || pos.length != 2
        || pos[1] != tok[1]
        || pos[0] < ids[0]) {
      throw new IllegalArgumentException("embed: shapes do not fit");
    }
    int[] out = {ids[0], tok[1]};
    return new StepCost(out, size(out));
  }

  private static StepCost attention(int[] qkv, int heads) {
    if (qkv.length != 2 || heads < 1 || qkv[1] % (3 * heads) != 0) {
      throw new IllegalArgumentException("attention: bad packed qkv");
    }
    long t = qkv[0];
    long d = qkv[1] / 3;
    long pairs = Math.multiplyExact(t, t + 1) / 2;
    long per =
        Math.addExact(Math.multiplyExact(2, d), Math.multiplyExact(2 + TRANSCENDENTAL, heads));
    return new StepCost(new int[] {(int) t, (int) d}, Math.multiplyExact(pairs, per));
  }
}
