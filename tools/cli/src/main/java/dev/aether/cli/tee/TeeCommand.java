package dev.aether.cli.tee;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aetherctl tee}: TEE attestation tools. */
@Command(
    name = "tee",
    description = "TEE attestation tools (AMD SEV-SNP, Intel TDX, development quotes).",
    subcommands = {TeeVerifyCommand.class})
public final class TeeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
