package dev.aether.compute.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.Ops;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.model.WeightSlice;
import dev.aether.compute.model.WeightsFile;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefereeTest {
  private static WeightsFile.Contents file;
  private static ModelProgram model;
  private static List<Tensor> outs;
  private static final long SEED = 11;

  @BeforeAll
  static void run() {
    file = WeightsFile.parse(TestModels.transformerFile(8, 2));
    ModelHeader h = ModelHeader.of(file.metadata(), file.weights());
    model =
        ModelProgram.derive(
            h, ModelCommitment.weightsRoot(h, file.weights()), VerifyCosts.V1, Meter.NONE);
    outs =
        new Engine(Parallelism.serial())
            .run(
                model.program(),
                file.weights(),
                model.architecture().encodeInput("and god said".getBytes()),
                SEED,
                StepObserver.NONE);
  }

  private static StepEvidence evidence(int i) {
    List<Tensor> in = new ArrayList<>();
    for (int r : model.program().step(i).inputs()) {
      in.add(outs.get(r));
    }
    List<WeightSlice> w = new ArrayList<>();
    for (String n : Ops.weightNames(model.program().step(i).op())) {
      w.add(ModelCommitment.slice(model.header(), file.weights(), n));
    }
    return new StepEvidence(in, w);
  }

  private static List<byte[]> leaves(int i) {
    List<byte[]> l = new ArrayList<>();
    for (int r : model.program().step(i).inputs()) {
      l.add(TraceRecorder.leaf(outs.get(r)));
    }
    return l;
  }

  private static Referee.Outcome reexecute(int i, List<byte[]> leaves, StepEvidence ev) {
    return Referee.reexecute(model, i, SEED, leaves, ev, VerifyCosts.V1, Meter.NONE);
  }

  @Test
  void everyStepReExecutesAloneToItsLeafAndIsMetered() {
    for (int i = 1; i < model.length(); i++) {
      AtomicLong charged = new AtomicLong();
      Referee.Outcome o =
          Referee.reexecute(
              model, i, SEED, leaves(i), evidence(i), VerifyCosts.V1, charged::addAndGet);
      assertThat(o).as("step %d", i).isInstanceOf(Referee.Outcome.Computed.class);
      assertThat(((Referee.Outcome.Computed) o).leaf())
          .as("step %d", i)
          .isEqualTo(TraceRecorder.leaf(outs.get(i)));
      assertThat(charged.get())
          .isGreaterThanOrEqualTo(VerifyCosts.V1.forWork(model.cost().steps().get(i).work()));
    }
  }

  @Test
  void evidenceThatIsNotTheCommittedOneShowsNothing() {
    int linear = firstStep(Op.Linear.class);
    StepEvidence ev = evidence(linear);
    // Another tensor than the committed input (its leaf differs).
    float[] a = ev.inputs().get(0).toArray();
    a[0] += 1f;
    StepEvidence otherInput =
        new StepEvidence(List.of(Tensor.of(a, ev.inputs().get(0).shape())), ev.weights());
    assertThat(reason(reexecute(linear, leaves(linear), otherInput)))
        .isEqualTo(ProofRejection.INPUT_NOT_COMMITTED);
    // The committed leaf of a tensor of another shape.
    Tensor flat = Tensor.of(ev.inputs().get(0).toArray(), ev.inputs().get(0).size());
    assertThat(
            reason(
                reexecute(
                    linear,
                    List.of(TraceRecorder.leaf(flat)),
                    new StepEvidence(List.of(flat), ev.weights()))))
        .isEqualTo(ProofRejection.INPUT_NOT_COMMITTED);
    // Weights missing, swapped, or not the model's.
    assertThat(reason(reexecute(linear, leaves(linear), new StepEvidence(ev.inputs(), List.of()))))
        .isEqualTo(ProofRejection.BAD_WEIGHTS);
    assertThat(
            reason(
                reexecute(
                    linear,
                    leaves(linear),
                    new StepEvidence(
                        ev.inputs(), List.of(ev.weights().get(1), ev.weights().get(0))))))
        .isEqualTo(ProofRejection.BAD_WEIGHTS);
    WeightSlice w = ev.weights().get(0);
    float[] wa = w.tensor().toArray();
    wa[3] = -wa[3];
    StepEvidence foreign =
        new StepEvidence(
            ev.inputs(),
            List.of(
                new WeightSlice(w.name(), Tensor.of(wa, w.tensor().shape()), w.path()),
                ev.weights().get(1)));
    assertThat(reason(reexecute(linear, leaves(linear), foreign)))
        .isEqualTo(ProofRejection.BAD_WEIGHTS);
    // No step 0 or past the end; too much work for the consensus bound.
    assertThat(reason(reexecute(0, List.of(), new StepEvidence(List.of(), List.of()))))
        .isEqualTo(ProofRejection.BAD_STEP);
    assertThat(reason(reexecute(model.length(), List.of(), new StepEvidence(List.of(), List.of()))))
        .isEqualTo(ProofRejection.BAD_STEP);
    VerifyCosts tight =
        new VerifyCosts(1, 50, 8, 150_000, 200_000, 20_000, 300_000, 6_000, 6_000, 1_500_000, 10);
    assertThat(
            reason(Referee.reexecute(model, linear, SEED, leaves(linear), ev, tight, Meter.NONE)))
        .isEqualTo(ProofRejection.TOO_MUCH_WORK);
  }

  @Test
  void committedInputsAnOperatorCannotRunOnAreTheProvidersFault() {
    int embed = firstStep(Op.Embed.class);
    Tensor notIds = Tensor.of(new float[] {0.5f, 1, 2, 3, 4, 5, 6, 7}, 8);
    StepEvidence ev = new StepEvidence(List.of(notIds), evidence(embed).weights());
    assertThat(reexecute(embed, List.of(TraceRecorder.leaf(notIds)), ev))
        .isInstanceOf(Referee.Outcome.Unrunnable.class);
  }

  private static int firstStep(Class<? extends Op> kind) {
    for (int i = 1; i < model.length(); i++) {
      if (kind.isInstance(model.program().step(i).op())) {
        return i;
      }
    }
    throw new AssertionError("no " + kind);
  }

  private static ProofRejection reason(Referee.Outcome o) {
    assertThat(o).isInstanceOf(Referee.Outcome.BadEvidence.class);
    return ((Referee.Outcome.BadEvidence) o).reason();
  }

  @Test
  void headerTamperingIsAnotherModel() {
    H256 other = ModelCommitment.modelHash(model.header(), H256.ZERO);
    assertThat(other).isNotEqualTo(model.modelHash());
    assertThat(Arrays.equals(other.toArray(), model.modelHash().toArray())).isFalse();
  }
}
