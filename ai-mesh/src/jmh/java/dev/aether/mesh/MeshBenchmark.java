package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.trace.Trace;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baselines and ratios (docs/BENCHMARKS.md): {@code untraced} is the baseline for {@code traced}
 * (tracing overhead = hashing every step + the KZG commitment); {@code untraced} is also the
 * baseline for {@code checkOneStep*} (a challenger re-executing one step instead of the job).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MeshBenchmark {
  @Param({"kjv-char-transformer"})
  public String model;

  private KzgVectorCommitment kzg;
  private Parallelism par;
  private Engine engine;
  private Model m;
  private Program program;
  private Tensor input;
  private ProviderRuntime.ExecutedJob job;
  private Vcr vcr;
  private Challenger challenger;
  private int heaviestStep;
  private int medianStep;
  private StepReveal heaviestReveal;
  private StepReveal medianReveal;
  private List<Tensor> heaviestInputs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    kzg = new KzgVectorCommitment();
    par = Parallelism.serial();
    engine = new Engine(par);
    ModelRegistry reg = ModelRegistry.bundled();
    ModelRegistry.Entry e = reg.resolve(model);
    m = e.model();
    program = m.architecture().program();
    input = m.architecture().encodeInput(e.sampleInput());
    ProviderRuntime provider =
        new ProviderRuntime(
            reg,
            engine,
            kzg,
            Ed25519Key.fromSeed(new byte[32]),
            new DevAttester(new byte[32], new byte[48]),
            new byte[32]);
    job = provider.run(new Job(new byte[32], m.modelHashHex(), e.sampleInput(), 1));
    vcr = job.signVcr();
    challenger = new Challenger(reg, engine, kzg);
    // The most expensive step is the widest matmul of the last pass (fc1/fc2 of a block).
    long best = -1;
    List<Integer> linear = new ArrayList<>();
    for (int i = 1; i < program.length(); i++) {
      if (program.step(i).op() instanceof Op.Linear l) {
        Tensor w = m.weights().get(l.weight());
        Tensor x = job.trace().outputs().get(program.step(i).inputs()[0]);
        long cost = (long) (x.size() / w.dim(0)) * w.dim(0) * w.dim(1);
        if (cost > best) {
          best = cost;
          heaviestStep = i;
        }
        linear.add(i);
      }
    }
    medianStep = program.length() / 2;
    heaviestReveal = job.reveal(heaviestStep);
    medianReveal = job.reveal(medianStep);
    heaviestInputs = heaviestReveal.inputs();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    par.close();
    kzg.close();
  }

  /** Baseline: the whole job without tracing. */
  @Benchmark
  public List<Tensor> untraced() {
    return engine.run(program, m.weights(), input, 1, StepObserver.NONE);
  }

  /** The whole job with every step hashed and the trace committed with KZG. */
  @Benchmark
  public Trace traced() {
    TraceRecorder rec = new TraceRecorder();
    List<Tensor> outs = engine.run(program, m.weights(), input, 1, rec);
    return Trace.commit(outs, rec.leaves(), kzg);
  }

  /** Hashing every step only (no commitment), to split the overhead. */
  @Benchmark
  public List<byte[]> hashedOnly() {
    TraceRecorder rec = new TraceRecorder();
    engine.run(program, m.weights(), input, 1, rec);
    return rec.leaves();
  }

  /** One KZG opening (a fresh index each time, so the provider's cache does not answer). */
  @Benchmark
  public Opening oneOpening() {
    next = (next + 1) % program.length();
    return job.trace().committed().open(next);
  }

  /** Challenger: re-execute the heaviest step from its revealed inputs (no KZG). */
  @Benchmark
  public Tensor reexecuteHeaviestStep() {
    return engine.runStep(program, heaviestStep, m.weights(), 1, heaviestInputs);
  }

  /** Challenger: full check of the heaviest step, KZG verifications of its openings included. */
  @Benchmark
  public ChallengeOutcome checkHeaviestStep() {
    return challenger.check(vcr, new int[] {heaviestStep}, List.of(heaviestReveal));
  }

  /** Challenger: full check of a middle step (a typical one). */
  @Benchmark
  public ChallengeOutcome checkMedianStep() {
    return challenger.check(vcr, new int[] {medianStep}, List.of(medianReveal));
  }
}
