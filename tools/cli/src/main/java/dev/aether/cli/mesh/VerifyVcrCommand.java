package dev.aether.cli.mesh;

import dev.aether.mesh.VcrJson;
import dev.aether.mesh.VcrValidator;
import dev.aether.mesh.VcrVerdict;
import dev.aether.mesh.trace.KzgVectorCommitment;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.TeeVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aetherctl mesh verify-vcr vcr.json}: checks a receipt without re-running the job. */
@Command(
    name = "verify-vcr",
    description = "Check a VCR: signature, TEE quote and binding, model, commitment, openings.")
final class VerifyVcrCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VCR", description = "vcr.json")
  Path file;

  @Option(
      names = "--allow-dev",
      paramLabel = "KEY",
      description =
          "Accept development TEE quotes (NOT hardware-backed; devnet only) signed by this Ed25519"
              + " key, 32 bytes hex; repeatable. By default none is accepted.")
  List<String> devKeys = new ArrayList<>();

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Model folders to load.")
  Optional<Path> modelsDir;

  @Override
  public Integer call() {
    Vcr vcr = load(file);
    try (KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      VcrValidator validator = validator(MeshCommand.registry(modelsDir), kzg, devKeys);
      return report(spec, validator.validate(vcr));
    }
  }

  static VcrValidator validator(
      dev.aether.mesh.model.ModelRegistry registry, KzgVectorCommitment kzg, List<String> devKeys) {
    return new VcrValidator(
        registry,
        kzg,
        new TeeVerifier(),
        DevKeys.policy(devKeys),
        Collateral.none(),
        // Certificates in hardware quotes are judged valid as of now (a CLI, not consensus).
        Clock.systemUTC());
  }

  static Vcr load(Path file) {
    String json = new String(MeshCommand.read(file), StandardCharsets.UTF_8);
    return MeshCommand.guard(() -> VcrJson.read(json));
  }

  static int report(CommandLine.Model.CommandSpec spec, VcrVerdict verdict) {
    return switch (verdict) {
      case VcrVerdict.Valid v -> {
        spec.commandLine().getOut().println("valid");
        yield 0;
      }
      case VcrVerdict.Rejected r -> {
        spec.commandLine().getErr().println("rejected: " + r.reason().code() + ": " + r.detail());
        yield MeshCommand.FRAUD;
      }
    };
  }
}
