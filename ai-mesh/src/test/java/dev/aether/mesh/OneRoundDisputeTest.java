package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.Judgement;
import dev.aether.compute.proof.Meter;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.mesh.model.ModelFolders;
import dev.aether.mesh.model.ModelRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-round dispute over every operator kind: for each step of a small transformer (embedding,
 * layer norms, projections, attention, GELU, residuals, sampling, window shift), a provider that
 * falsified exactly that step is found by re-running and convicted by the one-step proof — with
 * certainty, not with probability k/n. A Merkle vector commitment stands in for KZG to keep the
 * hundred-odd commitments fast (the KZG path: {@link ForgeryRegressionTest}).
 */
class OneRoundDisputeTest {
  private static final MerkleCommitment MERKLE = new MerkleCommitment();
  private static final Engine ENGINE = new Engine(Parallelism.serial());
  private static ModelRegistry tiny;

  @BeforeAll
  static void tinyTransformer(@TempDir Path dir) throws Exception {
    ModelFolders.write(dir, "tiny", TestModels.transformerFile(13, 3), "in the beginning");
    tiny = ModelRegistry.fromDirectory(dir);
  }

  @Test
  void everyFalsifiedStepBeforeTheLastIsFoundAndConvicted() {
    ProviderRuntime provider =
        new ProviderRuntime(
            tiny,
            ENGINE,
            MERKLE,
            TestFixtures.PROVIDER_KEY,
            TestFixtures.ATTESTER,
            TestFixtures.CODE_HASH);
    ModelRegistry.Entry e = tiny.resolve("tiny");
    Job job = new Job(TestFixtures.JOB_ID, e.model().modelHashHex(), e.sampleInput(), 5);
    FraudFinder finder = new FraudFinder(tiny, ENGINE, MERKLE);
    FraudJudge judge = new FraudJudge(MERKLE, VerifyCosts.V1);
    int n = e.model().architecture().program().length();
    for (int step = 1; step < n - 1; step++) {
      VcrSubmission lie = provider.run(job, Optional.of(Engine.Tamper.flipFirst(step))).publish();
      FraudFinder.Finding f = finder.check(lie, job.input());
      assertThat(f).as("step %d", step).isInstanceOf(FraudFinder.Finding.Divergent.class);
      FraudProof proof = ((FraudFinder.Finding.Divergent) f).proof();
      assertThat(proof.step()).isEqualTo(step);
      // The proof survives its canonical encoding (what the transaction carries).
      FraudProof decoded = FraudProof.CODEC.decode(proof.encode());
      Judgement j = judge.judge(decoded, ForgeryRegressionTest.accepted(lie), Meter.NONE);
      assertThat(j)
          .as("step %d (%s)", step, e.model().architecture().program().step(step).op())
          .isInstanceOf(Judgement.FraudProven.class);
    }
    VcrSubmission honest = provider.run(job).publish();
    assertThat(finder.check(honest, job.input())).isEqualTo(new FraudFinder.Finding.Honest(n));
  }
}
