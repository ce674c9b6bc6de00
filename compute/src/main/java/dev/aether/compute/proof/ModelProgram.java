package dev.aether.compute.proof;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Work;
import dev.aether.compute.model.Architecture;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.types.H256;

/**
 * A model's program as a verifier derives it from the header alone: the steps, every step's static
 * shape and work, and the J-units of a run.
 *
 * @param header the header it was derived from
 * @param weightsRoot the weights root that, with the header, hashes to {@link #modelHash()}
 * @param architecture the architecture
 * @param program the program
 * @param cost every step's static output shape and work
 */
public record ModelProgram(
    ModelHeader header,
    H256 weightsRoot,
    Architecture architecture,
    Program program,
    Work.ProgramCost cost) {

  /**
   * Derives the program, charging {@code costs.perProgramStep()} per step.
   *
   * @throws ComputeException.BadModel if the header does not describe a runnable model
   */
  public static ModelProgram derive(
      ModelHeader header, H256 weightsRoot, VerifyCosts costs, Meter meter) {
    meter.charge(costs.forBytes(header.encode().length));
    Architecture arch = Architecture.from(header);
    Program p = arch.program();
    meter.charge(Math.multiplyExact(costs.perProgramStep(), (long) p.length()));
    Work.ProgramCost cost;
    try {
      cost = Work.of(p, arch.inputShape(), header);
    } catch (IllegalArgumentException e) {
      throw new ComputeException.BadModel(
          "the model's program does not type-check: " + e.getMessage());
    }
    return new ModelProgram(header, weightsRoot, arch, p, cost);
  }

  /** {@code model_hash} of the header and weights root. */
  public H256 modelHash() {
    return ModelCommitment.modelHash(header, weightsRoot);
  }

  /** Number of steps (the trace length). */
  public int length() {
    return program.length();
  }

  /** J-units of one run. */
  public long jUnits() {
    return cost.jUnits();
  }
}
