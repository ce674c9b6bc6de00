package dev.aether.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.Architecture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ShippedModelsTest {
  private static final ModelRegistry MODELS = ModelRegistry.bundled();
  private static final Engine ENGINE = new Engine(Parallelism.serial());

  @Test
  void digitsModelMatchesItsRecordedHeldOutAccuracy() throws Exception {
    Model m = MODELS.resolve("digits-mlp").model();
    Path data = Path.of("training/data/digits.csv.gz");
    List<String> rows;
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data)), StandardCharsets.US_ASCII))) {
      rows = in.lines().filter(l -> !l.isBlank()).toList();
    }
    int correct = 0;
    int total = 0;
    for (String row : rows.subList(1500, rows.size())) {
      String[] f = row.split(",");
      String pixels = String.join(" ", java.util.Arrays.copyOf(f, 64));
      Tensor in = m.architecture().encodeInput(pixels.getBytes(StandardCharsets.US_ASCII));
      List<Tensor> out =
          ENGINE.run(m.architecture().program(), m.weights(), in, 0, StepObserver.NONE);
      if ((int) out.getLast().get(0) == (int) Double.parseDouble(f[64])) {
        correct++;
      }
      total++;
    }
    double recorded =
        new ObjectMapper()
            .readTree(Path.of("models/digits-mlp/training-metrics.json").toFile())
            .get("test_accuracy")
            .asDouble();
    assertThat(total).isEqualTo(297);
    // float32 here vs numpy's float32 BLAS: a borderline image may flip, no more.
    assertThat(correct / (double) total)
        .isCloseTo(recorded, org.assertj.core.data.Offset.offset(0.01));
    assertThat(correct / (double) total).isGreaterThan(0.9);
  }

  @Test
  void digitsInputMustBeSixtyFourNumbers() {
    Architecture a = MODELS.resolve("digits-mlp").model().architecture();
    assertThatThrownBy(() -> a.encodeInput("1 2 3".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ComputeException.BadInput.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> a.encodeInput(("x " + "0 ".repeat(63)).getBytes()))
        .isInstanceOf(ComputeException.BadInput.class);
  }

  @Test
  void everyShippedModelRunsOnItsSampleInput() {
    assertThat(MODELS.list()).isNotEmpty();
    for (ModelRegistry.Entry e : MODELS.list()) {
      Model m = e.model();
      Tensor in = m.architecture().encodeInput(e.sampleInput());
      List<Tensor> out =
          ENGINE.run(m.architecture().program(), m.weights(), in, 42, StepObserver.NONE);
      assertThat(out).hasSize(m.architecture().program().length());
      assertThat(m.architecture().program().length()).isLessThanOrEqualTo(4096);
      assertThat(m.architecture().describeOutput(out.getLast())).isNotBlank();
    }
  }
}
