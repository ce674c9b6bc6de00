package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.mesh.RuntimeArtifact;
import java.nio.file.Path;
import java.util.Optional;

/** The provider runtime artifact a command measures: given, or the jar this aetherctl runs. */
final class MeshOptions {
  private MeshOptions() {}

  /** The artifact file: {@code --runtime-artifact}, else the running engine's jar. */
  static Path artifact(Optional<Path> given) {
    return given
        .or(RuntimeArtifact::current)
        .orElseThrow(
            () ->
                new CliException(
                    "the engine was not loaded from a jar: pass --runtime-artifact FILE",
                    MeshCommand.BAD_INPUT));
  }
}
