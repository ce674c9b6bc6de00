package dev.aether.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.genesis.GenesisConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regressions for the three attacks of issue 18 — an endless loop with a huge fee cap, an endless
 * {@code memory.fill} loop, a module with a huge table — and their relatives (tables and memory
 * grown without end, deep recursion, a block full of endless loops). Each is refused or charged in
 * bounded validator time, and the outcome is the same on a small and a large heap and on either
 * engine: the limits decide, never the JVM.
 */
class AttackTest {
  private static final GenesisConfig.Limits L = GenesisConfig.Limits.DEFAULT;

  private static String line(List<String> out, String prefix) {
    return out.stream()
        .filter(s -> s.startsWith(prefix + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + out));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAttackIsRefusedOrChargedWithinTheLimits() {
    List<String> out = AttackWorkload.run(WasmContracts.Mode.INTERPRETER);
    assertThat(line(out, "deploy stress")).contains("code=0 ");
    assertThat(line(out, "deploy bulk")).contains("code=0 ");
    // A 42-byte module declaring a 10-million-element table is refused at deploy.
    assertThat(line(out, "deploy hugetable")).contains("code=1015 ");
    // The endless loop with a cap worth 10^12 stops at exactly the per-transaction step limit.
    assertThat(line(out, "spin")).contains("code=1019 ", "steps=" + L.txStepsMax() + " ");
    // So does the endless 64 KiB fill: each fill pays for its bytes.
    assertThat(line(out, "fillloop")).contains("code=1019 ", "steps=" + L.txStepsMax() + " ");
    // Growing a table without a maximum succeeds four times (4,000 elements), then fails as the
    // instruction defines (-1) at the chain's limit of 4,096: the call itself succeeds.
    assertThat(line(out, "tablegrow")).contains("code=0 ");
    // Memory grows to the page limit, then the next grow fails the call.
    assertThat(line(out, "growloop")).contains("code=1012 ");
    assertThat(line(out, "recurse")).contains("code=1013 ");
    // A block of 24 endless loops is over the block budget: invalid for every validator ...
    assertThat(line(out, "flood")).isEqualTo("flood ledger.block_over_budget");
    // ... and a proposer builds one of the ten that fit, deferring the rest (not evicting them).
    String built = line(out, "built");
    long fit = L.blockStepsMax() / L.txStepsMax();
    assertThat(built)
        .contains("included=" + fit + " ", "deferred=" + (24 - fit) + " ", "dropped=0 ");
    long steps = Long.parseLong(built.replaceAll(".* steps=(\\d+) .*", "$1"));
    assertThat(steps).isLessThanOrEqualTo(L.blockStepsMax());
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theOutcomeIsTheSameOnASmallAndALargeHeapAndOnEitherEngine() throws Exception {
    List<String> small = child("-Xmx64m", "INTERPRETER");
    List<String> large = child("-Xmx1g", "INTERPRETER");
    List<String> compiledSmall = child("-Xmx64m", "COMPILER");
    assertThat(small).isNotEmpty().isEqualTo(large);
    assertThat(compiledSmall).isEqualTo(small);
    assertThat(small).isEqualTo(AttackWorkload.run(WasmContracts.Mode.INTERPRETER));
  }

  /** Runs {@link AttackWorkload} in a fresh JVM with {@code heap}; returns its output lines. */
  private static List<String> child(String heap, String engine)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add(heap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-ea:com.dylibso.chicory...");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AttackWorkload.class.getName());
    cmd.add(engine);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("child %s %s failed: %s", heap, engine, stderr).isZero();
    return stdout.lines().toList();
  }
}
