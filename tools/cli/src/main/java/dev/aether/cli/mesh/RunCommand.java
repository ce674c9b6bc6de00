package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.Job;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.TraceFile;
import dev.aether.mesh.VcrJson;
import dev.aether.mesh.model.ModelRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl mesh run}: runs a job as a provider and writes the published receipt ({@code
 * vcr.json}: the signed VCR with its trace leaves and last-step evidence — what {@code job
 * submit-vcr} sends) and, beside it, the trace the provider keeps to answer spot checks ({@code
 * <out>.trace}). The receipt is signed by the provider's key and attested by its development TEE
 * key; both are key files — there is no built-in key.
 */
@Command(name = "run", description = "Run a model as a provider and write a signed, published VCR.")
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

  @Option(
      names = "--provider-key",
      required = true,
      paramLabel = "KEYFILE",
      description = "The provider's key file (its account key signs the receipt).")
  Path providerKey;

  @Option(
      names = "--tee-key",
      required = true,
      paramLabel = "KEYFILE",
      description = "Development TEE key file (devnets; the key the provider registered).")
  Path teeKey;

  @Option(
      names = "--runtime-artifact",
      paramLabel = "FILE",
      description = "The runtime artifact code_hash names (default: the engine jar this runs).")
  Optional<Path> artifact;

  @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (default 1).")
  int threads;

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
    Ed25519Key key = Ed25519Key.fromSeed(KeyFiles.ed25519(providerKey).seed());
    Path art = MeshOptions.artifact(artifact);
    byte[] codeHash = RuntimeArtifact.codeHash(art);
    DevAttester tee =
        new DevAttester(KeyFiles.ed25519(teeKey).seed(), RuntimeArtifact.devMeasurement(art));
    Job job =
        MeshCommand.guard(
            () -> new Job(id, registry.resolve(model).model().modelHashHex(), file, seed));
    try (Parallelism par = Parallelism.of(threads);
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      ProviderRuntime provider =
          new ProviderRuntime(registry, new Engine(par), kzg, key, tee, codeHash);
      var executed =
          MeshCommand.guard(() -> provider.run(job, falsifyStep.map(Engine.Tamper::flipFirst)));
      VcrSubmission sub = MeshCommand.guard(executed::publish);
      MeshCommand.write(out, VcrJson.write(sub).getBytes(StandardCharsets.UTF_8));
      MeshCommand.write(Path.of(out + ".trace"), TraceFile.write(job, executed.trace().outputs()));
      PrintWriter o = spec.commandLine().getOut();
      o.println("model         " + executed.model().name());
      o.println(
          "output        " + executed.model().architecture().describeOutput(executed.output()));
      o.println("output_hash   " + sub.vcr().outputHash().toHex());
      o.println("trace_length  " + executed.trace().length());
      o.println("j_units       " + executed.model().jUnits());
      o.println("commitment    0x" + Hashing.hex(executed.commitment()));
      o.println("provider      " + sub.vcr().provider());
      o.println("code_hash     0x" + Hashing.hex(codeHash));
      o.println(
          "tee_key       0x"
              + tee.publicKeyHex()
              + " (development quote, NOT hardware-backed: verifiers accept it only when this key"
              + " is named with --allow-dev)");
      o.println("measurement   0x" + Hashing.hex(tee.measurement()));
      o.println("vcr           " + out);
      return 0;
    }
  }
}
