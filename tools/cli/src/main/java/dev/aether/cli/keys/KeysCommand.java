package dev.aether.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aetherctl keys}: validator key files. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create and inspect validator key files.",
    subcommands = {KeysNewCommand.class, KeysShowCommand.class, KeysRotateKesCommand.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
