package dev.aether.mesh;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.Trace;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.TeeBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compute provider: runs jobs with a committed trace, attests the result, signs receipts,
 * publishes them with their trace and answers spot checks.
 */
public final class ProviderRuntime {
  private final ModelRegistry registry;
  private final Engine engine;
  private final VectorCommitment commitment;
  private final Ed25519Key key;
  private final Attester tee;
  private final byte[] codeHash;

  /**
   * @param registry the models it can run
   * @param engine the inference engine
   * @param commitment the trace commitment scheme
   * @param key the key that signs receipts (the provider's registered key)
   * @param tee the TEE that quotes the job binding ({@link DevAttester} where there is no hardware)
   * @param codeHash SHA-256 of the runtime artifact it runs ({@link RuntimeArtifact})
   */
  public ProviderRuntime(
      ModelRegistry registry,
      Engine engine,
      VectorCommitment commitment,
      Ed25519Key key,
      Attester tee,
      byte[] codeHash) {
    if (codeHash.length != 32) {
      throw new IllegalArgumentException("code hashes are 32 bytes");
    }
    this.registry = registry;
    this.engine = engine;
    this.commitment = commitment;
    this.key = key;
    this.tee = tee;
    this.codeHash = codeHash.clone();
  }

  /** The provider's account address (of its receipt-signing key). */
  public Address address() {
    return Address.ofPublicKey(key.publicKey());
  }

  /** Runs {@code job} honestly. */
  public ExecutedJob run(Job job) {
    return run(job, Optional.empty());
  }

  /**
   * Runs {@code job}; a present {@code tamper} falsifies one step (1 to n-1, the last included) —
   * for tests and the CLI's test-only flag, to show receipts and disputes catching a dishonest
   * provider.
   */
  public ExecutedJob run(Job job, Optional<Engine.Tamper> tamper) {
    Model model = registry.resolve(job.modelHash()).model();
    Program program = model.architecture().program();
    if (tamper.isPresent()
        && (tamper.get().step() < 1 || tamper.get().step() >= program.length())) {
      throw new MeshException.BadInput(
          "tamper step must be 1.." + (program.length() - 1) + ", got " + tamper.get().step());
    }
    // Each step's leaf is hashed on a second thread while the engine computes the next step.
    try (TraceRecorder recorder = TraceRecorder.overlapped()) {
      List<Tensor> outputs;
      try {
        Tensor input = model.architecture().encodeInput(job.input());
        outputs = engine.run(program, model.weights(), input, job.seed(), recorder, tamper);
      } catch (IllegalArgumentException | ArithmeticException | ComputeException e) {
        throw new MeshException.BadInput("the job cannot run: " + e.getMessage());
      }
      return new ExecutedJob(job, model, Trace.commit(outputs, recorder.leaves(), commitment));
    }
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
    private final Map<Integer, Opening> openings = new ConcurrentHashMap<>();
    private Attestation attestation;

    private ExecutedJob(Job job, Model model, Trace trace) {
      this.job = job;
      this.model = model;
      this.trace = trace;
    }

    /** The model that ran. */
    public Model model() {
      return model;
    }

    /** The job. */
    public Job job() {
      return job;
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
     * The TEE evidence over this run's {@link TeeBinding}: job, input (SHA-256 of the canonical
     * input tensor), model, code, seed, output, trace commitment and the provider key — quoted
     * after the run, since it vouches for the result.
     */
    public byte[] attest() {
      return attestation().evidence().toArray();
    }

    /**
     * The TEE's answer for this run — its evidence ({@link #attest()}) and the certificates that
     * travel with it —, obtained once: a hardware quote costs a round trip to the security
     * processor, and the receipt and its publication must carry the same quote.
     */
    public synchronized Attestation attestation() {
      if (attestation == null) {
        attestation =
            tee.attest(
                new TeeBinding(
                        job.jobId(),
                        trace.outputs().get(0).sha256(),
                        model.modelHash(),
                        codeHash,
                        job.seed(),
                        output().sha256(),
                        commitment(),
                        key.publicKey())
                    .reportData());
      }
      return attestation;
    }

    /**
     * The receipt: hashes, the TEE quote, the trace commitment with openings of its first leaf (the
     * input) and last leaf (the output) as spot-check extras, signed by the provider key.
     */
    public Vcr signVcr() {
      int last = trace.length() - 1;
      Vcr unsigned =
          new Vcr(
              H256.of(job.jobId()),
              address(),
              H256.of(trace.outputs().get(0).sha256()),
              H256.of(model.modelHash()),
              H256.of(codeHash),
              job.seed(),
              H256.of(output().sha256()),
              Bytes.of(attest()),
              Optional.of(Bytes.of(commitment())),
              Optional.of(prove(0, last)),
              Bytes.of(new byte[64]));
      return unsigned.withSig(Bytes.of(key.sign(unsigned.signingBytes())));
    }

    /**
     * The receipt as it is published ({@code submitVCR}'s argument): the signed receipt, the model
     * header and weights root, one leaf per step with the proof they are the committed vector, the
     * last step's inputs and weights, and the certificates of the TEE's quote.
     */
    public VcrSubmission publish() {
      return publish(signVcr());
    }

    /** {@link #publish()} around a given receipt (tests re-sign altered ones). */
    public VcrSubmission publish(Vcr vcr) {
      List<H256> leaves = new ArrayList<>(trace.length());
      for (Tensor t : trace.outputs()) {
        leaves.add(H256.of(TraceRecorder.leaf(t)));
      }
      return new VcrSubmission(
          vcr,
          model.header(),
          model.weightsRoot(),
          leaves,
          Bytes.of(trace.committed().dataProof()),
          evidence(trace.length() - 1),
          attestation().collateral());
    }

    /** The inputs and weight slices of step {@code i} as this provider computed them. */
    public StepEvidence evidence(int i) {
      return StepEvidences.of(model, i, trace.outputs());
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
