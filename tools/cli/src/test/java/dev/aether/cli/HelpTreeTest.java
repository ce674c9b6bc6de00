package dev.aether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} on every command of the tree, and unknown commands as errors. Walks the real
 * command tree, so a command registered later is covered without touching this test.
 */
class HelpTreeTest {

  /** Every command path under {@code aetherctl}, e.g. [tee, verify]. */
  static Stream<List<String>> commandPaths() {
    final CommandLine root =
        AetherCtl.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    final List<List<String>> out = new ArrayList<>();
    walk(root, new ArrayList<>(), out);
    return out.stream();
  }

  private static void walk(
      final CommandLine cl, final List<String> path, final List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              // Aliases appear under each name; visit a command under its primary name only.
              if (name.equals(sub.getCommandName())) {
                path.add(name);
                walk(sub, path, out);
                path.removeLast();
              }
            });
  }

  @Test
  void theTreeIsTheWholeCli() {
    // A guard against a walk that finds nothing: the known nested commands are all visited.
    assertThat(commandPaths())
        .contains(List.of(), List.of("tee", "verify"), List.of("keys", "new"), List.of("tx", "get"))
        .hasSizeGreaterThan(20);
  }

  @ParameterizedTest
  @MethodSource("commandPaths")
  void everyCommandAnswersHelpWithItsUsageAndExitZero(final List<String> path) {
    for (final String flag : List.of("--help", "-h")) {
      final List<String> args = new ArrayList<>(path);
      args.add(flag);
      final CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("%s: %s", args, r.err()).isZero();
      assertThat(r.err()).as("%s", args).isEmpty();
      assertThat(r.out())
          .as("%s", args)
          .startsWith("Usage: " + String.join(" ", prepend("aetherctl", path)));
    }
  }

  @Test
  void anUnknownCommandIsAnErrorThatNamesItEvenWithHelp() {
    for (final String[] args :
        List.of(
            new String[] {"jobz", "--help"},
            new String[] {"jobz"},
            new String[] {"--help", "jobz"},
            new String[] {"tee", "frobnicate", "--help"})) {
      final CliHarness.Result r = CliHarness.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      final String unknown = args[0].equals("tee") ? "frobnicate" : "jobz";
      assertThat(r.err())
          .as(String.join(" ", args))
          .startsWith("error: unknown command '" + unknown + "'")
          .doesNotContain("Exception");
      assertThat(r.out()).as("no help printed for %s", String.join(" ", args)).isEmpty();
    }
  }

  @Test
  void anExtraArgumentAfterAHelpRequestIsStillAnError() {
    final CliHarness.Result r = CliHarness.run("version", "surplus", "--help");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("surplus");
    assertThat(r.out()).isEmpty();
  }

  private static List<String> prepend(final String head, final List<String> tail) {
    final List<String> l = new ArrayList<>();
    l.add(head);
    l.addAll(tail);
    return l;
  }
}
