package dev.aether.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs aetherctl in-process and captures exit code, stdout and stderr. */
public final class CliHarness {
  /** The outcome of one invocation. */
  public record Result(int exitCode, String out, String err) {}

  private CliHarness() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AetherCtl.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
