package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.proof.ReceiptRejection;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.mesh.model.ModelFolders;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.TeeVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random spot checks (the cheap extra beside the one-round dispute) catch a falsified step exactly
 * when it is opened, at the rate {@code k/n}; a falsified last step never gets that far, because
 * the receipt check re-executes it. Uses {@link MerkleCommitment} for speed: thousands of openings;
 * the KZG path is covered by {@link EndToEndTest}, {@link VcrValidatorTest} and {@link
 * ForgeryRegressionTest}.
 */
class ChallengeTest {
  private static final MerkleCommitment MERKLE = new MerkleCommitment();
  private static final Engine ENGINE = new Engine(Parallelism.serial());
  private static ModelRegistry tiny;

  @BeforeAll
  static void tinyTransformer(@TempDir Path dir) throws Exception {
    ModelFolders.write(dir, "tiny", TestModels.transformerFile(11, 6), "in the beginning");
    tiny = ModelRegistry.fromDirectory(dir);
  }

  private static ProviderRuntime provider(ModelRegistry reg) {
    return new ProviderRuntime(
        reg,
        ENGINE,
        MERKLE,
        TestFixtures.PROVIDER_KEY,
        TestFixtures.ATTESTER,
        TestFixtures.CODE_HASH);
  }

  private static ReceiptVerdict validate(Job job, VcrSubmission sub) {
    return new VcrValidator(MERKLE, new TeeVerifier(), TestFixtures.CLOCK)
        .validate(sub, TestFixtures.terms(job), TestFixtures.providerTerms());
  }

  private static Job job(ModelRegistry reg, String name) {
    ModelRegistry.Entry e = reg.resolve(name);
    return new Job(TestFixtures.JOB_ID, e.model().modelHashHex(), e.sampleInput(), 3);
  }

  private static List<StepReveal> answers(ProviderRuntime.ExecutedJob j, int[] steps) {
    List<StepReveal> out = new ArrayList<>();
    for (int s : steps) {
      out.add(j.reveal(s));
    }
    return out;
  }

  @Test
  void everyFalsifiedDigitsStepIsCaughtWhenOpenedAndOnlyThen() {
    ModelRegistry reg = TestFixtures.MODELS;
    Challenger challenger = new Challenger(reg, ENGINE, MERKLE);
    int n = reg.resolve("digits-mlp").model().architecture().program().length();
    for (int step = 1; step < n; step++) {
      final int f = step;
      Job job = job(reg, "digits-mlp");
      var j = provider(reg).run(job, Optional.of(Engine.Tamper.flipFirst(f)));
      VcrSubmission sub = j.publish();
      Vcr vcr = sub.vcr();
      if (f == n - 1) {
        // A falsified last step is refused by the receipt check itself (it re-executes it).
        assertThat(validate(job, sub))
            .isInstanceOfSatisfying(
                ReceiptVerdict.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ReceiptRejection.LAST_STEP));
      } else {
        // Inside the trace the receipt alone cannot tell: re-running (FraudFinder) or opening
        // the step can.
        assertThat(validate(job, sub).isValid()).isTrue();
      }
      int[] caught = {f};
      assertThat(challenger.check(vcr, caught, answers(j, caught)))
          .isInstanceOfSatisfying(
              ChallengeOutcome.Fraud.class,
              fr -> {
                assertThat(fr.step()).isEqualTo(f);
                assertThat(fr.reason()).isEqualTo(ChallengeOutcome.Reason.OUTPUT_DIFFERS);
              });
      int[] others = java.util.stream.IntStream.range(0, n).filter(i -> i != f).toArray();
      assertThat(challenger.check(vcr, others, answers(j, others)))
          .isEqualTo(new ChallengeOutcome.Honest(n - 1));
    }
  }

  @Test
  void providerRevealingAnInputOtherThanTheCommittedOneIsCaught() {
    ModelRegistry reg = TestFixtures.MODELS;
    var j = provider(reg).run(job(reg, "digits-mlp"));
    Vcr vcr = j.signVcr();
    StepReveal honest = j.reveal(3);
    float[] changed = honest.inputs().get(0).toArray();
    changed[0] += 1f;
    StepReveal forged =
        new StepReveal(
            honest.step(),
            List.of(Tensor.of(changed, honest.inputs().get(0).shape())),
            honest.inputOpenings());
    assertThat(new Challenger(reg, ENGINE, MERKLE).check(vcr, new int[] {3}, List.of(forged)))
        .isInstanceOfSatisfying(
            ChallengeOutcome.Fraud.class,
            fr -> assertThat(fr.reason()).isEqualTo(ChallengeOutcome.Reason.INPUT_NOT_COMMITTED));
  }

  @Test
  void answersForTheWrongStepAreRefused() {
    ModelRegistry reg = TestFixtures.MODELS;
    var j = provider(reg).run(job(reg, "digits-mlp"));
    assertThat(
            new Challenger(reg, ENGINE, MERKLE)
                .check(j.signVcr(), new int[] {2}, List.of(j.reveal(4))))
        .isInstanceOfSatisfying(
            ChallengeOutcome.Fraud.class,
            fr -> assertThat(fr.reason()).isEqualTo(ChallengeOutcome.Reason.WRONG_ANSWER));
  }

  @Test
  void detectionProbabilityFormula() {
    assertThat(Challenger.detectionProbability(100, 10, 1)).isCloseTo(0.1, within(1e-12));
    assertThat(Challenger.detectionProbability(100, 100, 1)).isEqualTo(1.0);
    // 1 - C(98,10)/C(100,10) = 1 - (90*89)/(100*99)
    assertThat(Challenger.detectionProbability(100, 10, 2))
        .isCloseTo(1 - 90.0 * 89 / (100.0 * 99), within(1e-12));
    assertThat(Challenger.detectionProbability(100, 5, 0)).isZero();
  }

  @Test
  void pickedStepsAreDistinctAndUniform() {
    SplittableRandom r = new SplittableRandom(5);
    int[] hits = new int[20];
    for (int t = 0; t < 20000; t++) {
      int[] p = Challenger.pick(20, 5, r);
      assertThat(java.util.Arrays.stream(p).distinct().count()).isEqualTo(5);
      for (int i : p) {
        hits[i]++;
      }
    }
    // Each index is hit with probability 1/4: 5000 expected, sd ~61.
    for (int h : hits) {
      assertThat(h).isBetween(4700, 5300);
    }
  }

  @Test
  void catchRateOverManyRandomChallengesMatchesTheFormula() {
    var j = provider(tiny).run(job(tiny, "tiny"), Optional.of(Engine.Tamper.flipFirst(40)));
    Vcr vcr = j.signVcr();
    int n = j.trace().length();
    StepReveal[] all = new StepReveal[n];
    for (int i = 0; i < n; i++) {
      all[i] = j.reveal(i);
    }
    Challenger challenger = new Challenger(tiny, ENGINE, MERKLE);
    SplittableRandom r = new SplittableRandom(2026);
    for (int k : new int[] {5, 20}) {
      int trials = 1500;
      int caught = 0;
      for (int t = 0; t < trials; t++) {
        int[] steps = Challenger.pick(n, k, r);
        List<StepReveal> ans = new ArrayList<>();
        for (int s : steps) {
          ans.add(all[s]);
        }
        if (challenger.check(vcr, steps, ans) instanceof ChallengeOutcome.Fraud f) {
          assertThat(f.step()).isEqualTo(40);
          caught++;
        }
      }
      double p = Challenger.detectionProbability(n, k, 1);
      double sd = Math.sqrt(trials * p * (1 - p));
      assertThat((double) caught)
          .isCloseTo(trials * p, org.assertj.core.data.Offset.offset(4.5 * sd));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
