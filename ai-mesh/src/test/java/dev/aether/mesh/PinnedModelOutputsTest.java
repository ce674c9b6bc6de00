package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-machine determinism as evidence (issue 19): each shipped model's sample input has its
 * expected result pinned in the repository ({@code models/<name>/sample-output.txt}: steps, the
 * output's SHA-256 and the SHA-256 of every trace leaf, which fixes the trace commitment). A run on
 * any other CPU, JDK or thread count that computes one bit differently fails here, instead of
 * surfacing later as a provider slashed for an honest result.
 */
class PinnedModelOutputsTest {
  /** One shipped model's pinned run: the seed its sample output was computed with. */
  private record Pinned(String model, long seed) {}

  private static final List<Pinned> SHIPPED =
      List.of(
          new Pinned("digits-mlp", 0),
          new Pinned("kjv-char-transformer", 5),
          new Pinned("kjv-pentateuch-gpt", 5));

  @Test
  void everyShippedModelComputesItsPinnedSampleOutput() throws Exception {
    for (Pinned p : SHIPPED) {
      Path dir = Path.of("models", p.model());
      String pinned = Files.readString(dir.resolve("sample-output.txt")).strip();
      String line =
          pinned.lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> b).orElseThrow();
      for (int threads : new int[] {1, 3}) {
        assertThat(
                DeterminismProbe.run(
                    dir.resolve("weights.bin"),
                    dir.resolve("sample-input.txt"),
                    p.seed(),
                    threads,
                    Integer.MAX_VALUE))
            .as("%s on %d threads", p.model(), threads)
            .isEqualTo(line);
      }
    }
  }
}
