package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.mesh.ChallengeOutcome;
import dev.aether.mesh.Challenger;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.StepReveal;
import dev.aether.mesh.TraceFile;
import dev.aether.mesh.VcrVerdict;
import dev.aether.mesh.engine.Engine;
import dev.aether.mesh.engine.Parallelism;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.KzgVectorCommitment;
import dev.aether.types.Vcr;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aetherctl mesh challenge vcr.json --openings K}: validates the receipt, picks K random
 * steps, has the provider (answering from its kept trace, {@code <vcr>.trace}) open them with their
 * inputs, and re-executes each. Exit 0 honest, 1 fraud found, 2 bad input.
 */
@Command(name = "challenge", description = "Spot-check a VCR by re-executing K random steps.")
final class ChallengeCommand implements Callable<Integer> {
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

  @Option(names = "--openings", required = true, paramLabel = "K", description = "Steps to open.")
  int openings;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "The provider's kept trace (default: <VCR>.trace).")
  Optional<Path> traceFile;

  @Option(
      names = "--challenge-seed",
      paramLabel = "N",
      description = "Seed for choosing steps (default: a secure random choice).")
  Optional<Long> challengeSeed;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Model folders to load.")
  Optional<Path> modelsDir;

  @Override
  public Integer call() {
    if (openings < 1) {
      throw new CliException("--openings must be at least 1", MeshCommand.BAD_INPUT);
    }
    Vcr vcr = VerifyVcrCommand.load(file);
    TraceFile.Contents kept =
        MeshCommand.guard(
            () -> TraceFile.read(MeshCommand.read(traceFile.orElse(Path.of(file + ".trace")))));
    if (!Arrays.equals(kept.job().jobId(), vcr.jobId().toArray())) {
      throw new CliException("trace file is for another job", MeshCommand.BAD_INPUT);
    }
    ModelRegistry registry = MeshCommand.registry(modelsDir);
    PrintWriter out = spec.commandLine().getOut();
    try (Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      VcrVerdict verdict = VerifyVcrCommand.validator(registry, kzg, devKeys).validate(vcr);
      if (!verdict.isValid()) {
        return VerifyVcrCommand.report(spec, verdict);
      }
      Engine engine = new Engine(par);
      // The provider side: only its kept trace is used, never the provider's key.
      ProviderRuntime provider =
          new ProviderRuntime(registry, engine, kzg, DevKeys.provider(), DevKeys.tee());
      var answering = MeshCommand.guard(() -> provider.resume(kept.job(), kept.outputs()));
      int n = answering.trace().length();
      int[] steps =
          Challenger.pick(
              n,
              openings,
              challengeSeed
                  .map(SplittableRandom::new)
                  .orElseGet(() -> new SplittableRandom(new SecureRandom().nextLong())));
      List<StepReveal> answers = new ArrayList<>(steps.length);
      for (int s : steps) {
        answers.add(MeshCommand.guard(() -> answering.reveal(s)));
      }
      ChallengeOutcome outcome = new Challenger(registry, engine, kzg).check(vcr, steps, answers);
      out.printf(
          "opened %d of %d steps; detection probability for one falsified step %.4f%n",
          steps.length, n, Challenger.detectionProbability(n, steps.length, 1));
      return switch (outcome) {
        case ChallengeOutcome.Honest h -> {
          out.println("honest: every opened step re-executed to its committed hash");
          yield 0;
        }
        case ChallengeOutcome.Fraud f -> {
          out.println("FRAUD at step " + f.step() + ": " + f.reason() + ": " + f.detail());
          yield MeshCommand.FRAUD;
        }
      };
    }
  }
}
