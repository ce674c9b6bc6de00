package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Vcr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndTest {
  @Test
  void honestDigitsJobValidatesAndPassesFullChallenge() {
    var provider = TestFixtures.provider();
    long t0 = System.nanoTime();
    var job = provider.run(TestFixtures.sampleJob("digits-mlp", 7));
    long t1 = System.nanoTime();
    Vcr vcr = job.signVcr();
    long t2 = System.nanoTime();
    System.out.printf("run %.1f ms, sign(2 openings) %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    // Row 1500 of digits.csv (the sample input) is labelled 1.
    assertThat(job.model().architecture().describeOutput(job.output())).isEqualTo("class 1");
    var validator =
        TestFixtures.validator(TestFixtures.MODELS, TestFixtures.KZG, TestFixtures.DEVNET);
    assertThat(validator.validate(vcr)).isEqualTo(new VcrVerdict.Valid());
    int[] all =
        Challenger.pick(
            job.trace().length(),
            job.trace().length(),
            java.util.random.RandomGenerator.of("L64X128MixRandom"));
    List<StepReveal> answers = new ArrayList<>();
    for (int i : all) {
      answers.add(job.reveal(i));
    }
    var challenger = new Challenger(TestFixtures.MODELS, TestFixtures.ENGINE, TestFixtures.KZG);
    assertThat(challenger.check(vcr, all, answers))
        .isEqualTo(new ChallengeOutcome.Honest(all.length));
  }
}
