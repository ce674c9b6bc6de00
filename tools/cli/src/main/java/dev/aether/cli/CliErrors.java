package dev.aether.cli;

import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and a non-zero exit code. A {@link CliException}
 * carries its own exit code; anything else is reported by its message (never a stack trace).
 */
final class CliErrors
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int USAGE = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    int code = ex instanceof CliException c ? c.exitCode() : FAILURE;
    String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cmd.getErr().println("error: " + msg);
    return code;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException parseError, String[] args) {
    CommandLine.ParameterException ex =
        parseError instanceof CommandLine.UnmatchedArgumentException u
            ? CommandTree.refusal(u.getCommandLine(), u.getUnmatched())
            : parseError;
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("error: " + ex.getMessage());
    cmd.getErr().println("try '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return USAGE;
  }
}
