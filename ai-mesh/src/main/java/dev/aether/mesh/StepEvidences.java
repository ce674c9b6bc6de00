package dev.aether.mesh;

import dev.aether.compute.engine.Ops;
import dev.aether.compute.engine.Step;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.WeightSlice;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.mesh.model.Model;
import java.util.ArrayList;
import java.util.List;

/** Builds the evidence to re-execute one step from a run's outputs and the model's weights. */
final class StepEvidences {
  private StepEvidences() {}

  /**
   * The inputs of step {@code i} (from {@code outputs}) and the weight slices its operator reads.
   */
  static StepEvidence of(Model model, int i, List<Tensor> outputs) {
    Step step = model.architecture().program().step(i);
    List<Tensor> inputs = new ArrayList<>();
    for (int r : step.inputs()) {
      inputs.add(outputs.get(r));
    }
    List<WeightSlice> weights = new ArrayList<>();
    for (String name : Ops.weightNames(step.op())) {
      weights.add(ModelCommitment.slice(model.header(), model.weights(), name));
    }
    return new StepEvidence(inputs, weights);
  }
}
