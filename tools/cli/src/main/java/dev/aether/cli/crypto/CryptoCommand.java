package dev.aether.cli.crypto;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aetherctl crypto}: tools over Aether's cryptographic primitives. */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    description = "Cryptographic primitives: check vectors in JSON Lines.",
    subcommands = {CryptoCheckCommand.class})
public final class CryptoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
