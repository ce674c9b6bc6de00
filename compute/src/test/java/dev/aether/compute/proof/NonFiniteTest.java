package dev.aether.compute.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.OperatorSet;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.WeightsFile;
import dev.aether.compute.trace.TraceRecorder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Operator set 2 refuses NaN and infinity anywhere in a trace (NaN payloads differ between CPUs):
 * the engine stops at a step that overflows, and the referee treats a step that overflows, or a
 * committed input that is not finite, as one no honest trace holds.
 */
class NonFiniteTest {
  private static final ModelProgram MODEL;
  private static final Weights WEIGHTS;

  static {
    // An MLP whose first step scales the input by 1e38: an input of 10 overflows to infinity.
    SplittableRandom r = new SplittableRandom(3);
    Map<String, Tensor> w = new TreeMap<>();
    w.put("fc1.weight", rnd(r, 4, 3));
    w.put("fc1.bias", rnd(r, 3));
    w.put("fc2.weight", rnd(r, 3, 2));
    w.put("fc2.bias", rnd(r, 2));
    WeightsFile.Contents c =
        WeightsFile.parse(
            WeightsFile.write(
                Map.of("architecture", "mlp-classifier", "layers", "2", "input_scale", "1e38"),
                new Weights(w)));
    ModelHeader h = ModelHeader.of(c.metadata(), c.weights());
    MODEL =
        ModelProgram.derive(
            h, ModelCommitment.weightsRoot(h, c.weights()), VerifyCosts.V1, Meter.NONE);
    WEIGHTS = c.weights();
  }

  @Test
  void theOperatorSetVersionSaysSo() {
    assertThat(OperatorSet.VERSION).isEqualTo("aether-mesh-ops/2");
  }

  @Test
  void theEngineStopsAtTheStepThatOverflowsAndRunsFiniteInputs() {
    Engine e = new Engine(Parallelism.serial());
    Tensor small = MODEL.architecture().encodeInput("0.1 0.2 0.3 0.4".getBytes());
    assertThat(e.run(MODEL.program(), WEIGHTS, small, 1, StepObserver.NONE).getLast().allFinite())
        .isTrue();
    Tensor big = MODEL.architecture().encodeInput("10 1 1 1".getBytes());
    assertThatThrownBy(() -> e.run(MODEL.program(), WEIGHTS, big, 1, StepObserver.NONE))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("step 1")
        .hasMessageContaining("non-finite");
    Tensor nan = Tensor.of(new float[] {Float.NaN, 0, 0, 0}, 4);
    assertThatThrownBy(() -> e.run(MODEL.program(), WEIGHTS, nan, 1, StepObserver.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite");
  }

  @Test
  void theRefereeConvictsAStepWhoseHonestOutputIsNotFinite() {
    Tensor big = Tensor.of(new float[] {10, 1, 1, 1}, 4);
    Referee.Outcome out =
        Referee.reexecute(
            MODEL,
            1,
            1,
            List.of(TraceRecorder.leaf(big)),
            new StepEvidence(List.of(big), List.of()),
            VerifyCosts.V1,
            Meter.NONE);
    assertThat(out).isInstanceOf(Referee.Outcome.Unrunnable.class);
    assertThat(((Referee.Outcome.Unrunnable) out).detail()).contains("non-finite");
  }

  @Test
  void theRefereeConvictsATraceThatCommittedANonFiniteValue() {
    // Step 2 (fc1) reads step 1's output; a committed NaN there is itself proof of a bad trace.
    Tensor nan = Tensor.of(new float[] {Float.NaN, 1, 1, 1}, 4);
    StepEvidence ev =
        new StepEvidence(
            List.of(nan),
            List.of(
                ModelCommitment.slice(MODEL.header(), WEIGHTS, "fc1.weight"),
                ModelCommitment.slice(MODEL.header(), WEIGHTS, "fc1.bias")));
    Referee.Outcome out =
        Referee.reexecute(
            MODEL, 2, 1, List.of(TraceRecorder.leaf(nan)), ev, VerifyCosts.V1, Meter.NONE);
    assertThat(out).isInstanceOf(Referee.Outcome.Unrunnable.class);
  }

  private static Tensor rnd(SplittableRandom r, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() - 0.5);
    }
    return Tensor.of(a, shape);
  }
}
