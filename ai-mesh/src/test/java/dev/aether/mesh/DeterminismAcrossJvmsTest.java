package dev.aether.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.model.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same job in fresh JVMs — interpreter only, C1 only, default tiered JIT — and on 1 or 3
 * threads gives bit-identical outputs and trace leaves.
 */
class DeterminismAcrossJvmsTest {
  private static String probe(List<String> jvmFlags, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DeterminismProbe.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().reduce((a, b) -> b).orElse("");
  }

  @Test
  void transformerAndClassifierAreBitIdenticalAcrossJitModesAndThreadCounts(@TempDir Path dir)
      throws Exception {
    Path tiny = dir.resolve("tiny.bin");
    Files.write(tiny, TestModels.transformerFile(21, 12));
    Path prompt = Files.writeString(dir.resolve("prompt.txt"), "and the earth was");
    Path digits = Path.of("models/digits-mlp/weights.bin");
    Path pixels = Path.of("models/digits-mlp/sample-input.txt");
    String[][] jobs = {
      {tiny.toString(), prompt.toString(), "77", "1", "100000"},
      {digits.toString(), pixels.toString(), "0", "1", "100000"}
    };
    for (String[] job : jobs) {
      String reference = probe(List.of("-Xint"), job);
      assertThat(reference).matches("\\d+ [0-9a-f]{64} [0-9a-f]{64}");
      assertThat(probe(List.of("-XX:TieredStopAtLevel=1"), job)).isEqualTo(reference);
      String[] threaded = job.clone();
      threaded[3] = "3";
      assertThat(probe(List.of(), threaded)).isEqualTo(reference);
    }
  }

  @Test
  void shippedTransformerIsBitIdenticalAcrossJitModesAndThreadCounts() throws Exception {
    String weights = "models/kjv-char-transformer/weights.bin";
    String prompt = "models/kjv-char-transformer/sample-input.txt";
    // The interpreter is ~50x slower: compare the first three generation passes (80 steps) there.
    String prefix = probe(List.of("-Xint"), weights, prompt, "5", "1", "80");
    assertThat(prefix).startsWith("80 ");
    assertThat(probe(List.of("-XX:TieredStopAtLevel=1"), weights, prompt, "5", "2", "80"))
        .isEqualTo(prefix);
    String full = probe(List.of(), weights, prompt, "5", "1", "100000");
    assertThat(full).startsWith("1666 ");
    assertThat(probe(List.of("-XX:TieredStopAtLevel=1"), weights, prompt, "5", "3", "100000"))
        .isEqualTo(full);
  }
}
