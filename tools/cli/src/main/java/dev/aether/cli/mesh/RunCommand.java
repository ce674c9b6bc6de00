package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.Job;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.TraceFile;
import dev.aether.mesh.VcrJson;
import dev.aether.mesh.engine.Engine;
import dev.aether.mesh.engine.Parallelism;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.KzgVectorCommitment;
import dev.aether.types.Vcr;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl mesh run}: runs a job as a provider, writes the signed receipt and, beside it,
 * the trace the provider keeps to answer challenges ({@code <out>.trace}).
 */
@Command(name = "run", description = "Run a model as a provider and write a signed VCR.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Name or hash.")
  String model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Job input.")
  Path input;

  @Option(names = "--seed", required = true, paramLabel = "N", description = "Sampling seed.")
  long seed;

  @Option(names = "--job-id", required = true, paramLabel = "HEX", description = "32-byte id.")
  String jobId;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "vcr.json path.")
  Path out;

  @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (default 1).")
  int threads;

  @Option(
      names = "--provider-key",
      paramLabel = "HEX",
      description = "32-byte Ed25519 seed of the provider key (default: the dev provider key).")
  Optional<String> providerKey;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Model folders to load.")
  Optional<Path> modelsDir;

  @Option(
      names = "--falsify-step",
      hidden = true,
      paramLabel = "I",
      description = "TEST ONLY: make the provider falsify step I's output.")
  Optional<Integer> falsifyStep;

  @Override
  public Integer call() {
    ModelRegistry registry = MeshCommand.registry(modelsDir);
    byte[] id = MeshCommand.guard(() -> Hashing.unhex(jobId, 32, "--job-id"));
    byte[] file = MeshCommand.read(input);
    if (threads < 1 || threads > 256) {
      throw new CliException("--threads must be 1..256", MeshCommand.BAD_INPUT);
    }
    Ed25519Key key =
        providerKey
            .map(k -> Ed25519Key.fromSeed(MeshCommand.guard(() -> Hashing.unhex(k, 32, "key"))))
            .orElseGet(() -> DevKeys.provider());
    Job job =
        MeshCommand.guard(
            () -> new Job(id, registry.resolve(model).model().modelHashHex(), file, seed));
    try (Parallelism par = Parallelism.of(threads);
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      ProviderRuntime provider =
          new ProviderRuntime(registry, new Engine(par), kzg, key, DevKeys.tee());
      var executed =
          MeshCommand.guard(() -> provider.run(job, falsifyStep.map(Engine.Tamper::flipFirst)));
      Vcr vcr = MeshCommand.guard(executed::signVcr);
      MeshCommand.write(out, VcrJson.write(vcr).getBytes(StandardCharsets.UTF_8));
      MeshCommand.write(Path.of(out + ".trace"), TraceFile.write(job, executed.trace().outputs()));
      PrintWriter o = spec.commandLine().getOut();
      o.println("model         " + executed.model().name());
      o.println(
          "output        " + executed.model().architecture().describeOutput(executed.output()));
      o.println("output_hash   " + vcr.outputHash().toHex());
      o.println("trace_length  " + executed.trace().length());
      o.println("commitment    0x" + Hashing.hex(executed.commitment()));
      o.println("vcr           " + out);
      o.println(
          "tee dev key   "
              + DevKeys.tee().publicKeyHex()
              + " (development quote, NOT hardware-backed: verifiers accept it only with"
              + " --allow-dev)");
      return 0;
    }
  }
}
