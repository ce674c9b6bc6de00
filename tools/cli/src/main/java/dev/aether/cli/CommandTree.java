package dev.aether.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rules that hold for every command of {@code aetherctl}, applied to the whole tree when it is
 * built, so a command registered later gets them without declaring anything:
 *
 * <ul>
 *   <li>{@code -h}/{@code --help} prints the command's usage and exits 0 (commands that already
 *       declare help options, e.g. with {@code mixinStandardHelpOptions}, keep theirs);
 *   <li>a word where a subcommand is expected and that names none is an error (exit 2) that names
 *       it, even when {@code --help} is also given: picocli would otherwise treat the help request
 *       as winning and print the parent's usage with exit 0.
 * </ul>
 */
final class CommandTree {
  private CommandTree() {}

  /** Adds the help option to {@code cl} and every command below it. */
  static void addHelpEverywhere(final CommandLine cl) {
    final CommandSpec spec = cl.getCommandSpec();
    if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      final String[] names =
          spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
      spec.addOption(
          OptionSpec.builder(names)
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    cl.getSubcommands().values().stream().distinct().forEach(CommandTree::addHelpEverywhere);
  }

  /**
   * The error for arguments {@code cl} does not know: "unknown command 'x'" where a subcommand is
   * expected, else picocli's unmatched-argument error.
   */
  static CommandLine.ParameterException refusal(
      final CommandLine cl, final List<String> unmatched) {
    final String first = unmatched.getFirst();
    if (!cl.getSubcommands().isEmpty() && !first.startsWith("-")) {
      return new CommandLine.ParameterException(
          cl,
          "unknown command '"
              + first
              + "' for '"
              + cl.getCommandSpec().qualifiedName()
              + "' (commands: "
              + String.join(", ", cl.getSubcommands().keySet())
              + ")");
    }
    return new CommandLine.UnmatchedArgumentException(cl, unmatched);
  }

  /** Refuses unmatched arguments before any help request or command runs, then runs the last. */
  static int execute(final CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (!last.unmatched().isEmpty()) {
      throw refusal(last.commandSpec().commandLine(), last.unmatched());
    }
    return new CommandLine.RunLast().execute(parsed);
  }
}
