package dev.aether.mesh.trace;

import dev.aether.compute.engine.Tensor;
import dev.aether.compute.trace.VectorCommitment;
import java.util.List;

/**
 * A committed execution trace, kept by the provider to answer challenges.
 *
 * @param outputs every step's output, input first
 * @param committed the commitment to the steps' leaves (padded with zeros to capacity)
 */
public record Trace(List<Tensor> outputs, VectorCommitment.Committed committed) {
  /** Copies the list. */
  public Trace {
    outputs = List.copyOf(outputs);
  }

  /** Number of steps. */
  public int length() {
    return outputs.size();
  }

  /** Commits to a run's leaves. */
  public static Trace commit(
      List<Tensor> outputs, List<byte[]> leaves, VectorCommitment commitment) {
    if (leaves.size() != outputs.size()) {
      throw new IllegalArgumentException("one leaf per step");
    }
    if (leaves.size() > commitment.capacity()) {
      throw new IllegalArgumentException(
          "trace of " + leaves.size() + " steps exceeds capacity " + commitment.capacity());
    }
    return new Trace(outputs, commitment.commit(leaves));
  }
}
