package dev.aether.compute.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.Architecture;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.model.WeightsFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A trace hashed beside the engine is the trace hashed on its thread, leaf for leaf, in order. */
class TraceRecorderTest {
  private static final WeightsFile.Contents FILE =
      WeightsFile.parse(TestModels.transformerFile(8, 2));
  private static final Architecture ARCH =
      Architecture.from(ModelHeader.of(FILE.metadata(), FILE.weights()));

  private static List<byte[]> leaves(TraceRecorder r, Optional<Engine.Tamper> tamper) {
    Tensor in = ARCH.encodeInput("and god said".getBytes());
    List<Tensor> outs =
        new Engine(Parallelism.serial()).run(ARCH.program(), FILE.weights(), in, 3, r, tamper);
    List<byte[]> leaves = r.leaves();
    assertThat(leaves).hasSize(outs.size());
    for (int i = 0; i < outs.size(); i++) {
      assertThat(leaves.get(i)).as("leaf %d", i).isEqualTo(TraceRecorder.leaf(outs.get(i)));
    }
    return leaves;
  }

  @Test
  void overlappedHashingGivesTheSameLeavesInStepOrder() {
    for (Optional<Engine.Tamper> tamper :
        List.of(Optional.<Engine.Tamper>empty(), Optional.of(Engine.Tamper.flipFirst(2)))) {
      List<byte[]> inline = leaves(new TraceRecorder(), tamper);
      try (TraceRecorder overlapped = TraceRecorder.overlapped()) {
        assertThat(leaves(overlapped, tamper)).containsExactlyElementsOf(inline);
      }
    }
  }

  @Test
  void stepsOutOfOrderAreRefusedEitherWay() {
    Tensor t = ARCH.encodeInput("x".getBytes());
    for (TraceRecorder r : List.of(new TraceRecorder(), TraceRecorder.overlapped())) {
      try (r) {
        r.onStep(0, t);
        assertThatThrownBy(() -> r.onStep(2, t)).isInstanceOf(IllegalStateException.class);
      }
    }
  }
}
