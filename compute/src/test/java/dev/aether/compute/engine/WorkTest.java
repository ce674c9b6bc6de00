package dev.aether.compute.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.model.Architecture;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.model.WeightsFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkTest {
  @Test
  void mlpWorkIsCountedByHand() {
    WeightsFile.Contents c = WeightsFile.parse(TestModels.mlpFile(1));
    ModelHeader h = ModelHeader.of(c.metadata(), c.weights());
    Architecture a = Architecture.from(h);
    Work.ProgramCost cost = Work.of(a.program(), a.inputShape(), h);
    // scale 8 | fc1 8·6 + 6 | relu 6 | fc2 6·3 + 3 | softmax 18·3 | argmax 3
    long expected = 8 + (48 + 6) + 6 + (18 + 3) + 18 * 3 + 3;
    assertThat(cost.total()).isEqualTo(expected);
    assertThat(cost.jUnits()).isEqualTo(1);
    assertThat(cost.steps().get(2).outShape()).containsExactly(6);
    assertThat(cost.steps().getLast().outShape()).containsExactly(1);
  }

  @Test
  void inferredShapesAreTheShapesTheEngineProduces() {
    WeightsFile.Contents c = WeightsFile.parse(TestModels.transformerFile(3, 2));
    ModelHeader h = ModelHeader.of(c.metadata(), c.weights());
    Architecture a = Architecture.from(h);
    Work.ProgramCost cost = Work.of(a.program(), a.inputShape(), h);
    List<Tensor> outs =
        new Engine(Parallelism.serial())
            .run(
                a.program(),
                c.weights(),
                a.encodeInput("in the beginning".getBytes()),
                7,
                StepObserver.NONE);
    for (int i = 0; i < outs.size(); i++) {
      assertThat(outs.get(i).shape())
          .as("step %d", i)
          .containsExactly(cost.steps().get(i).outShape());
    }
    assertThat(cost.total()).isPositive();
  }

  @Test
  void jUnitsRoundUpAndShapesThatDoNotFitAreRefused() {
    assertThat(Work.jUnits(0)).isZero();
    assertThat(Work.jUnits(1)).isEqualTo(1);
    assertThat(Work.jUnits(Work.PER_J_UNIT)).isEqualTo(1);
    assertThat(Work.jUnits(Work.PER_J_UNIT + 1)).isEqualTo(2);
    assertThatThrownBy(
            () ->
                Work.step(
                    new Op.Linear("w", "b"),
                    List.of(new int[] {4, 5}),
                    n -> n.equals("w") ? new int[] {6, 2} : new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Work.step(new Op.Add(), List.of(new int[] {2}, new int[] {3}), n -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
