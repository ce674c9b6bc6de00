package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aetherctl mesh}: run models with a committed trace, verify receipts, challenge them.
 *
 * <p>Exit codes: 0 success (an honest receipt), 1 a receipt rejected or fraud found, 2 bad input.
 */
@Command(
    name = "mesh",
    description = "AI mesh: models, verifiable inference receipts, challenges.",
    subcommands = {
      ModelsCommand.class,
      RunCommand.class,
      VerifyVcrCommand.class,
      ChallengeCommand.class
    })
public final class MeshCommand implements Runnable {
  /** Exit code for bad input (unreadable file, unknown model, malformed receipt). */
  static final int BAD_INPUT = 2;

  /** Exit code for a rejected receipt or a caught provider. */
  static final int FRAUD = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The shipped models, or those under {@code dir}. */
  static ModelRegistry registry(Optional<Path> dir) {
    return guard(() -> dir.map(ModelRegistry::fromDirectory).orElseGet(ModelRegistry::bundled));
  }

  /** Reads a file or fails with exit code 2. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file, BAD_INPUT);
    }
  }

  /** Writes a file or fails with exit code 2. */
  static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new CliException("cannot write " + file, BAD_INPUT);
    }
  }

  /** Runs {@code body}, turning mesh and compute errors into one-line CLI errors, exit 2. */
  static <T> T guard(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (MeshException e) {
      throw new CliException(e.code() + ": " + e.getMessage(), BAD_INPUT);
    } catch (dev.aether.compute.ComputeException e) {
      throw new CliException(e.code() + ": " + e.getMessage(), BAD_INPUT);
    }
  }
}
