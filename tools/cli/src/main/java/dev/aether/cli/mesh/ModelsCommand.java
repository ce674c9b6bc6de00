package dev.aether.cli.mesh;

import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aetherctl mesh models}: lists the registered models by hash. */
@Command(name = "models", description = "List the models, by model_hash.")
final class ModelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--models-dir",
      paramLabel = "DIR",
      description = "Model folders to load instead of the shipped ones.")
  Optional<Path> modelsDir;

  @Override
  public Integer call() {
    ModelRegistry registry = MeshCommand.registry(modelsDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-22s %-64s %9s %6s  %s%n", "NAME", "MODEL_HASH", "PARAMS", "STEPS", "SAMPLE");
    for (ModelRegistry.Entry e : registry.list()) {
      Model m = e.model();
      out.printf(
          "%-22s %-64s %9d %6d  %s%n",
          m.name(),
          m.modelHashHex(),
          m.weights().parameterCount(),
          m.architecture().program().length(),
          e.sampleInputName());
    }
    return 0;
  }
}
