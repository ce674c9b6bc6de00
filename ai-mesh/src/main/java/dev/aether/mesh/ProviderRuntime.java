package dev.aether.mesh;

import dev.aether.mesh.engine.Engine;
import dev.aether.mesh.engine.OperatorSet;
import dev.aether.mesh.engine.Program;
import dev.aether.mesh.engine.Tensor;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.Trace;
import dev.aether.mesh.trace.TraceRecorder;
import dev.aether.mesh.trace.VectorCommitment;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.TeeBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compute provider: attests, runs jobs with a committed trace, proves steps and signs receipts.
 */
public final class ProviderRuntime {
  private final ModelRegistry registry;
  private final Engine engine;
  private final VectorCommitment commitment;
  private final Ed25519Key key;
  private final Attester tee;

  /**
   * @param registry the models it can run
   * @param engine the inference engine
   * @param commitment the trace commitment scheme
   * @param key the key that signs receipts
   * @param tee the TEE that quotes the job binding ({@link DevAttester} where there is no hardware)
   */
  public ProviderRuntime(
      ModelRegistry registry,
      Engine engine,
      VectorCommitment commitment,
      Ed25519Key key,
      Attester tee) {
    this.registry = registry;
    this.engine = engine;
    this.commitment = commitment;
    this.key = key;
    this.tee = tee;
  }

  /**
   * The TEE quote over {@code job}'s {@link TeeBinding}: job id, input hash (SHA-256 of the
   * canonical input tensor), model hash, code hash, seed, and this provider's public key.
   */
  public byte[] attest(Job job) {
    Model model = registry.resolve(job.modelHash()).model();
    byte[] inputHash = model.architecture().encodeInput(job.input()).sha256();
    return tee.quote(
        new TeeBinding(
                job.jobId(),
                inputHash,
                model.modelHash(),
                OperatorSet.codeHash(),
                job.seed(),
                key.publicKey())
            .reportData());
  }

  /** Runs {@code job} honestly. */
  public ExecutedJob run(Job job) {
    return run(job, Optional.empty());
  }

  /**
   * Runs {@code job}; a present {@code tamper} falsifies one step — for tests and the CLI's
   * test-only flag, to show challenges catching a dishonest provider.
   */
  public ExecutedJob run(Job job, Optional<Engine.Tamper> tamper) {
    Model model = registry.resolve(job.modelHash()).model();
    Tensor input = model.architecture().encodeInput(job.input());
    Program program = model.architecture().program();
    if (tamper.isPresent()
        && (tamper.get().step() < 1 || tamper.get().step() >= program.length())) {
      throw new MeshException.BadInput(
          "tamper step must be 1.." + (program.length() - 1) + ", got " + tamper.get().step());
    }
    TraceRecorder recorder = new TraceRecorder();
    List<Tensor> outputs;
    try {
      outputs = engine.run(program, model.weights(), input, job.seed(), recorder, tamper);
    } catch (IllegalArgumentException e) {
      throw new MeshException.BadInput("the job cannot run: " + e.getMessage());
    }
    Trace trace = Trace.commit(outputs, recorder.leaves(), commitment);
    return new ExecutedJob(job, model, trace);
  }

  /** Rebuilds a job's state from a stored trace (a provider answering challenges later). */
  public ExecutedJob resume(Job job, List<Tensor> outputs) {
    Model model = registry.resolve(job.modelHash()).model();
    List<byte[]> leaves = new ArrayList<>(outputs.size());
    for (Tensor t : outputs) {
      leaves.add(TraceRecorder.leaf(t));
    }
    return new ExecutedJob(job, model, Trace.commit(outputs, leaves, commitment));
  }

  /** A job run by this provider, holding its trace to prove steps and answer challenges. */
  public final class ExecutedJob {
    private final Job job;
    private final Model model;
    private final Trace trace;
    // Openings cost a KZG proof each and a challenge asks for the same leaf several times (a step
    // and the step that consumes it), so each is computed once.
    private final java.util.Map<Integer, Opening> openings =
        new java.util.concurrent.ConcurrentHashMap<>();

    private ExecutedJob(Job job, Model model, Trace trace) {
      this.job = job;
      this.model = model;
      this.trace = trace;
    }

    /** The model that ran. */
    public Model model() {
      return model;
    }

    /** The job output (the last step's tensor). */
    public Tensor output() {
      return trace.outputs().get(trace.length() - 1);
    }

    /** The trace. */
    public Trace trace() {
      return trace;
    }

    /** The trace commitment. */
    public byte[] commitment() {
      return trace.committed().commitment();
    }

    /** Openings of the given steps' leaves. */
    public List<Opening> prove(int... indices) {
      List<Opening> out = new ArrayList<>(indices.length);
      for (int i : indices) {
        if (i < 0 || i >= trace.length()) {
          throw new MeshException.BadInput("no step " + i + " in a trace of " + trace.length());
        }
        out.add(open(i));
      }
      return out;
    }

    /**
     * The receipt: hashes, the TEE quote, the trace commitment with openings of its first leaf (the
     * input) and last leaf (the output), signed by the provider key.
     */
    public Vcr signVcr() {
      int last = trace.length() - 1;
      Vcr unsigned =
          new Vcr(
              H256.of(job.jobId()),
              Address.ofPublicKey(key.publicKey()),
              H256.of(trace.outputs().get(0).sha256()),
              H256.of(model.modelHash()),
              H256.of(OperatorSet.codeHash()),
              job.seed(),
              H256.of(output().sha256()),
              Bytes.of(attest(job)),
              Optional.of(Bytes.of(commitment())),
              Optional.of(prove(0, last)),
              Bytes.of(new byte[64]));
      return unsigned.withSig(Bytes.of(key.sign(unsigned.signingBytes())));
    }

    private Opening open(int i) {
      return openings.computeIfAbsent(i, trace.committed()::open);
    }

    /** Answers a challenge of step {@code i}: its opening and its inputs with their openings. */
    public StepReveal reveal(int i) {
      if (i < 0 || i >= trace.length()) {
        throw new MeshException.BadInput("no step " + i + " in a trace of " + trace.length());
      }
      int[] refs = i == 0 ? new int[] {0} : model.architecture().program().step(i).inputs();
      List<Tensor> inputs = new ArrayList<>(refs.length);
      List<Opening> inputOpenings = new ArrayList<>(refs.length);
      for (int r : refs) {
        inputs.add(trace.outputs().get(r));
        inputOpenings.add(open(r));
      }
      return new StepReveal(open(i), inputs, inputOpenings);
    }
  }
}
