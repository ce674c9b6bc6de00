package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndTest {
  @Test
  void honestDigitsJobValidatesPassesFullChallengeAndReRunsToTheSameTrace() {
    var provider = TestFixtures.provider();
    Job job = TestFixtures.sampleJob("digits-mlp", 7);
    var executed = provider.run(job);
    VcrSubmission sub = executed.publish();
    // Row 1500 of digits.csv (the sample input) is labelled 1.
    assertThat(executed.model().architecture().describeOutput(executed.output()))
        .isEqualTo("class 1");
    assertThat(
            TestFixtures.validator()
                .validate(sub, TestFixtures.terms(job), TestFixtures.providerTerms()))
        .isInstanceOf(ReceiptVerdict.Accepted.class);
    int[] all =
        Challenger.pick(
            executed.trace().length(),
            executed.trace().length(),
            java.util.random.RandomGenerator.of("L64X128MixRandom"));
    List<StepReveal> answers = new ArrayList<>();
    for (int i : all) {
      answers.add(executed.reveal(i));
    }
    var challenger = new Challenger(TestFixtures.MODELS, TestFixtures.ENGINE, TestFixtures.KZG);
    assertThat(challenger.check(sub.vcr(), all, answers))
        .isEqualTo(new ChallengeOutcome.Honest(all.length));
    assertThat(
            new FraudFinder(TestFixtures.MODELS, TestFixtures.ENGINE, TestFixtures.KZG)
                .check(sub, job.input()))
        .isEqualTo(new FraudFinder.Finding.Honest(executed.trace().length()));
  }
}
