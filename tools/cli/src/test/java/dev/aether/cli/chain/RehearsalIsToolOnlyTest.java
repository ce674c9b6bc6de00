package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shadow fork replaces the chain's validator set with public rehearsal keys: that code path
 * must stay in the tool. Its classes are package-private to the CLI (which no node depends on), and
 * no node or program source other than the hook itself names the rehearsal hook or its key
 * derivation.
 */
class RehearsalIsToolOnlyTest {
  @Test
  void theForkClassesArePackagePrivateToTheCli() {
    for (Class<?> c :
        List.of(
            ShadowFork.class,
            ForkNet.class,
            ForkValidator.class,
            RehearsalValidators.class,
            RehearsalLoad.class,
            RehearsalReport.class)) {
      assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName()).isFalse();
    }
  }

  @Test
  void noNodeOrProgramCodeWiresTheRehearsal() throws IOException {
    Path root = AmmGovCommandsTest.ROOT;
    for (String module : List.of("node", "programs", "consensus", "ledger", "rpc")) {
      Path src = root.resolve(module).resolve("src/main");
      assertThat(src).isDirectory();
      try (Stream<Path> files = Files.walk(src)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .filter(f -> !f.getFileName().toString().equals("Rehearsal.java"))
            .forEach(
                f -> {
                  String text = read(f);
                  assertThat(text).as(f.toString()).doesNotContain("Rehearsal(");
                  assertThat(text).as(f.toString()).doesNotContain("aether/rehearsal");
                });
      }
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
