package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.ChallengeOutcome;
import dev.aether.mesh.Challenger;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.FraudFinder;
import dev.aether.mesh.FraudProofJson;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.StepReveal;
import dev.aether.mesh.TraceFile;
import dev.aether.mesh.model.ModelRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code aetherctl mesh challenge vcr.json}: re-runs the job of a published receipt and names the
 * first step whose published leaf differs — the input of the one-round fraud proof, which it writes
 * for {@code aetherctl job challenge}. Exit 0 honest, 1 fraud found (or another input), 2 bad
 * input. {@code --openings K} adds the random spot check, answered from the provider's kept trace.
 */
@Command(
    name = "challenge",
    description = "Re-run a published VCR's job, name the first divergent step, write the proof.")
final class ChallengeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VCR", description = "vcr.json")
  Path file;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "The job input (default: the one in the provider's kept trace <VCR>.trace).")
  Optional<Path> input;

  @Option(
      names = "--proof-out",
      paramLabel = "FILE",
      description = "Where to write the fraud proof (default: <VCR>.fraud.json).")
  Optional<Path> proofOut;

  @Option(
      names = "--openings",
      paramLabel = "K",
      description = "Also spot-check K random steps against the provider's kept trace.")
  Optional<Integer> openings;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "The provider's kept trace (default: <VCR>.trace).")
  Optional<Path> traceFile;

  @Option(
      names = "--challenge-seed",
      paramLabel = "N",
      description = "Seed for choosing spot-check steps (default: a secure random choice).")
  Optional<Long> challengeSeed;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Model folders to load.")
  Optional<Path> modelsDir;

  @Override
  public Integer call() {
    if (openings.isPresent() && openings.get() < 1) {
      throw new CliException("--openings must be at least 1", MeshCommand.BAD_INPUT);
    }
    VcrSubmission sub = VerifyVcrCommand.load(file);
    Path tracePath = traceFile.orElse(Path.of(file + ".trace"));
    Optional<TraceFile.Contents> kept =
        Files.exists(tracePath) || traceFile.isPresent()
            ? Optional.of(MeshCommand.guard(() -> TraceFile.read(MeshCommand.read(tracePath))))
            : Optional.empty();
    if (kept.isPresent() && !Arrays.equals(kept.get().job().jobId(), sub.vcr().jobId().toArray())) {
      throw new CliException("trace file is for another job", MeshCommand.BAD_INPUT);
    }
    byte[] jobInput =
        input
            .map(MeshCommand::read)
            .or(() -> kept.map(k -> k.job().input()))
            .orElseThrow(
                () -> new CliException("pass --input FILE (the job input)", MeshCommand.BAD_INPUT));
    ModelRegistry registry = MeshCommand.registry(modelsDir);
    PrintWriter out = spec.commandLine().getOut();
    try (Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      Engine engine = new Engine(par);
      FraudFinder.Finding finding =
          MeshCommand.guard(() -> new FraudFinder(registry, engine, kzg).check(sub, jobInput));
      int code =
          switch (finding) {
            case FraudFinder.Finding.Honest h -> {
              out.println("honest: all " + h.steps() + " steps re-ran to the published leaves");
              yield 0;
            }
            case FraudFinder.Finding.OtherInput o -> {
              out.println("REFUSED: the receipt's input is not this job input");
              yield MeshCommand.FRAUD;
            }
            case FraudFinder.Finding.Malformed m -> {
              out.println("REFUSED: " + m.detail());
              yield MeshCommand.FRAUD;
            }
            case FraudFinder.Finding.Divergent d -> {
              Path p = proofOut.orElse(Path.of(file + ".fraud.json"));
              MeshCommand.write(
                  p, FraudProofJson.write(d.proof()).getBytes(StandardCharsets.UTF_8));
              out.println(
                  "FRAUD: first divergent step "
                      + d.step()
                      + " ("
                      + registry
                          .resolve(sub.vcr().modelHash().toHex())
                          .model()
                          .architecture()
                          .program()
                          .step(d.step())
                          .op()
                      + "); fraud proof written to "
                      + p);
              yield MeshCommand.FRAUD;
            }
          };
      if (openings.isPresent()) {
        if (kept.isEmpty()) {
          throw new CliException(
              "--openings needs the provider's kept trace (--trace FILE)", MeshCommand.BAD_INPUT);
        }
        code = Math.max(code, spotCheck(sub, kept.get(), registry, engine, kzg, out));
      }
      return code;
    }
  }

  private int spotCheck(
      VcrSubmission sub,
      TraceFile.Contents kept,
      ModelRegistry registry,
      Engine engine,
      KzgVectorCommitment kzg,
      PrintWriter out) {
    // The provider side answers from its kept trace only; its keys are never needed to reveal.
    byte[] unused = new byte[32];
    ProviderRuntime provider =
        new ProviderRuntime(
            registry,
            engine,
            kzg,
            Ed25519Key.fromSeed(unused),
            new DevAttester(unused, new byte[48]),
            sub.vcr().codeHash().toArray());
    var answering = MeshCommand.guard(() -> provider.resume(kept.job(), kept.outputs()));
    int n = answering.trace().length();
    int[] steps =
        Challenger.pick(
            n,
            openings.get(),
            challengeSeed
                .map(SplittableRandom::new)
                .orElseGet(() -> new SplittableRandom(new SecureRandom().nextLong())));
    List<StepReveal> answers = new ArrayList<>(steps.length);
    for (int s : steps) {
      answers.add(MeshCommand.guard(() -> answering.reveal(s)));
    }
    ChallengeOutcome outcome =
        new Challenger(registry, engine, kzg).check(sub.vcr(), steps, answers);
    out.printf(
        "spot check: opened %d of %d steps; detection probability for one falsified step %.4f%n",
        steps.length, n, Challenger.detectionProbability(n, steps.length, 1));
    return switch (outcome) {
      case ChallengeOutcome.Honest h -> {
        out.println("spot check honest: every opened step re-executed to its committed hash");
        yield 0;
      }
      case ChallengeOutcome.Fraud f -> {
        out.println("spot check FRAUD at step " + f.step() + ": " + f.reason() + ": " + f.detail());
        yield MeshCommand.FRAUD;
      }
    };
  }
}
