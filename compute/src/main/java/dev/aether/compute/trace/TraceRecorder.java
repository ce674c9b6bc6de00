package dev.aether.compute.trace;

import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Hashes each step's output into a field element as the engine produces it. */
public final class TraceRecorder implements StepObserver {
  private final List<byte[]> leaves = new ArrayList<>();

  @Override
  public void onStep(int index, Tensor output) {
    if (index != leaves.size()) {
      throw new IllegalStateException("steps must arrive in order");
    }
    leaves.add(leaf(output));
  }

  /** The leaves so far, one per step. */
  public List<byte[]> leaves() {
    return List.copyOf(leaves);
  }

  /** A step's leaf: {@code SHA-256(canonical bytes) mod r}. */
  public static byte[] leaf(Tensor output) {
    return FieldElements.fromDigest(output.sha256());
  }
}
