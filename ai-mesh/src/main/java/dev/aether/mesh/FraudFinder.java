package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The challenger's side of the one-round dispute: re-runs the job of a published receipt, compares
 * every step's leaf with the provider's published one, and at the first step that differs builds
 * the {@link FraudProof} the chain decides in one transaction. Because every earlier step agrees,
 * the re-run's outputs of earlier steps are exactly the provider's committed ones, so the proof's
 * inputs open against the provider's own commitment. Any falsified step is found, first, middle or
 * last — not with probability k/n.
 */
public final class FraudFinder {
  private final ModelRegistry registry;
  private final Engine engine;
  private final VectorCommitment commitment;

  /**
   * @param registry models to re-run
   * @param engine the engine
   * @param commitment the trace commitment scheme (to open the provider's published leaves)
   */
  public FraudFinder(ModelRegistry registry, Engine engine, VectorCommitment commitment) {
    this.registry = registry;
    this.engine = engine;
    this.commitment = commitment;
  }

  /** What re-running found. */
  public sealed interface Finding {
    /** Every published leaf equals the re-run's. */
    record Honest(int steps) implements Finding {}

    /** The published trace's input is not the job input the challenger has. */
    record OtherInput() implements Finding {}

    /** The published trace does not have one leaf per step of the model. */
    record Malformed(String detail) implements Finding {}

    /** Step {@code step} is the first whose published leaf differs; {@code proof} shows it. */
    record Divergent(int step, FraudProof proof) implements Finding {}
  }

  /**
   * Re-runs {@code sub}'s job on {@code input} (the job input file the challenger holds).
   *
   * @throws MeshException if the model is unknown or the input unreadable
   */
  public Finding check(VcrSubmission sub, byte[] input) {
    Model model = registry.resolve(sub.vcr().modelHash().toHex()).model();
    Program program = model.architecture().program();
    if (sub.leaves().size() != program.length()) {
      return new Finding.Malformed(
          sub.leaves().size() + " leaves for a program of " + program.length() + " steps");
    }
    Tensor in;
    try {
      in = model.architecture().encodeInput(input);
    } catch (RuntimeException e) {
      throw new MeshException.BadInput("the job input cannot be read: " + e.getMessage());
    }
    if (!Arrays.equals(TraceRecorder.leaf(in), sub.leaves().get(0).toArray())) {
      return new Finding.OtherInput();
    }
    // Step by step, stopping at the first divergence: no need to finish the run.
    List<Tensor> outputs = new ArrayList<>(program.length());
    outputs.add(in);
    for (int i = 1; i < program.length(); i++) {
      List<Tensor> ins = new ArrayList<>();
      for (int r : program.step(i).inputs()) {
        ins.add(outputs.get(r));
      }
      Tensor out = engine.runStep(program, i, model.weights(), sub.vcr().seed(), ins);
      outputs.add(out);
      if (!Arrays.equals(TraceRecorder.leaf(out), sub.leaves().get(i).toArray())) {
        return new Finding.Divergent(i, proof(sub, model, i, outputs));
      }
    }
    return new Finding.Honest(program.length());
  }

  private FraudProof proof(VcrSubmission sub, Model model, int i, List<Tensor> outputs) {
    List<byte[]> published = new ArrayList<>(sub.leaves().size());
    for (H256 l : sub.leaves()) {
      published.add(l.toArray());
    }
    // The provider published the leaves and the chain checked they are its committed vector, so
    // committing to them again reproduces its commitment and opens any of its positions.
    VectorCommitment.Committed c = commitment.commit(published);
    int[] refs = model.architecture().program().step(i).inputs();
    List<Opening> inputOpenings = new ArrayList<>(refs.length);
    for (int r : refs) {
      inputOpenings.add(c.open(r));
    }
    return new FraudProof(
        sub.vcr().jobId(),
        model.header(),
        model.weightsRoot(),
        i,
        c.open(i),
        inputOpenings,
        StepEvidences.of(model, i, outputs));
  }
}
