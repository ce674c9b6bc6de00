package dev.aether.compute.proof;

import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.OpContext;
import dev.aether.compute.engine.Ops;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Step;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.WeightSlice;
import dev.aether.compute.trace.TraceRecorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-executes one step of a model's program alone, as the chain does to decide a dispute: checks
 * that the supplied inputs are the committed ones (their leaves equal the leaves the caller trusts)
 * and have the step's static shapes, that the weight slices belong to the model (Merkle paths to
 * the weights root), charges the step's work, runs the operator single-threaded and returns the
 * leaf of what it computes.
 *
 * <p>Bounded: the work comes from static shapes (a function of the model), is charged before the
 * operator runs and may not exceed {@link VerifyCosts#maxStepWork()}; tensors are bounded by the
 * transaction that carries them.
 */
public final class Referee {
  private Referee() {}

  /** What re-executing a step found. */
  public sealed interface Outcome {
    /** The operator ran; {@code leaf} is the leaf of its output. */
    record Computed(byte[] leaf, Tensor output) implements Outcome {
      /** Copies the leaf. */
      public Computed {
        leaf = leaf.clone();
      }

      @Override
      public byte[] leaf() {
        return leaf.clone();
      }
    }

    /** The committed inputs are ones the operator cannot run on (a provider's invalid trace). */
    record Unrunnable(String detail) implements Outcome {}

    /** The evidence does not show what it claims; nothing can be decided from it. */
    record BadEvidence(ProofRejection reason, String detail) implements Outcome {}
  }

  /**
   * Re-executes step {@code i}.
   *
   * @param model the model's program, derived from the header
   * @param i the step, {@code 1 ≤ i < n}
   * @param seed the job seed
   * @param inputLeaves the committed leaves of the step's inputs (in operand order)
   * @param evidence the input tensors and weight slices
   */
  public static Outcome reexecute(
      ModelProgram model,
      int i,
      long seed,
      List<byte[]> inputLeaves,
      StepEvidence evidence,
      VerifyCosts costs,
      Meter meter) {
    if (i < 1 || i >= model.length()) {
      return bad(ProofRejection.BAD_STEP, "step " + i + " is not in 1.." + (model.length() - 1));
    }
    Step step = model.program().step(i);
    int[] refs = step.inputs();
    if (evidence.inputs().size() != refs.length || inputLeaves.size() != refs.length) {
      return bad(
          ProofRejection.INPUT_NOT_COMMITTED,
          "step "
              + i
              + " reads "
              + refs.length
              + " inputs, "
              + evidence.inputs().size()
              + " given");
    }
    long work = model.cost().steps().get(i).work();
    if (work > costs.maxStepWork()) {
      return bad(ProofRejection.TOO_MUCH_WORK, "step " + i + " needs " + work + " work units");
    }
    meter.charge(costs.forBytes(evidence.tensorBytes()));
    for (int j = 0; j < refs.length; j++) {
      Tensor t = evidence.inputs().get(j);
      if (!Arrays.equals(t.shape(), model.cost().steps().get(refs[j]).outShape())) {
        return bad(
            ProofRejection.INPUT_NOT_COMMITTED,
            "input " + j + " (step " + refs[j] + ") does not have the step's static shape");
      }
      if (!Arrays.equals(TraceRecorder.leaf(t), inputLeaves.get(j))) {
        return bad(
            ProofRejection.INPUT_NOT_COMMITTED,
            "input " + j + " is not the committed output of step " + refs[j]);
      }
    }
    List<String> names = Ops.weightNames(step.op());
    if (evidence.weights().size() != names.size()) {
      return bad(
          ProofRejection.BAD_WEIGHTS,
          step.op()
              + " reads "
              + names.size()
              + " weight tensors, "
              + evidence.weights().size()
              + " given");
    }
    Map<String, Tensor> w = new TreeMap<>();
    for (int j = 0; j < names.size(); j++) {
      WeightSlice s = evidence.weights().get(j);
      if (!s.name().equals(names.get(j))
          || !ModelCommitment.verify(model.header(), model.weightsRoot(), s)) {
        return bad(
            ProofRejection.BAD_WEIGHTS,
            "weight '" + s.name() + "' is not the model's tensor " + names.get(j));
      }
      w.put(s.name(), s.tensor());
    }
    meter.charge(costs.forWork(work));
    Op op = step.op();
    Tensor out;
    try (Parallelism serial = Parallelism.serial()) {
      out = op.apply(evidence.inputs(), new OpContext(new Weights(w), seed, i, serial));
    } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
      // Every node gets the same exception from the same bytes: a deterministic verdict.
      return new Outcome.Unrunnable(op + " cannot run on the committed inputs: " + e.getMessage());
    }
    meter.charge(costs.forBytes(out.encodedLength()));
    return new Outcome.Computed(TraceRecorder.leaf(out), out);
  }

  private static Outcome bad(ProofRejection r, String detail) {
    return new Outcome.BadEvidence(r, detail);
  }

  /** The leaves of step {@code i}'s inputs, read from a published trace. */
  static List<byte[]> inputLeaves(ModelProgram model, int i, List<byte[]> leaves) {
    int[] refs = model.program().step(i).inputs();
    List<byte[]> out = new ArrayList<>(refs.length);
    for (int r : refs) {
      out.add(leaves.get(r));
    }
    return out;
  }
}
