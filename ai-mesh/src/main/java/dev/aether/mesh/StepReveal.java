package dev.aether.mesh;

import dev.aether.compute.engine.Tensor;
import dev.aether.types.Opening;
import java.util.List;

/**
 * A provider's answer for one challenged step: the opening of the step's own leaf, and for each of
 * its input steps the revealed tensor with the opening of that step's leaf (step 0, the input,
 * reveals the input tensor itself as its only "input").
 *
 * @param step the opened step's own opening
 * @param inputs the tensors the step consumed, in operand order
 * @param inputOpenings openings of the steps that produced them, same order
 */
public record StepReveal(Opening step, List<Tensor> inputs, List<Opening> inputOpenings) {
  /** Copies the lists. */
  public StepReveal {
    inputs = List.copyOf(inputs);
    inputOpenings = List.copyOf(inputOpenings);
  }
}
